package main

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// batchCLI runs price --batch on in and returns the exit status, the
// output records and standard error.
func batchCLI(t *testing.T, in string) (int, [][]string, string) {
	t.Helper()
	code, stdout, stderr := cli("price", "--batch", writeTemp(t, "in.csv", []byte(in)))
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatalf("output %q: %v", stdout, err)
	}
	return code, recs, stderr
}

// TestPriceBatchOptionalColumns: r, q and steps are optional as the flags
// are: absent or empty, r and q are 0 and steps the model's default, so an
// alo row needs no steps column. References: the Longstaff-Schwartz put
// (S 36, X 40, t 1, sigma 0.2, r 0.06) is 4.486674 by QuantLib 1.29's
// QdFpAmericanEngine; the at-the-money call at r = q = 0 is
// S (2 N(sigma sqrt(t)/2) - 1) in closed form.
func TestPriceBatchOptionalColumns(t *testing.T) {
	atm := 100 * (2*0.5*(1+math.Erf(0.1/math.Sqrt2)) - 1) // 7.9655674554...
	for _, in := range []string{
		"id,model,style,type,S,X,t,sigma,r\nls,alo,american,put,36,40,1,0.2,0.06\natm,bs,european,call,100,100,1,0.2,\n",
		"id,model,style,type,S,X,t,sigma,r,q,steps\nls,alo,american,put,36,40,1,0.2,0.06,,\natm,bs,european,call,100,100,1,0.2,,,\n",
		"id,model,style,type,S,X,t,sigma,r\nls,alo,american,put,36,40,1,0.2,0.06\natm,bs,european,call,100,100,1,0.2\n", // a short row
	} {
		code, recs, stderr := batchCLI(t, in)
		if code != 0 || len(recs) != 3 {
			t.Errorf("%q: exit %d, output %v, stderr %q", in, code, recs, stderr)
			continue
		}
		for i, want := range []float64{4.486674, atm} {
			v, err := strconv.ParseFloat(recs[i+1][1], 64)
			if err != nil || !scalar.EqualWithinAbs(v, want, 1e-5) {
				t.Errorf("%q: row %v, want value %v", in, recs[i+1], want)
			}
		}
	}
}

// TestPriceBatchErrorLines: every row error names the line (a quoted cell
// over two lines counts both), the id when there is one, and the column;
// extra fields are an error; the other rows are priced and the exit
// status is 1.
func TestPriceBatchErrorLines(t *testing.T) {
	in := "id,model,style,type,S,X,t,sigma,note\n" +
		"a,alo,american,put,36,40,1,0.2,\"two\nlines\"\n" +
		",bs,european,call,,40,1,0.2,no id\n" +
		"c,bs,european,call,1,1,1,0.2,x,extra\n" +
		"d,bs,american,call,1,1,1,0.2,x\n" +
		"e,lr,american,put,1,1,1,0.2x,x\n" +
		"f,bs,european,call,1,1,1,0.2,ok\n"
	code, recs, stderr := batchCLI(t, in)
	if code != 1 || !strings.Contains(stderr, "4 row(s) could not be priced") {
		t.Fatalf("exit %d, stderr %q; want 1 and 4 failed rows", code, stderr)
	}
	want := []string{
		"",
		`line 4, column S: is empty`,
		`line 5 (id "c"): the row has 10 fields, the header 9`,
		`line 6 (id "d"), column style: model bs prices european options only: use alo, crr or lr for american`,
		`line 7 (id "e"), column sigma: "0.2x" is not a number`,
		"",
	}
	if len(recs) != len(want)+1 {
		t.Fatalf("output %v, want %d rows", recs, len(want))
	}
	for i, w := range want {
		if got := recs[i+1][6]; got != w {
			t.Errorf("row %d: error %q, want %q", i+1, got, w)
		}
		if (w == "") != (recs[i+1][1] != "") {
			t.Errorf("row %d: value %q with error %q", i+1, recs[i+1][1], w)
		}
	}
}

// TestPriceBatchEmpty: an empty input says which header it wants.
func TestPriceBatchEmpty(t *testing.T) {
	code, _, stderr := batchCLI(t, "")
	if want := "the batch is empty: want a header line with the columns id,model,style,type,S,X,t,sigma (and optionally r,q,steps)"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
	}
}

// TestPriceBatchDuplicateColumn: a column named twice is refused, not
// read from its first place.
func TestPriceBatchDuplicateColumn(t *testing.T) {
	code, _, stderr := batchCLI(t, "id,model,style,type,S,X,t,sigma,S\na,bs,european,call,1,1,1,0.2,2\n")
	if code != 1 || !strings.Contains(stderr, "batch: line 1, column S: the column appears twice") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestPriceBatchQuoteError: a line that is not valid CSV stops the batch
// with one message naming its line (and the line its row starts on); the
// rows before it are priced.
func TestPriceBatchQuoteError(t *testing.T) {
	head := "id,model,style,type,S,X,t,sigma,note\na,bs,european,call,1,1,1,0.2,ok\n"
	for _, c := range []struct{ in, want string }{
		{head + "b,bs,european,call,1,1,1,0.2,\"bad\"x\nc,bs,european,call,1,1,1,0.2,ok\n",
			"optionspace-cli price: batch: line 3, column 34: extraneous or missing \" in quoted-field; the batch stops there (no row from line 3 on was priced)\n"},
		{head + "b,bs,european,call,1,1,1,0.2,\"open\nmore\"x\nc,bs,european,call,1,1,1,0.2,ok\n",
			"optionspace-cli price: batch: line 4, column 5 (in the row that starts on line 3): extraneous or missing \" in quoted-field; the batch stops there (no row from line 3 on was priced)\n"},
	} {
		code, recs, stderr := batchCLI(t, c.in)
		if code != 1 || stderr != c.want {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, c.want)
		}
		if len(recs) != 2 || recs[1][0] != "a" || recs[1][1] == "" {
			t.Errorf("output %v, want the header and row a priced", recs)
		}
	}
}

// TestPriceNumbersAsTyped: an error about a number echoes it as typed (a
// batch cell) or in plain decimals (a flag), not in %g's 1e+08.
func TestPriceNumbersAsTyped(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		// Steps out of range are a usage error with one message (TestStepsMessage).
		{[]string{"--model", "crr", "--S", "100", "--X", "100", "--t", "1", "--sigma", "0.2", "--steps", "100000000"}, 2, "--steps 100000000: must be a whole number in [2, 100000]"},
		{[]string{"--S", "100", "--X", "100", "--t", "1", "--sigma", "1e6"}, 1, "input sigma = 1000000 is above the limit"},
	} {
		code, _, stderr := cli(append([]string{"price"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "e+") {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
	_, recs, _ := batchCLI(t, "id,model,style,type,S,X,t,sigma,steps\na,crr,american,put,100,100,1,0.2,100000000\nb,bs,european,call,100,100,1,1e6,\n")
	for i, want := range []string{
		`line 2 (id "a"), column steps: "100000000": must be a whole number in [2, 100000]`,
		`line 3 (id "b"), column sigma: 1e6 is above the limit`,
	} {
		if len(recs) != 3 || !strings.HasPrefix(recs[i+1][6], want) {
			t.Errorf("output %v, want row %d's error to start %q", recs, i+1, want)
		}
	}
}

// TestPriceBatchSpreadsheetFiles: the batch reads what a spreadsheet
// writes as the initiative import does (model.CSVReader): a byte order
// mark before a quoted header, lines ending in a carriage return alone
// (classic Mac OS), a line of spaces between rows. The at-the-money call
// at r = q = 0 is S (2 N(sigma sqrt(t)/2) - 1) in closed form.
func TestPriceBatchSpreadsheetFiles(t *testing.T) {
	atm := 100 * (2*0.5*(1+math.Erf(0.1/math.Sqrt2)) - 1)
	for _, in := range []string{
		"\ufeff\"id\",\"model\",\"style\",\"type\",\"S\",\"X\",\"t\",\"sigma\"\na,bs,european,call,100,100,1,0.2\n   \nb,bs,european,call,100,100,1,0.2\n",
		"id,model,style,type,S,X,t,sigma\ra,bs,european,call,100,100,1,0.2\rb,bs,european,call,100,100,1,0.2\r",
	} {
		code, recs, stderr := batchCLI(t, in)
		if code != 0 || len(recs) != 3 {
			t.Errorf("%q: exit %d, output %v, stderr %q", in, code, recs, stderr)
			continue
		}
		for i, id := range []string{"a", "b"} {
			v, err := strconv.ParseFloat(recs[i+1][1], 64)
			if recs[i+1][0] != id || err != nil || !scalar.EqualWithinAbs(v, atm, 1e-9) {
				t.Errorf("%q: row %v, want %s valued %v", in, recs[i+1], id, atm)
			}
		}
	}
	// Errors still name the line a row starts on with CR-only ends.
	_, recs, _ := batchCLI(t, "id,model,style,type,S,X,t,sigma\ra,bs,european,call,100,100,1,0.2\rb,bs,european,call,,100,1,0.2\r")
	if want := `line 3 (id "b"), column S: is empty`; len(recs) != 3 || recs[2][6] != want {
		t.Errorf("output %v, want row b's error %q", recs, want)
	}
}

package model_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/samples"
)

// TestCSVRoundTrip: the sample's initiative table written as CSV reads
// back as the same initiatives (without assumptions, risks and cash-flow
// models, which the table does not hold).
func TestCSVRoundTrip(t *testing.T) {
	p := readJSON(t, samples.SCRMNorthwind)
	var b bytes.Buffer
	if err := model.WriteCSV(&b, p); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(b.String(), "\n"); first != strings.Join(model.CSVColumns, ",") {
		t.Fatalf("header %q", first)
	}
	got, err := model.ReadCSV(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := p.Clone().Initiatives
	for i := range want {
		want[i].Assumptions, want[i].Risks = nil, nil
		want[i].CashFlows, want[i].Estimate = nil, nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("CSV round trip differs:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadCSVDefaultsAndFormulas(t *testing.T) {
	doc := "\ufeffname,tag,S,X,sigma,deadline\n" +
		"Community pilot,community,members * 5,420000,0.25,2027-04-01\n" +
		"\n" +
		"\"Listening, with \"\"quotes\"\"\",analytics,1e6,2e5,0,2028-01-31\n"
	tab, err := model.ReadCSVTable(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tab.Columns, []string{"name", "tag", "S", "X", "sigma", "deadline"}) || !reflect.DeepEqual(tab.Lines, []int{2, 4}) {
		t.Fatalf("columns %v, lines %v", tab.Columns, tab.Lines)
	}
	a, b := tab.Initiatives[0], tab.Initiatives[1]
	if a.ID != "community-pilot" || a.Kind != model.KindDefer || a.Status != model.StatusOpen || a.S != model.Formula("members * 5") ||
		a.X != model.Number(420000) || a.Deadline != model.NewDate(2027, 4, 1) || a.Rate != nil {
		t.Errorf("row 1: %+v", a)
	}
	if b.Name != `Listening, with "quotes"` || b.ID != "listening-with-quotes" || b.S != model.Number(1e6) || b.Sigma != model.Number(0) {
		t.Errorf("row 2: %+v", b)
	}
}

// TestReadCSVErrors: every problem is reported with its line and column,
// and nothing is returned unless the whole file is valid.
func TestReadCSVErrors(t *testing.T) {
	for _, c := range csvErrorCases() {
		t.Run(c.name, func(t *testing.T) {
			ins, err := model.ReadCSV(strings.NewReader(c.doc))
			if err == nil {
				t.Fatalf("ReadCSV accepted it: %+v", ins)
			}
			if ins != nil {
				t.Fatalf("ReadCSV returned %d initiatives with its error", len(ins))
			}
			if err.Error() != c.want {
				t.Fatalf("error\n got %q\nwant %q", err, c.want)
			}
		})
	}
}

func TestReadCSVTooLarge(t *testing.T) {
	doc := "name,tag,S,X,sigma,deadline,rationale\nA,c,1,2,0.3,2027-01-01,\"" + strings.Repeat("x", model.MaxFileSize) + "\"\n"
	_, err := model.ReadCSV(strings.NewReader(doc))
	if err == nil || err.Error() != "the CSV file is larger than 50 MB" {
		t.Fatalf("%v", err)
	}
}

func TestMergeCSV(t *testing.T) {
	p := base()
	old := p.Initiatives[0]
	src := model.Initiative{ID: "pilot", Name: "Pilot v2", S: model.Number(1), Sigma: model.Number(0.9), Owner: "new"}
	dst := old
	model.MergeCSV(&dst, &src, []string{"name", "S", "owner"})
	want := old
	want.Name, want.S, want.Owner = "Pilot v2", model.Number(1), "new"
	if !reflect.DeepEqual(dst, want) {
		t.Fatalf("merge:\n got %+v\nwant %+v", dst, want)
	}
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "model: ") {
			t.Fatalf("unknown column: recover() = %v", r)
		}
	}()
	model.MergeCSV(&dst, &src, []string{"colour"})
}

// csvErrorCases are the table cases, also the seeds of the fuzz tests.
func csvErrorCases() []docCase {
	const head = "name,tag,S,X,sigma,deadline\n"
	const good = "Good,community,1,2,0.3,2027-01-01\n"
	return []docCase{
		{"empty file", "", "the CSV file is empty: it needs a header row naming name, tag, S, X, sigma, deadline"},
		{"header only", head, "the CSV file has a header but no initiatives"},
		{"required column missing", "name,tag,S,X,deadline\n" + "a,b,1,2,2027-01-01\n", "line 1, column sigma: required column missing"},
		{"unknown column", "name,colour,tag,S,X,sigma,deadline\n", "line 1, column colour: unknown column (known: " + strings.Join(model.CSVColumns, ", ") + ")"},
		{"column twice", "name,tag,S,X,sigma,deadline,S\n", "line 1, column S: the column appears twice"},
		{"empty header cell", "name,tag,S,X,,sigma,deadline\n", "line 1, column #5: the header names no column here"},
		{"q not a number", "name,tag,S,X,sigma,deadline,q\n" + good[:len(good)-1] + ",0.1\nBad,community,1,2,0.3,2027-01-01,abc\n",
			`line 3, column q: "abc" is not a number`},
		{"q NaN", "name,tag,S,X,sigma,deadline,q\nBad,community,1,2,0.3,2027-01-01,NaN\n", `line 2, column q: "NaN" is not a finite number`},
		{"S infinite", head + "Bad,community,Inf,2,0.3,2027-01-01\n", `line 2, column S: "Inf" is not a finite number`},
		{"S empty", head + "Bad,community,,2,0.3,2027-01-01\n", "line 2, column S: is empty"},
		{"name empty", head + ",community,1,2,0.3,2027-01-01\n", "line 2, column name: is empty"},
		{"bad date", head + "Bad,community,1,2,0.3,2027/01/01\n", `line 2, column deadline: date "2027/01/01": want YYYY-MM-DD`},
		{"deadline empty", head + "Bad,community,1,2,0.3,\n", "line 2, column deadline: is empty"},
		{"sigma out of range", head + good + "Bad,community,1,2,4,2027-01-01\n", "line 3, column sigma: 4 is outside [0, 3] (volatility per year)"},
		{"X not positive", head + "Bad,community,1,0,0.3,2027-01-01\n", "line 2, column X: 0: the investment must be positive"},
		{"kind unknown", "name,tag,kind,S,X,sigma,deadline\nBad,community,swap,1,2,0.3,2027-01-01\n",
			`line 2, column kind: "swap": want one of defer, expand, contract, abandon, choose, staged`},
		{"r out of range", "name,tag,S,X,sigma,deadline,r\nBad,community,1,2,0.3,2027-01-01,-2\n", "line 2, column r: -2 is not a usable rate: want -63.21% <= r <= 100% (discrete, per year)"},
		{"name twice", head + good + good, `line 3, column name: "Good" is also the name on line 2` + "\n" +
			`line 3, column name: id "good" is also the id on line 2`},
		{"id twice", "id,name,tag,S,X,sigma,deadline\nx,A,c,1,2,0.3,2027-01-01\nx,B,c,1,2,0.3,2027-01-01\n", `line 3, column id: id "x" is also the id on line 2`},
		{"line numbers after a blank line and a multi-line field", "name,tag,S,X,sigma,deadline,rationale\n" +
			"A,c,1,2,0.3,2027-01-01,\"two\nlines\"\n\nB,c,1,2,9,2027-01-01,\n", "line 5, column sigma: 9 is outside [0, 3] (volatility per year)"},
		{"too many fields", head + "Bad,community,1,2,0.3,2027-01-01,extra\n", "line 2, column #7: the row has 7 fields, the header only 6"},
		{"bare quote", head + "Ba\"d,community,1,2,0.3,2027-01-01\n", `line 2, column 3: bare " in non-quoted-field`},
		{"several problems", head + "A,c,x,0,0.3,2027-01-01\nB,c,1,2,-1,someday\n",
			"line 2, column X: 0: the investment must be positive\n" +
				`line 3, column deadline: date "someday": want YYYY-MM-DD`},
	}
}

// TestRandomCSVRoundTrip is a property test: the initiative tables of 200
// random portfolios (quotes, commas, newlines, formulas, every kind) read
// back as written (text with its spaces), except what CSV does not hold
// (assumptions, risks).
func TestRandomCSVRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		p := modeltest.Random(r, 6)
		var b bytes.Buffer
		if err := model.WriteCSV(&b, p); err != nil {
			t.Fatal(err)
		}
		got, err := model.ReadCSV(&b)
		if len(p.Initiatives) == 0 {
			if err == nil || err.Error() != "the CSV file has a header but no initiatives" {
				t.Fatalf("portfolio %d: empty table: %v", i, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("portfolio %d: %v\n%s", i, err, b.String())
		}
		want := p.Clone().Initiatives
		for j := range want {
			w := &want[j]
			w.Assumptions, w.Risks = nil, nil
		}
		for j := range want {
			if !reflect.DeepEqual(got[j], want[j]) {
				g, w := reflect.ValueOf(got[j]), reflect.ValueOf(want[j])
				for k := range g.NumField() {
					if !reflect.DeepEqual(g.Field(k).Interface(), w.Field(k).Interface()) {
						t.Fatalf("portfolio %d, initiative %d: CSV round trip changes %s: %#v -> %#v", i, j, g.Type().Field(k).Name, w.Field(k).Interface(), g.Field(k).Interface())
					}
				}
			}
		}
	}
}

// TestReadCSVQuotedHeaderAfterBOM: a spreadsheet's UTF-8 export starts
// with a byte order mark and may quote every cell; the mark is dropped
// before encoding/csv sees it (which would read `<BOM>"name"` as a stray
// quote), and the row reads as written.
func TestReadCSVQuotedHeaderAfterBOM(t *testing.T) {
	doc := "\ufeff\"name\",\"tag\",\"S\",\"X\",\"sigma\",\"deadline\"\n\"Pilot, phase 1\",community,100,90,0.3,2027-01-01\n"
	got, err := model.ReadCSV(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "Pilot, phase 1" || got[0].S != model.Number(100) || got[0].X != model.Number(90) {
		t.Errorf("read %+v", got)
	}
}

// TestCSVErrorNamesTheRow: a CSVError reads "line N[ (id "x")][, column
// C]: reason".
func TestCSVErrorNamesTheRow(t *testing.T) {
	for _, c := range []struct {
		e    model.CSVError
		want string
	}{
		{model.CSVError{Line: 4, Column: "S", Err: errors.New("is empty")}, "line 4, column S: is empty"},
		{model.CSVError{Line: 4, ID: "a", Column: "S", Err: errors.New("is empty")}, `line 4 (id "a"), column S: is empty`},
		{model.CSVError{Line: 5, ID: "c", Err: errors.New("too wide")}, `line 5 (id "c"): too wide`},
		{model.CSVError{Line: 5, Err: errors.New("too wide")}, "line 5: too wide"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
}

// TestReadCSVDuplicateLongName: a duplicate 5,000-character name is quoted
// cut to MaxNameInMessage characters, with the line it is also on.
func TestReadCSVDuplicateLongName(t *testing.T) {
	long := strings.Repeat("n", 900)
	table := "name,tag,S,X,sigma,deadline\n" + long + ",a,1,1,0.1,2030-01-01\n" + long + ",a,1,1,0.1,2030-01-01\n"
	_, err := model.ReadCSV(strings.NewReader(table))
	want := `line 3, column name: "` + strings.Repeat("n", model.MaxNameInMessage-1) + `…" is also the name on line 2`
	if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), long) {
		t.Fatalf("error %v, want %q", err, want)
	}
}

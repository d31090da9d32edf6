package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
)

func TestImportJSON(t *testing.T) {
	db, want := sampleDB(t)
	if got := loadFrom(t, db, want.Name); got.Name != want.Name || len(got.Initiatives) != 13 || len(got.Links) != 6 || len(got.Drivers) != 4 {
		t.Fatalf("imported %q with %d initiatives, %d links, %d drivers; want the sample's 13, 6, 4", got.Name, len(got.Initiatives), len(got.Links), len(got.Drivers))
	}
	fi, err := os.Stat(db)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("database mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	// The same name twice is refused; --portfolio imports a copy.
	file := writeTemp(t, "s.json", samples.SCRMNorthwind)
	if code, _, errOut := cli("import", "--db", db, file); code != 1 || !strings.Contains(errOut, "exists already") {
		t.Errorf("second import: exit %d, %q", code, errOut)
	}
	if code, _, errOut := cli("import", "--db", db, "--portfolio", "Copy", file); code != 0 {
		t.Errorf("import as Copy: exit %d, %q", code, errOut)
	}
	if got := loadFrom(t, db, "Copy"); len(got.Initiatives) != 13 {
		t.Errorf("Copy has %d initiatives", len(got.Initiatives))
	}
}

func TestImportJSONRefusals(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	for _, c := range []struct{ name, data, want string }{
		{"unknown-field.json", strings.Replace(string(samples.SCRMNorthwind), `"currency"`, `"colour": 1, "currency"`, 1), `unknown field "colour"`},
		{"newer.json", strings.Replace(string(samples.SCRMNorthwind), `"version": 1`, `"version": 99`, 1), "newer than this Option Space reads"},
		{"invalid.json", strings.Replace(string(samples.SCRMNorthwind), `"sigma": 0.25`, `"sigma": 7`, 1), `initiatives["Customer community pilot"].sigma`},
		{"broken.json", `{"version": 1, "name": `, "cut short"},
	} {
		file := writeTemp(t, c.name, []byte(c.data))
		code, _, errOut := cli("import", "--db", db, file)
		if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, file) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and a message naming the file and containing %q", c.name, code, errOut, c.want)
		}
		if strings.Contains(errOut, "goroutine") {
			t.Errorf("%s: a panic trace", c.name)
		}
	}
	if _, err := os.Stat(db); err == nil {
		if code, out, _ := cli("list", "--db", db, "--format", "csv"); code != 0 || strings.Count(out, "\n") != 1 {
			t.Errorf("refused imports left portfolios behind: %q", out)
		}
	}
}

const csvHeader = "id,name,tag,kind,S,X,sigma,deadline,q\n"

func TestImportCSVNewAndUpdate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	file := writeTemp(t, "t.csv", []byte(csvHeader+
		"pilot,Community pilot,community,defer,700000,420000,0.25,2027-04-01,0.12\n"+
		"mining,Ticket mining,analytics,defer,1000 * 10,1400000,0.55,2027-10-01,0\n"+
		"dealer,Dealer portal,dealers,defer,300000,250000,0.3,2027-06-01,0\n"))
	code, out, errOut := cli("import", "--db", db, "--portfolio", "From CSV", "--as-of", "2026-10-01", file)
	if code != 0 || !strings.Contains(out, "3 new, 0 updated") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	p := loadFrom(t, db, "From CSV")
	if p.AsOf != model.NewDate(2026, 10, 1) || len(p.Initiatives) != 3 || p.Initiatives[1].S.Formula != "1000 * 10" ||
		!contains(p.Tags, "dealers") || p.Initiatives[0].Leakage != 0.12 {
		t.Fatalf("imported %+v", p)
	}
	// A second table updates the columns it has and leaves the rest.
	if _, err := openAndApply(db, "From CSV", func(q *model.Portfolio) { q.Initiatives[0].Owner = "Anna" }); err != nil {
		t.Fatal(err)
	}
	upd := writeTemp(t, "u.csv", []byte("id,name,tag,S,X,sigma,deadline\npilot,Community pilot,community,800000,420000,0.3,2027-04-01\n"))
	if code, out, errOut := cli("import", "--db", db, "--portfolio", "From CSV", upd); code != 0 || !strings.Contains(out, "0 new, 1 updated") {
		t.Fatalf("update: exit %d, %q %q", code, out, errOut)
	}
	p = loadFrom(t, db, "From CSV")
	in := p.Initiative("pilot")
	if in.S.Value != 800000 || in.Sigma.Value != 0.3 || in.Owner != "Anna" || in.Leakage != 0.12 {
		t.Fatalf("after update: S %v sigma %v owner %q q %v; want 800000, 0.3, Anna (kept), 0.12 (kept)", in.S, in.Sigma, in.Owner, in.Leakage)
	}
}

func openAndApply(db, name string, edit func(p *model.Portfolio)) (*model.Portfolio, error) {
	s, err := store.Open(db, store.Options{})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Apply(name, "test edit", func(p *model.Portfolio) error { edit(p); return nil })
}

// TestImportCSVErrors: every problem names its line and column, and
// nothing is imported unless the whole file is valid.
func TestImportCSVErrors(t *testing.T) {
	db, p := sampleDB(t)
	for _, c := range []struct {
		name, data string
		want       []string
	}{
		{"bad numbers", csvHeader +
			"a,Alpha,community,defer,100,50,0.2,2027-01-01,abc\n" +
			"b,Beta,community,defer,100,50,4,2027-01-01,0\n" +
			"c,Gamma,community,defer,100,50,0.2,01/02/2027,0\n",
			[]string{"line 2, column q", "line 3, column sigma", "line 4, column deadline"}},
		{"unknown tag in an existing portfolio", csvHeader + "a,Alpha,nonesuch,defer,100,50,0.2,2027-01-01,0\n",
			[]string{"line 2, column tag", "nonesuch"}},
		{"deadline before as-of", csvHeader + "a,Alpha,community,defer,100,50,0.2,2025-01-01,0\n",
			[]string{"line 2, column deadline", "not after the as-of date"}},
		{"unknown column", "name,tag,S,X,sigma,deadline,colour\nA,community,1,1,0.1,2027-01-01,red\n",
			[]string{"line 1, column colour", "unknown column"}},
		{"missing column", "name,tag,S,X,deadline\nA,community,1,1,2027-01-01\n",
			[]string{"line 1, column sigma", "required column missing"}},
		{"unterminated quote", csvHeader + "a,\"Alpha,community,defer,100,50,0.2,2027-01-01,0\n",
			[]string{"line 2"}},
	} {
		file := writeTemp(t, "t.csv", []byte(c.data))
		code, _, errOut := cli("import", "--db", db, "--portfolio", p.Name, file)
		if code != 1 || !strings.Contains(errOut, "nothing imported") {
			t.Errorf("%s: exit %d, %q", c.name, code, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: stderr %q lacks %q", c.name, errOut, w)
			}
		}
	}
	if got := loadFrom(t, db, p.Name); len(got.Initiatives) != len(p.Initiatives) {
		t.Errorf("refused tables changed the portfolio: %d initiatives, want %d", len(got.Initiatives), len(p.Initiatives))
	}
}

func TestImportUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	csvFile := writeTemp(t, "t.csv", []byte(csvHeader))
	for _, args := range [][]string{
		{"import", "--db", db},                     // no file
		{"import", "--db", db, "a.json", "b.json"}, // two files
		{"import", "--db", db, "portfolio.txt"},    // unknown extension
		{"import", "--db", db, csvFile},            // CSV without --portfolio
		{"import", "--db", db, "--nope", "x.json"}, // unknown flag
		{"import", "--db", db, "--portfolio", "P", "--as-of", "tomorrow", csvFile},
	} {
		if code, _, errOut := cli(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%q)", args, code, errOut)
		}
	}
}

// TestImportRefusesWhatCannotBeEvaluated: formulas the inspector refuses
// are refused by CSV, JSON and workbook imports, with their place, and
// nothing is stored.
func TestImportRefusesWhatCannotBeEvaluated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	for _, f := range []string{"Exit(1)", "abc", "1/0", "sum(1..100000000)", "1e999"} {
		file := writeTemp(t, "f.csv", []byte(csvHeader+"pilot,Community pilot,community,defer,\""+f+"\",420000,0.25,2027-04-01,0\n"))
		code, _, errOut := cli("import", "--db", db, "--portfolio", "P", "--as-of", "2026-10-01", file)
		if code != 1 || !strings.Contains(errOut, "line 2, column S:") {
			t.Errorf("CSV S = %s: exit %d, %q", f, code, errOut)
		}
		doc := strings.Replace(string(samples.SCRMNorthwind), `"sigma": 0.25`, `"sigma": "`+f+`"`, 1)
		code, _, errOut = cli("import", "--db", db, writeTemp(t, "f.json", []byte(doc)))
		if code != 1 || !strings.Contains(errOut, "sigma") || !strings.Contains(errOut, "nothing imported") {
			t.Errorf("JSON sigma = %s: exit %d, %q", f, code, errOut)
		}
	}
	for _, cell := range []string{"1e309", "=1+1"} {
		file := writeTemp(t, "c.csv", []byte(csvHeader+"pilot,Community pilot,community,defer,"+cell+",420000,0.25,2027-04-01,0\n"))
		if code, _, errOut := cli("import", "--db", db, "--portfolio", "P", file); code != 1 || !strings.Contains(errOut, "line 2, column S:") {
			t.Errorf("CSV S = %s: exit %d, %q", cell, code, errOut)
		}
	}
	if _, err := os.Stat(db); err == nil {
		if code, out, _ := cli("list", "--db", db, "--format", "csv"); code != 0 || strings.Count(out, "\n") != 1 {
			t.Errorf("refused imports left portfolios behind: %q", out)
		}
	}
}

// TestXLSXRoundTrip: export --format xlsx, import, export --format json
// gives the same JSON as exporting the sample; a refused workbook leaves
// the database unchanged; the template imports.
func TestXLSXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	sample := filepath.Join("..", "..", "samples", "scrm-northwind.json")
	xlsx, want, got := filepath.Join(dir, "p.xlsx"), filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	db := filepath.Join(dir, "p.db")
	for _, args := range [][]string{
		{"export", "--file", sample, "--format", "xlsx", "-o", xlsx},
		{"export", "--file", sample, "-o", want},
		{"import", "--db", db, xlsx},
		{"export", "--db", db, "-o", got},
	} {
		if code, out, errOut := cli(args...); code != 0 {
			t.Fatalf("%v: exit %d, %q %q", args, code, out, errOut)
		}
	}
	a, _ := os.ReadFile(want)
	b, _ := os.ReadFile(got)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("JSON after the workbook round trip differs (%d and %d bytes)", len(a), len(b))
	}
	if code, _, errOut := cli("export", "--file", sample, "--format", "xlsx"); code != 2 || !strings.Contains(errOut, "needs -o") {
		t.Errorf("xlsx to stdout: exit %d, %q", code, errOut)
	}
	bad := writeTemp(t, "bad.xlsx", []byte("PK not really"))
	if code, _, errOut := cli("import", "--db", db, "--portfolio", "Other", bad); code != 1 || !strings.Contains(errOut, "nothing imported") {
		t.Errorf("bad workbook: exit %d, %q", code, errOut)
	}
	if code, out, _ := cli("list", "--db", db, "--format", "csv"); code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("after a refused workbook: %q", out)
	}
	tmpl := filepath.Join(dir, "template.xlsx")
	if code, _, errOut := cli("template", "--format", "xlsx", "-o", tmpl); code != 0 {
		t.Fatalf("template: exit %d, %q", code, errOut)
	}
	if code, out, errOut := cli("import", "--db", db, "--portfolio", "Client", tmpl); code != 0 || !strings.Contains(out, "1 initiatives") {
		t.Fatalf("template import: exit %d, %q %q", code, out, errOut)
	}
}

// TestCSVWritersEscape: every CSV the CLI writes escapes cells a
// spreadsheet would run as formulas; negative numbers stay numbers.
func TestCSVWritersEscape(t *testing.T) {
	doc := strings.Replace(string(samples.SCRMNorthwind), `"name": "Customer community pilot"`, `"name": "=HYPERLINK(\"x\")"`, 1)
	file := writeTemp(t, "h.json", []byte(doc))
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errOut := cli("import", "--db", db, "--portfolio", "@evil", file); code != 0 {
		t.Fatal(errOut)
	}
	for _, args := range [][]string{{"export", "--file", file, "--format", "csv"}, {"value", "--file", file, "--format", "csv"}, {"list", "--db", db, "--format", "csv"}} {
		code, out, errOut := cli(args...)
		if code != 0 {
			t.Fatalf("%v: %q", args, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			for _, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
					t.Errorf("%v: cell %q not escaped", args[0], c)
				}
			}
		}
		if !strings.Contains(out, "'=HYPERLINK") && !strings.Contains(out, "'@evil") {
			t.Errorf("%v: the hostile text is missing: %.300q", args[0], out)
		}
	}
}

// TestPriceBatchEscapes: the batch output escapes a hostile id.
func TestPriceBatchEscapes(t *testing.T) {
	file := writeTemp(t, "b.csv", []byte("id,model,style,type,S,X,t,sigma,r,q,steps\n=HYPERLINK(1),bs,european,call,100,100,1,0.2,0.05,0,\n"))
	code, out, errOut := cli("price", "--batch", file)
	if code != 0 || !strings.Contains(out, "\n'=HYPERLINK(1),") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// TestImportCSVOnePassNoFile: a table with a row problem (sigma -0.2) and
// a formula naming no driver is refused in one pass with both problems at
// their lines, and a refusal into a new database leaves no file (the
// formula refusal used to come only once the rows were fixed, and to
// leave an empty 32 KiB database behind).
func TestImportCSVOnePassNoFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	rows := "name,tag,S,X,sigma,deadline\n" +
		"Pilot,community,700000,420000,0.25,2030-04-01\n" +
		"Rollout,community,900000,abc,0.3,2030-04-01\n" +
		"Tool,community,100000,90000,-0.2,2030-01-01\n"
	bad := writeTemp(t, "bad.csv", []byte(rows))
	code, _, errOut := cli("import", "--db", db, "--portfolio", "P", bad)
	for _, want := range []string{"nothing imported", `line 3, column X: X = "abc": unknown name abc`, "line 4, column sigma: -0.2 is outside [0, 3]"} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, %q lacks %q", code, errOut, want)
		}
	}
	// The formula alone: refused, and still no file.
	formula := writeTemp(t, "formula.csv", []byte(strings.Replace(rows, "-0.2", "0.2", 1)))
	code, _, errOut = cli("import", "--db", db, "--portfolio", "P", formula)
	if code != 1 || !strings.Contains(errOut, `line 3, column X: X = "abc": unknown name abc`) {
		t.Errorf("formula alone: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused import left %s (%v)", db, err)
	}
	// Fixed, it imports.
	good := writeTemp(t, "good.csv", []byte(strings.Replace(strings.Replace(rows, "-0.2", "0.2", 1), "abc", "90000", 1)))
	if code, _, errOut := cli("import", "--db", db, "--portfolio", "P", good); code != 0 {
		t.Fatalf("fixed table: exit %d, %q", code, errOut)
	}
}

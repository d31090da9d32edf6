package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// exponent matches a number written with an exponent (2.96727814e+06).
var exponent = regexp.MustCompile(`^[-+]?[0-9.]+[eE][-+]?[0-9]+$`)

// cellsSample is the SCRM sample with an amount that %g writes with an
// exponent (S = 2967278.14) and a staged initiative whose stage deadline
// (2027-01-15) has passed on passedAsOf but whose deadline (2028-10-01)
// has not; several of the sample's defer options have no trigger (+Inf).
func cellsSample(t *testing.T) (string, *model.Portfolio) {
	t.Helper()
	p := modeltest.Sample(t)
	p.Initiatives[1].S = model.Number(2967278.14)
	in := p.Initiatives[2]
	in.ID, in.Name, in.Kind = "staged-one", "Staged one", model.KindStaged
	in.StageCost = 250000
	var err error
	if in.StageDeadline, err = model.ParseDate("2027-01-15"); err != nil {
		t.Fatal(err)
	}
	if in.Deadline, err = model.ParseDate("2028-10-01"); err != nil {
		t.Fatal(err)
	}
	p.Initiatives = append(p.Initiatives, in)
	w := p.Initiatives[0] // an option worth nothing: some 1e-117
	w.ID, w.Name, w.Kind = "worthless", "Worthless", model.KindDefer
	w.S, w.X, w.Sigma = model.Number(50), model.Number(100), model.Number(0.03)
	p.Initiatives = append(p.Initiatives, w)
	return jsonFile(t, p), p
}

// plainRange reports whether CSVNumber writes v in plain decimals: 0 and
// 1e-6 <= |v| < 1e21; outside it the exponent form is the readable one.
func plainRange(v float64) bool {
	a := math.Abs(v)
	return a == 0 || (a >= 1e-6 && a < 1e21)
}

// TestValueCSVCells: value --format csv writes an empty cell where JSON
// has null (a trigger of +Inf, never '+Inf), every number equal to
// JSON's, in plain decimals but for the tiny value of a worthless option
// (the exponent form, not 198 characters: at most 25), and stage_deadline_passed as the engine marks
// it (JSON's field); the table's t says "(stage passed)" for exactly those.
func TestValueCSVCells(t *testing.T) {
	file, _ := cellsSample(t)
	var j struct {
		Initiatives []map[string]any `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", file, "--as-of", passedAsOf, "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(mustCLI(t, "value", "--file", file, "--as-of", passedAsOf, "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(j.Initiatives) {
		t.Fatalf("%d CSV rows, %d JSON rows", len(recs)-1, len(j.Initiatives))
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	nulls, stages, numbers, tiny := 0, 0, 0, 0
	for i, rec := range recs[1:] {
		row := j.Initiatives[i]
		for name, k := range col {
			cell := rec[k]
			if f, ok := row[name].(float64); ok {
				if exponent.MatchString(cell) == plainRange(f) {
					t.Errorf("%s %s = %q: want plain decimals for %v only if 0 or 1e-6 <= |v| < 1e21", rec[0], name, cell, f)
				}
				if f != 0 && !plainRange(f) {
					tiny++
				}
				if len(cell) > 25 {
					t.Errorf("%s %s = %q: %d characters", rec[0], name, cell, len(cell))
				}
			}
			switch want := row[name].(type) {
			case nil:
				if cell != "" {
					t.Errorf("%s %s = %q, want an empty cell (JSON null)", rec[0], name, cell)
				}
				nulls++
			case float64:
				if got, err := strconv.ParseFloat(cell, 64); err != nil || got != want {
					t.Errorf("%s %s = %q, want %v (JSON)", rec[0], name, cell, want)
				}
				numbers++
			case bool:
				if cell != strconv.FormatBool(want) {
					t.Errorf("%s %s = %q, want %v (JSON)", rec[0], name, cell, want)
				}
				if name == "stage_deadline_passed" && want {
					stages++
				}
			}
		}
	}
	if nulls == 0 || stages != 1 || numbers < 100 || tiny == 0 {
		t.Fatalf("%d empty cells, %d stages passed, %d numbers checked, %d tiny: the sample does not test the cases", nulls, stages, numbers, tiny)
	}

	out := mustCLI(t, "value", "--file", file, "--as-of", passedAsOf)
	marked := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "(stage passed)") {
			marked++
			if !strings.HasPrefix(l, "Staged one ") {
				t.Errorf("stage passed on %q", l)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d table rows say (stage passed), want 1:\n%s", marked, out)
	}
}

// TestExportCSVPlainNumbers: export --format csv writes amounts in plain
// decimals (2967278.14, not 2.96727814e+06), and they import back equal.
func TestExportCSVPlainNumbers(t *testing.T) {
	file, p := cellsSample(t)
	out := mustCLI(t, "export", "--file", file, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		for i, cell := range rec {
			if exponent.MatchString(cell) {
				t.Errorf("%s %s = %q: written with an exponent", rec[0], recs[0][i], cell)
			}
		}
	}
	if got := recs[2][5]; recs[0][5] != "S" || got != "2967278.14" {
		t.Errorf("S of %s = %q, want 2967278.14", recs[2][0], got)
	}
	back, err := model.ReadCSV(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for i := range back {
		if back[i].S != p.Initiatives[i].S || back[i].X != p.Initiatives[i].X || back[i].StageCost != p.Initiatives[i].StageCost {
			t.Errorf("%s: S %v X %v stage cost %v read back, want %v %v %v", back[i].ID, back[i].S, back[i].X, back[i].StageCost,
				p.Initiatives[i].S, p.Initiatives[i].X, p.Initiatives[i].StageCost)
		}
	}
}

// TestExportXLSXMarksPassed: the workbook's Results sheet agrees with value
// --format json on the three cases: an empty trigger cell where JSON has
// null, the amounts as the engine's numbers, and deadline_passed and
// stage_deadline_passed. The workbook is valued as of the portfolio's
// date, which a valid portfolio has before every deadline: as of
// 2027-02-01 the staged initiative's stage deadline has passed.
func TestExportXLSXMarksPassed(t *testing.T) {
	_, p := cellsSample(t)
	var err error
	if p.AsOf, err = model.ParseDate("2027-02-01"); err != nil {
		t.Fatal(err)
	}
	file := jsonFile(t, p)
	var j struct {
		Initiatives []map[string]any `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", file, "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "p.xlsx")
	mustCLI(t, "export", "--file", file, "--format", "xlsx", "-o", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Results", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	cell := func(r []string, name string) string {
		k, ok := col[name]
		if !ok {
			t.Fatalf("Results has no column %s: %v", name, rows[0])
		}
		if k < len(r) {
			return r[k]
		}
		return ""
	}
	stages := 0
	for i, r := range rows[1:] {
		row := j.Initiatives[i]
		for _, name := range []string{"deadline_passed", "stage_deadline_passed"} {
			if got := cell(r, name); got != strconv.FormatBool(row[name].(bool)) {
				t.Errorf("%s %s = %q, want %v", r[0], name, got, row[name])
			}
		}
		if row["stage_deadline_passed"].(bool) {
			stages++
		}
		if want, ok := row["trigger"].(float64); !ok {
			if got := cell(r, "trigger"); got != "" {
				t.Errorf("%s trigger = %q, want an empty cell (JSON null)", r[0], got)
			}
		} else if got, err := strconv.ParseFloat(cell(r, "trigger"), 64); err != nil || got != want {
			t.Errorf("%s trigger = %q, want %v", r[0], cell(r, "trigger"), want)
		}
		if got, err := strconv.ParseFloat(cell(r, "S"), 64); err != nil || got != row["S"].(float64) {
			t.Errorf("%s S = %q, want %v", r[0], cell(r, "S"), row["S"])
		}
	}
	if stages != 1 {
		t.Fatalf("%d stages passed, want 1", stages)
	}
}

package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/modeltest/testfile"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestCLIOneStateOneAnswer builds one portfolio state (the sample after a
// link change and a driver change) and checks that `driver set --format
// json` prints the engine's Impact (portfolio.Compare of the valuations
// before and after) and that `value --format json` prints the engine's
// portfolio value and each initiative's value and region.
func TestCLIOneStateOneAnswer(t *testing.T) {
	p := modeltest.Sample(t)
	p.Links = p.Links[1:] // the link change: the pilot no longer gates the rollout
	dir := t.TempDir()
	in := writeTemp(t, "p.json", []byte(modeltest.JSON(t, p)))
	db := filepath.Join(dir, "p.db")
	mustCLI(t, "import", "--db", db, in)
	before, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	p.Driver("members").Value = 150000
	after, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	want := portfolio.Compare(before, after)

	out := mustCLI(t, "driver", "--db", db, "set", "members", "150000", "--format", "json")
	var im impactOut
	if err := json.Unmarshal([]byte(out), &im); err != nil {
		t.Fatal(err, out)
	}
	if im.TotalBefore != want.TotalBefore || im.TotalAfter != want.TotalAfter || im.Change != want.Change() {
		t.Errorf("driver set totals %v -> %v (%v), engine %v -> %v", im.TotalBefore, im.TotalAfter, im.Change, want.TotalBefore, want.TotalAfter)
	}
	if len(im.Moved) != len(want.Moved) || len(want.Moved) == 0 {
		t.Fatalf("driver set moved %d, engine %d", len(im.Moved), len(want.Moved))
	}
	for i, m := range want.Moved {
		g := im.Moved[i]
		if g.ID != m.ID || g.Change != m.Change() || g.After.Value != m.After.Value || g.After.Region != m.After.Region {
			t.Errorf("move %d: cli %+v, engine %+v", i, g, m)
		}
	}

	out = mustCLI(t, "value", "--db", db, "--format", "json")
	var v struct {
		Initiatives []struct {
			ID            string  `json:"id"`
			Value         float64 `json:"value"`
			WithFollowOns float64 `json:"with_follow_ons"`
			Region        int     `json:"region"`
		} `json:"initiatives"`
		Totals struct {
			Total float64 `json:"total"`
		} `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Totals.Total != after.Total || len(v.Initiatives) != len(after.Initiatives) {
		t.Fatalf("value total %v (%d rows), engine %v (%d)", v.Totals.Total, len(v.Initiatives), after.Total, len(after.Initiatives))
	}
	for i, r := range v.Initiatives {
		e := &after.Initiatives[i]
		if r.ID != e.ID || r.Value != e.Position.Value || r.WithFollowOns != e.WithFollowOns || r.Region != int(e.Position.Region) {
			t.Errorf("%s: cli %+v, engine value %v with follow-ons %v region %d", e.ID, r, e.Position.Value, e.WithFollowOns, e.Position.Region)
		}
	}

	// The report's summary (read back with pdftotext) and its CSV export
	// show the same portfolio value and per-initiative values.
	pdf := filepath.Join(dir, "review.pdf")
	csvDir := filepath.Join(dir, "csv")
	mustCLI(t, "report", "--db", db, "--csv", csvDir, "-o", pdf)
	rows := readCSV(t, filepath.Join(csvDir, "review-initiatives.csv"))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.Fields(h)[0]] = i
	}
	for i, r := range rows[1:] {
		e := &after.Initiatives[i]
		val, err := strconv.ParseFloat(r[col["value"]], 64)
		if err != nil || r[col["id"]] != e.ID || !scalar.EqualWithinAbsOrRel(val, e.Position.Value, 1e-6, 1e-12) || r[col["region"]] != strconv.Itoa(int(e.Position.Region)) {
			t.Errorf("initiatives.csv %v, engine %s value %v region %d", r, e.ID, e.Position.Value, e.Position.Region)
		}
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	txt, err := exec.Command(bin, "-f", "1", "-l", "6", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), " ")
	if want := "Portfolio value with options " + format.MoneyFull(after.Total, p.Currency); !strings.Contains(flat, want) {
		t.Errorf("the report's summary lacks %q", want)
	}
}

// readCSV returns the records of the CSV file at path, a header and at
// least one row.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	rows := testfile.CSV(t, path)
	if len(rows) < 2 {
		t.Fatalf("%s: %d rows, want a header and a row at least", path, len(rows))
	}
	return rows
}

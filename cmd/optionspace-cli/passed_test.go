package main

import (
	"encoding/csv"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// passedSample writes the SCRM sample with its first initiative renamed
// to a Chinese name and returns the file and the portfolio. Valued as of
// 2027-05-01, the two initiatives with the deadline 2027-04-01 (the pilot,
// now 客户社区试点, and "Route social posts to the contact center") have
// passed; every other deadline is in 2027-10 or later.
func passedSample(t *testing.T) (string, *model.Portfolio) {
	t.Helper()
	p := modeltest.Sample(t)
	p.Initiatives[0].Name = "客户社区试点"
	file := jsonFile(t, p)
	return file, p
}

// passedAsOf is a date after two of the sample's deadlines.
const passedAsOf = "2027-05-01"

// wantPassed says, from the dates alone (ISO strings compare as dates),
// which of p's initiatives have passed on passedAsOf.
func wantPassed(t *testing.T, p *model.Portfolio) map[string]bool {
	t.Helper()
	m := map[string]bool{}
	n := 0
	for _, in := range p.Initiatives {
		m[in.ID] = in.Deadline.String() < passedAsOf
		if m[in.ID] {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d deadlines before %s in the sample, want 2", n, passedAsOf)
	}
	return m
}

// TestValueMarksPassedDeadlines: value as of a date after two deadlines
// marks exactly those in JSON (deadline_passed), CSV (the last column,
// deadline_passed) and the table (t shows "passed"), and the table's
// columns stay aligned after the Chinese name.
func TestValueMarksPassedDeadlines(t *testing.T) {
	file, p := passedSample(t)
	want := wantPassed(t, p)

	var j struct {
		Initiatives []map[string]any `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", file, "--as-of", passedAsOf, "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	for _, row := range j.Initiatives {
		id, _ := row["id"].(string)
		if got, ok := row["deadline_passed"].(bool); !ok || got != want[id] {
			t.Errorf("json %s: deadline_passed %v, want %v", id, row["deadline_passed"], want[id])
		}
		if got, ok := row["stage_deadline_passed"].(bool); !ok || got {
			t.Errorf("json %s: stage_deadline_passed %v, want false", id, row["stage_deadline_passed"])
		}
		if want[id] && row["t"].(float64) != 0 {
			t.Errorf("json %s: t %v, want 0", id, row["t"])
		}
	}

	recs, err := csv.NewReader(strings.NewReader(mustCLI(t, "value", "--file", file, "--as-of", passedAsOf, "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := len(recs[0]) - 3 // deadline_passed, stage_deadline_passed, then action_now
	if recs[0][last] != "deadline_passed" || recs[0][last+1] != "stage_deadline_passed" || recs[0][last-1] != "error" || recs[0][0] != "id" {
		t.Fatalf("csv header %v: want deadline_passed and stage_deadline_passed appended after error", recs[0])
	}
	for _, rec := range recs[1:] {
		if got := rec[last] == "true"; got != want[rec[0]] || (rec[last] != "true" && rec[last] != "false") {
			t.Errorf("csv %s: deadline_passed %q, want %v", rec[0], rec[last], want[rec[0]])
		}
	}

	out := mustCLI(t, "value", "--file", file, "--as-of", passedAsOf)
	lines := strings.Split(out, "\n")
	header := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "Initiative") {
			header = i
			break
		}
	}
	if header < 0 {
		t.Fatalf("no table header:\n%s", out)
	}
	// The Layer column starts at the same display column on every row.
	layerAt := displayWidth(lines[header][:strings.Index(lines[header], "Layer")])
	for _, in := range p.Initiatives {
		var row string
		for _, l := range lines[header+1:] {
			if strings.HasPrefix(l, in.Name+" ") {
				row = l
			}
		}
		if row == "" {
			t.Fatalf("no row for %q:\n%s", in.Name, out)
		}
		rest := row[len(in.Name):]
		if at := displayWidth(in.Name + rest[:strings.Index(rest, in.Tag)]); at != layerAt {
			t.Errorf("%q: layer at display column %d, header at %d:\n%s", in.Name, at, layerAt, out)
		}
		cells := strings.Fields(rest)
		// Layer (one word in the sample), S, X, then t.
		if len(cells) < 4 || (cells[3] == "passed") != want[in.ID] {
			t.Errorf("%q: t cell %q, want passed %v:\n%s", in.Name, cells, want[in.ID], row)
		}
	}
}

// TestReportNowFundingPeriodAndPassed: `report --now 2027-06-01 --budget`
// (board profile; the sample valued as of 2026-10-01) plans the funding for the period
// from --now to the next review after it, 2027-10-01, which the decisions
// due also look to (not to 2027-04-01, six months after the as-of date),
// and marks the deadlines of 2027-04-01 passed in the initiative table and
// in its CSV export, on the report's date like the pages (deadline_passed
// true for the pilot, the first row).
func TestReportNowFundingPeriodAndPassed(t *testing.T) {
	file, _ := passedSample(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "r.pdf")
	mustCLI(t, "report", "--file", file, "--now", "2027-06-01", "--budget", "2000000", "--profile", "board", "--csv", dir, "-o", pdf)
	rows := readCSV(t, filepath.Join(dir, "r-initiatives.csv"))
	if last := len(rows[0]) - 3; rows[0][last] != "deadline_passed" || rows[0][last+1] != "stage_deadline_passed" || rows[1][0] != "community-pilot" || rows[1][last] != "true" {
		t.Errorf("initiatives.csv header %v, first row %v", rows[0], rows[1])
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed")
	}
	txt, err := exec.Command(bin, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), " ")
	if !strings.Contains(flat, "for 2027-06-01 to 2027-10-01") || strings.Contains(flat, "to 2027-04-01") {
		t.Errorf("funding period should run from 2027-06-01 to 2027-10-01")
	}
	if !strings.Contains(flat, "next review (1 October 2027)") {
		t.Errorf("decisions due should look to 1 October 2027")
	}
	if n := strings.Count(flat, "deadline passed; invest"); n < 4 { // two in the decisions due, two in the initiative table
		t.Errorf("%d 'deadline passed; invest', want at least 4", n)
	}
}

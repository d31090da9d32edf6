package main

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/modeltest/testfile"
	"github.com/optionspace/optionspace/ui/report"
)

// reportText returns the text of a PDF file, or skips without pdftotext.
func reportText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestReportFromFile(t *testing.T) {
	in := chartSampleFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "review.pdf")
	stdout := mustCLI(t, "report", "--file", in, "-o", out, "--csv", filepath.Join(dir, "csv"))
	if !strings.Contains(stdout, "wrote "+out+" (") || !strings.Contains(stdout, " pages)") {
		t.Errorf("stdout %q", stdout)
	}
	p := modeltest.Sample(t)
	// The app's names (report.CSVNames), in the --csv directory.
	if recs := testfile.CSV(t, filepath.Join(dir, "csv", report.CSVNames(out, false)[0])); len(recs) != len(p.Initiatives)+1 {
		t.Fatalf("initiatives.csv: %d records; want %d", len(recs), len(p.Initiatives)+1)
	}
	txt := reportText(t, out)
	for _, in := range p.Initiatives {
		if !strings.Contains(txt, in.Name) {
			t.Errorf("the report lacks %q", in.Name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "csv", "review-what-moved.csv")); !os.IsNotExist(err) {
		t.Errorf("what-moved.csv written without --since (err %v)", err)
	}
}

func TestReportFromDatabaseSince(t *testing.T) {
	p := modeltest.Sample(t)
	snap := model.Snapshot{ID: "q3", Label: "Q3 review", Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings,
		Initiatives: append([]model.Initiative(nil), p.Initiatives...), Drivers: append([]model.Driver(nil), p.Drivers...), Links: p.Links}
	snap.Initiatives[0].S = model.Number(snap.Initiatives[0].S.Value * 0.5)
	p.Snapshots = []model.Snapshot{snap}
	db := newDB(t, p)
	dir := t.TempDir()
	out := filepath.Join(dir, "r.pdf")
	mustCLI(t, "report", "--db", db, "--portfolio", p.Name, "--since", "Q3 review", "--now", "2026-12-01", "-o", out, "--csv", dir)
	txt := reportText(t, out)
	for _, want := range []string{"Q3 review", "What moved", p.Initiatives[0].Name, "1 December 2026"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, report.CSVNames(out, true)[2])); err != nil || !strings.Contains(string(b), p.Initiatives[0].ID) {
		t.Errorf("what-moved.csv: %v", err)
	}
}

func TestReportErrors(t *testing.T) {
	in := chartSampleFile(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"report", "--file", in}, 2, "-o report.pdf is required"},
		{[]string{"report", "--file", in, "-o", filepath.Join(dir, "r.png")}, 2, "want a .pdf file"},
		{[]string{"report", "--file", in, "-o", filepath.Join(dir, "r.pdf"), "--now", "tomorrow"}, 2, "--now"},
		{[]string{"report", "--file", in, "-o", filepath.Join(dir, "r.pdf"), "--since", "Q9"}, 1, "has no snapshots"},
		{[]string{"report", "--file", filepath.Join(dir, "missing.json"), "-o", filepath.Join(dir, "r.pdf")}, 1, "missing.json"},
		// A missing folder is made (TestReportMakesMissingFolders); one
		// through a file cannot be.
		{[]string{"report", "--file", in, "-o", filepath.Join(in, "no", "such", "dir", "r.pdf")}, 1, "cannot create the folder " + filepath.Join(in, "no", "such", "dir")},
	} {
		if code, _, stderr := cli(c.args...); code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed runs left files: %v", entries)
	}
}

func TestReportProfileFlag(t *testing.T) {
	in := chartSampleFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "board.pdf")
	mustCLI(t, "report", "--file", in, "--profile", "board", "-o", out)
	txt := reportText(t, out)
	today := time.Now().Format("2 January 2006")
	for _, want := range []string{"4 Decisions due", "5 All initiatives", "Report generated " + today, "Valuation as of 1 October 2026"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the board report lacks %q", want)
		}
	}
	if strings.Contains(txt, "Initiatives one by one") {
		t.Error("the board report has the per-initiative pages")
	}
	if code, _, stderr := cli("report", "--file", in, "--profile", "huge", "-o", out); code != 2 || !strings.Contains(stderr, "--profile") {
		t.Errorf("--profile huge: exit %d, stderr %q", code, stderr)
	}
}

// TestCountedColumnOneName: `value --format csv` and the report's
// initiatives CSV name the fact "this initiative counts on its own in the
// portfolio value" with one column, counted (the name README documents),
// and agree on it row by row; in the sample the pilot gates the rollout,
// so the pilot counts and the rollout, counted inside it, does not.
func TestCountedColumnOneName(t *testing.T) {
	in := chartSampleFile(t)
	column := func(name string, recs [][]string) map[string]string {
		t.Helper()
		if len(recs) < 2 {
			t.Fatalf("%s: %d records", name, len(recs))
		}
		ci, ii := -1, -1
		for i, h := range recs[0] {
			switch h {
			case "counted":
				ci = i
			case "id":
				ii = i
			case "counts":
				t.Errorf("%s: a column counts", name)
			}
		}
		if ci < 0 || ii < 0 {
			t.Fatalf("%s: header %q lacks id or counted", name, recs[0])
		}
		out := map[string]string{}
		for _, r := range recs[1:] {
			out[r[ii]] = r[ci]
		}
		return out
	}
	recs, err := csv.NewReader(strings.NewReader(mustCLI(t, "value", "--file", in, "--format", "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	value := column("value --format csv", recs)
	dir := t.TempDir()
	out := filepath.Join(dir, "r.pdf")
	mustCLI(t, "report", "--file", in, "-o", out, "--csv", dir)
	recs = testfile.CSV(t, filepath.Join(dir, report.CSVNames(out, false)[0]))
	rep := column("report initiatives CSV", recs)
	if value["community-pilot"] != "true" || value["community-rollout"] != "false" {
		t.Errorf("value: pilot counted %q, rollout %q; want true, false", value["community-pilot"], value["community-rollout"])
	}
	if len(value) != len(rep) {
		t.Errorf("value has %d rows, the report %d", len(value), len(rep))
	}
	for id, c := range value {
		if rep[id] != c {
			t.Errorf("%s: counted %q in value, %q in the report", id, c, rep[id])
		}
	}
}

// TestReportMakesMissingFolders: -o and --csv into folders that do not
// exist yet create them (as mkdir -p) and write the files there; a folder
// that cannot be made (a path through a file) is an error naming it, and
// nothing is written.
func TestReportMakesMissingFolders(t *testing.T) {
	in := chartSampleFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "missing", "deeper", "x.pdf")
	csvDir := filepath.Join(dir, "other", "csv")
	mustCLI(t, "report", "--file", in, "--profile", "board", "-o", out, "--csv", csvDir)
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("%s: %v (%d bytes)", out, err, len(b))
	}
	for _, name := range report.CSVNames(out, false) {
		if _, err := os.Stat(filepath.Join(csvDir, name)); err != nil {
			t.Error(err)
		}
	}
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(file, "sub", "x.pdf")}, "-o: cannot create the folder " + filepath.Join(file, "sub") + ": not a directory"},
		{[]string{"-o", filepath.Join(dir, "y.pdf"), "--csv", filepath.Join(file, "csv")}, "--csv: cannot create the folder " + filepath.Join(file, "csv") + ": not a directory"},
	} {
		code, _, stderr := cli(append([]string{"report", "--file", in, "--profile", "board"}, c.args...)...)
		if code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "y.pdf")); !os.IsNotExist(err) {
		t.Errorf("y.pdf written though --csv could not be made (%v)", err)
	}
}

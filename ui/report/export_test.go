package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestCSVNames: the CSV exports are named after the PDF.
func TestCSVNames(t *testing.T) {
	got := CSVNames("/tmp/x/Board review.pdf", true)
	want := []string{"Board review-initiatives.csv", "Board review-decisions.csv", "Board review-what-moved.csv"}
	if !slices.Equal(got, want) {
		t.Errorf("CSVNames = %q, want %q", got, want)
	}
	if got := CSVNames("r.PDF", false); !slices.Equal(got, []string{"r-initiatives.csv", "r-decisions.csv"}) {
		t.Errorf("CSVNames without moves = %q", got)
	}
}

// TestExport: the PDF and the CSV exports under CSVNames, in csvDir; no
// CSV without a csvDir; a cancelled export and a file that is not a .pdf
// leave nothing behind.
func TestExport(t *testing.T) {
	p := modeltest.Sample(t)
	snap := snapshotOf(p)
	p.Snapshots = []model.Snapshot{snap}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "review.pdf")
	csvDir := filepath.Join(dir, "csv")
	files, err := Export(pdf, Input{Portfolio: p, Since: &p.Snapshots[0]}, Options{Profile: ProfileBoard}, csvDir)
	if err != nil {
		t.Fatal(err)
	}
	if files.PDF != pdf || files.Pages < 5 {
		t.Errorf("files %+v", files)
	}
	var want []string
	for _, n := range CSVNames(pdf, true) {
		want = append(want, filepath.Join(csvDir, n))
	}
	if !slices.Equal(files.CSV, want) {
		t.Errorf("CSV %q, want %q", files.CSV, want)
	}
	for _, f := range append([]string{pdf}, want...) {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	txt := pdfText(t, mustRead(t, pdf))
	if !strings.Contains(squash(txt), snap.Label) {
		t.Errorf("the exported report does not name the snapshot %q", snap.Label)
	}

	only := filepath.Join(t.TempDir(), "only.pdf")
	files, err = Export(only, Input{Portfolio: p}, Options{}, "")
	if err != nil || len(files.CSV) != 0 {
		t.Errorf("without a csvDir: %+v, %v", files, err)
	}

	empty := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Export(filepath.Join(empty, "r.pdf"), Input{Portfolio: p}, Options{Context: ctx}, empty); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := Export(filepath.Join(empty, "r.txt"), Input{Portfolio: p}, Options{}, empty); err == nil {
		t.Error("a .txt report was exported")
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("failed exports left %v", entries)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportCSVFolder: a missing nested csvDir is created and the CSVs
// are written there, each complete (a header row and one row per
// initiative) with no temporary file left; a csvDir that cannot be made
// (a path through a file) is an error naming that folder (the app shows
// it in a dialog), not the bare "mkdir ...: not a directory".
func TestExportCSVFolder(t *testing.T) {
	p := modeltest.Sample(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "r.pdf")
	csvDir := filepath.Join(dir, "a", "b", "csv")
	files, err := Export(pdf, Input{Portfolio: p}, Options{Profile: ProfileBoard}, csvDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files.CSV) != 2 {
		t.Fatalf("CSV %q, want the initiatives and decisions exports", files.CSV)
	}
	rows, err := csv.NewReader(bytes.NewReader(mustRead(t, files.CSV[0]))).ReadAll()
	if err != nil || len(rows) != 1+len(p.Initiatives) {
		t.Errorf("%s: %d rows (%v), want a header and %d initiatives", files.CSV[0], len(rows), err, len(p.Initiatives))
	}
	entries, _ := os.ReadDir(csvDir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left in %s", e.Name(), csvDir)
		}
	}

	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(file, "csv")
	_, err = Export(filepath.Join(dir, "s.pdf"), Input{Portfolio: p}, Options{Profile: ProfileBoard}, bad)
	var pe *fs.PathError
	if err == nil || !strings.Contains(err.Error(), "cannot create the folder "+bad) || !errors.As(err, &pe) {
		t.Errorf("csvDir through a file: %v; want it to name %s (and wrap the mkdir error)", err, bad)
	}
}

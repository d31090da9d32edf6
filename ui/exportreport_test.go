package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestDefaultSince checks that the report compares by default with the
// snapshot before the most recent one, so that right after a review's
// snapshot it still shows what moved since the review before.
func TestDefaultSince(t *testing.T) {
	p := &model.Portfolio{}
	if s := defaultSince(p); s != nil {
		t.Fatalf("no snapshots: got %q", s.Label)
	}
	p.Snapshots = []model.Snapshot{{ID: "1", Label: "Q2 review"}}
	if s := defaultSince(p); s == nil || s.ID != "1" {
		t.Fatalf("one snapshot: got %v", s)
	}
	p.Snapshots = append(p.Snapshots, model.Snapshot{ID: "2", Label: "Q3 review"}, model.Snapshot{ID: "3", Label: "Q4 review"})
	if s := defaultSince(p); s == nil || s.ID != "2" {
		t.Fatalf("three snapshots: got %v, want the one before the last", s)
	}
}

// TestAppExportIsReportExport: the app's export is report.Export, the
// CLI's: the same files under the same names (report.CSVNames) next to
// the PDF, with the same CSV bytes as an export made without the app's
// valuation.
func TestAppExportIsReportExport(t *testing.T) {
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	snap := model.Snapshot{ID: "q3", Label: "Q3 review", Taken: p.AsOf, AsOf: p.AsOf, Settings: p.Settings,
		Initiatives: append([]model.Initiative(nil), p.Initiatives...), Drivers: append([]model.Driver(nil), p.Drivers...)}
	snap.Initiatives[0].S = model.Number(snap.Initiatives[0].S.Value * 0.5)
	p.Snapshots = []model.Snapshot{snap}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	app, cli := t.TempDir(), t.TempDir()
	files, err := exportReportAs(context.Background(), filepath.Join(app, "review.pdf"), p, v, &p.Snapshots[0], report.ProfileBoard, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := report.CSVNames("review.pdf", true)
	if len(files.CSV) != len(names) {
		t.Fatalf("the app wrote %q, want %q", files.CSV, names)
	}
	ref, err := report.Export(filepath.Join(cli, "review.pdf"), report.Input{Portfolio: p, Since: &p.Snapshots[0]}, report.Options{Profile: report.ProfileBoard}, cli)
	if err != nil {
		t.Fatal(err)
	}
	if files.Pages != ref.Pages {
		t.Errorf("the app's report has %d pages, report.Export's %d", files.Pages, ref.Pages)
	}
	for i, n := range names {
		if files.CSV[i] != filepath.Join(app, n) {
			t.Errorf("CSV %d: %s, want %s next to the PDF", i, files.CSV[i], n)
		}
		a, errA := os.ReadFile(files.CSV[i])
		b, errB := os.ReadFile(ref.CSV[i])
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from report.Export's (%v, %v)", n, errA, errB)
		}
	}
}

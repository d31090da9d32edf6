package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// reportFiles are the files a report export wrote: the PDF, its page
// count and the CSV exports next to it (report.Export).
type reportFiles = report.Files

// exportReport builds the PDF portfolio review of p (valued as v) at path,
// comparing with the snapshot since when not nil, and writes the CSV
// exports next to it (report.Export: the CLI's export, with the same file
// names). A cancelled (ctx) or failed build leaves no partial file.
// progress gets the report's steps done and total. It does not touch the
// UI: run it off the UI goroutine.
func exportReport(ctx context.Context, path string, p *model.Portfolio, v *portfolio.Valuation, since *model.Snapshot,
	progress func(done, total int)) (reportFiles, error) {
	return exportReportAs(ctx, path, p, v, since, report.ProfileFull, nil, progress)
}

// exportReportAs is exportReport with the report's profile and, when fund
// is not nil, the "Funding plan" section at the Funding view's budget.
func exportReportAs(ctx context.Context, path string, p *model.Portfolio, v *portfolio.Valuation, since *model.Snapshot,
	profile report.Profile, fund *report.Funding, progress func(done, total int)) (reportFiles, error) {
	now := time.Now()
	in := report.Input{Portfolio: p, Valuation: v, Since: since, Funding: fund}
	opt := report.Options{Context: ctx, Progress: progress, Profile: profile,
		Generated: model.NewDate(now.Year(), now.Month(), now.Day())}
	return report.Export(path, in, opt, filepath.Dir(path))
}

// defaultSince is the snapshot a report compares with unless the user
// chooses another: the one before the most recent (which is usually taken
// at the last review, so comparing with it would show that nothing moved),
// or the only one, or nil.
func defaultSince(p *model.Portfolio) *model.Snapshot {
	switch n := len(p.Snapshots); n {
	case 0:
		return nil
	case 1:
		return &p.Snapshots[0]
	default:
		return &p.Snapshots[n-2]
	}
}

// snapshotChoice is how the export dialog names a snapshot.
func snapshotChoice(s *model.Snapshot) string {
	return fmt.Sprintf("%s (%s)", s.Label, s.Taken)
}

// lastSnapshot is the portfolio's most recent snapshot, or nil.
func lastSnapshot(p *model.Portfolio) *model.Snapshot {
	if len(p.Snapshots) == 0 {
		return nil
	}
	return &p.Snapshots[len(p.Snapshots)-1]
}

// onExportReport asks for the report's profile (board by default) and the
// snapshot to compare with (by default the one before the last review),
// then where to save the PDF (File > Export report…, Ctrl+E), and exports
// it there.
func (w *Window) onExportReport() {
	if w.noPortfolioSays() {
		return
	}
	p := w.ses.Portfolio
	profiles := make([]string, len(report.Profiles))
	for i, pr := range report.Profiles {
		profiles[i] = string(pr)
	}
	prof := widget.NewSelect(profiles, nil)
	prof.SetSelected(string(report.ProfileBoard))
	const none = "no comparison"
	opts := []string{none}
	for i := len(p.Snapshots) - 1; i >= 0; i-- {
		opts = append(opts, snapshotChoice(&p.Snapshots[i]))
	}
	since := widget.NewSelect(opts, nil)
	since.SetSelected(none)
	if s := defaultSince(p); s != nil {
		since.SetSelected(snapshotChoice(s))
	}
	w.showDialog(dialog.NewForm("Export report", "Choose file…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Profile", prof), widget.NewFormItem("Compare with", since),
	}, func(ok bool) {
		if !ok {
			return
		}
		var snap *model.Snapshot
		for i := range p.Snapshots {
			if snapshotChoice(&p.Snapshots[i]) == since.Selected {
				snap = &p.Snapshots[i]
			}
		}
		pr, err := report.ParseProfile(prof.Selected)
		if err != nil {
			pr = report.ProfileBoard
		}
		w.chooseReportFile(pr, snap)
	}, w.win))
}

// chooseReportFile asks where to save the PDF report and exports it there.
func (w *Window) chooseReportFile(profile report.Profile, since *model.Snapshot) {
	d := dialog.NewFileSave(onPicked(w, func(wc fyne.URIWriteCloser) {
		u := wc.URI()
		wc.Close()
		if u.Scheme() != "file" {
			w.showError(fmt.Errorf("report file %s: only local files can be written", u))
			return
		}
		w.exportReportWith(u.Path(), profile, since)
	}), w.win)
	d.SetFileName(model.Slug(w.ses.Portfolio.Name) + "-review.pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	w.showFileDialog(d)
}

// exportReportTo builds the report at path off the UI goroutine with a
// progress dialog whose Cancel stops it, then says where it was written and
// opens it with the desktop's handler (failure to open is ignored).
func (w *Window) exportReportTo(path string) {
	w.exportReportWith(path, report.ProfileBoard, defaultSince(w.ses.Saved()))
}

// exportReportWith is exportReportTo with the profile and the snapshot to
// compare with (nil: none).
func (w *Window) exportReportWith(path string, profile report.Profile, since *model.Snapshot) {
	p, v := w.ses.Saved(), w.ses.savedVal
	var fund *report.Funding
	if fv, ok := w.shown["funding"].(*fundingView); ok {
		fund = fv.reportFunding()
	}
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	d := dialog.NewCustomWithoutButtons("Exporting report", container.NewVBox(
		widget.NewLabel("Building "+filepath.Base(path)+"…"), bar,
		widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel)), w.win)
	d.Show()
	w.escapeCloses(cancel) // Escape: Cancel
	go func() {
		files, err := exportReportAs(ctx, path, p, v, since, profile, fund, func(done, total int) {
			if total > 0 {
				f := float64(done) / float64(total)
				fyne.Do(func() { bar.SetValue(f) })
			}
		})
		cancelled := errors.Is(err, context.Canceled)
		if err != nil {
			// The save dialog created the file; do not leave it empty.
			if fi, serr := os.Stat(path); serr == nil && fi.Size() == 0 {
				os.Remove(path)
			}
		}
		fyne.Do(func() {
			cancel()
			d.Hide()
			switch {
			case cancelled:
				w.setStatus("Report export cancelled: nothing written")
			case err != nil:
				w.showError(fmt.Errorf("report not exported: %w", err))
			default:
				msg := fmt.Sprintf("Wrote %s (%d pages)", files.PDF, files.Pages)
				if since != nil {
					msg += fmt.Sprintf(", comparing with the snapshot %q", since.Label)
				}
				if len(files.CSV) > 0 {
					msg += "\nand next to it " + strings.Join(baseNames(files.CSV), ", ")
				}
				w.setStatus(fmt.Sprintf("Report: %s (%d pages)", files.PDF, files.Pages))
				w.showDialog(dialog.NewInformation("Report exported", msg, w.win))
				_ = w.app.OpenURL(&url.URL{Scheme: "file", Path: files.PDF})
			}
			if w.onReportDone != nil {
				w.onReportDone(files, err)
			}
		})
	}()
}

// baseNames returns the file names of paths.
func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

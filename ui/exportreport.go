package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

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

// reportFiles are the files a report export wrote.
type reportFiles struct {
	// PDF is the report's path and Pages its number of pages.
	PDF   string
	Pages int
	// CSV are the CSV exports written next to it (initiative table,
	// decisions and, with a snapshot, what moved).
	CSV []string
}

// exportReport builds the PDF portfolio review of p (valued as v) at path,
// comparing with the snapshot since when not nil, then writes the CSV
// exports next to it as <name>-initiatives.csv, <name>-decisions.csv and
// <name>-what-moved.csv. The PDF is built into a temporary file in the same
// folder and renamed into place, so a cancelled (ctx) or failed build
// leaves no partial file. progress gets the report's steps done and total.
// It does not touch the UI: run it off the UI goroutine.
func exportReport(ctx context.Context, path string, p *model.Portfolio, v *portfolio.Valuation, since *model.Snapshot,
	progress func(done, total int)) (reportFiles, error) {
	out := reportFiles{PDF: path}
	if strings.ToLower(filepath.Ext(path)) != ".pdf" {
		return out, fmt.Errorf("report file %s: want a .pdf file", filepath.Base(path))
	}
	in := report.Input{Portfolio: p, Since: since}
	f, err := os.CreateTemp(filepath.Dir(path), ".report-*.pdf")
	if err != nil {
		return out, fmt.Errorf("report file %s: %w", path, err)
	}
	tmp := f.Name()
	st, err := report.Build(f, in, report.Options{Context: ctx, Progress: progress})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return out, err
	}
	out.Pages = st.Pages

	base := strings.TrimSuffix(path, filepath.Ext(path))
	type export struct {
		suffix string
		write  func(io.Writer) error
	}
	exports := []export{
		{"-initiatives.csv", func(w io.Writer) error { return report.WriteInitiativesCSV(w, p, v) }},
		{"-decisions.csv", func(w io.Writer) error { return report.WriteDecisionsCSV(w, p) }},
	}
	if since != nil {
		ch, err := report.WhatMoved(p, v, since)
		if err != nil {
			return out, fmt.Errorf("what moved since %q: %w", since.Label, err)
		}
		exports = append(exports, export{"-what-moved.csv", func(w io.Writer) error { return report.WriteMovesCSV(w, ch, p.Currency) }})
	}
	for _, e := range exports {
		name := base + e.suffix
		f, err := os.Create(name)
		if err != nil {
			return out, err
		}
		err = e.write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", name, err)
		}
		out.CSV = append(out.CSV, name)
	}
	return out, nil
}

// lastSnapshot is the portfolio's most recent snapshot, or nil.
func lastSnapshot(p *model.Portfolio) *model.Snapshot {
	if len(p.Snapshots) == 0 {
		return nil
	}
	return &p.Snapshots[len(p.Snapshots)-1]
}

// onExportReport asks where to save the PDF report (File > Export report…,
// Ctrl+E) and exports it there.
func (w *Window) onExportReport() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if wc == nil {
			return
		}
		u := wc.URI()
		wc.Close()
		if u.Scheme() != "file" {
			w.showError(fmt.Errorf("report file %s: only local files can be written", u))
			return
		}
		w.exportReportTo(u.Path())
	}, w.win)
	d.SetFileName(model.Slug(w.ses.Portfolio.Name) + "-review.pdf")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.Show()
}

// exportReportTo builds the report at path off the UI goroutine with a
// progress dialog whose Cancel stops it, then says where it was written and
// opens it with the desktop's handler (failure to open is ignored).
func (w *Window) exportReportTo(path string) {
	p, v := w.ses.Saved(), w.ses.savedVal
	since := lastSnapshot(p)
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	d := dialog.NewCustomWithoutButtons("Exporting report", container.NewVBox(
		widget.NewLabel("Building "+filepath.Base(path)+"…"), bar,
		widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel)), w.win)
	d.Show()
	go func() {
		files, err := exportReport(ctx, path, p, v, since, func(done, total int) {
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
				dialog.ShowInformation("Report exported", msg, w.win)
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

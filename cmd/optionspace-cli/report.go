package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/report"
)

// reportMemoryLimit is the soft memory limit of the report command
// (runtime/debug.SetMemoryLimit) unless GOMEMLIMIT sets one. The full
// report of a large portfolio holds its pages, compressed, until the PDF
// is written, and then the PDF itself (about 280 MB live at the peak for
// 10,000 initiatives); with the collector's default headroom (GOGC=100)
// the heap grows to twice that. Measured peak resident size for the full
// profile of 10,000 initiatives (10,906 pages, /usr/bin/time -v): 645 MB
// without a limit, 399-476 MB at 350 MiB (four runs), 377-414 MB at 300 MiB
// with about 12% more CPU time (39 s against 35 s). Reports whose heap
// stays below the limit (the full profile of 1,000 initiatives peaks at
// about 125 MB) do not pay for it.
const reportMemoryLimit = 300 << 20

func runReport(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	src := addSourceFlags(fs)
	out := fs.String("o", "", "output PDF `file` (required; missing folders are created)")
	since := fs.String("since", "", "compare with this `snapshot` (its ID or label) in \"What changed\"")
	now := fs.String("now", "", "report `date` (YYYY-MM-DD): start of the 90-day deadline window (default: the portfolio's as-of date); the cover's generation date is today")
	budget := fs.String("budget", "", "add the \"Funding plan\" section: the exact plan under this review `budget`, for the period from --now to the next review after it (every 6 months from the as-of date), the one \"Decisions due\" looks to; an initiative whose deadline passed before --now has lapsed: it is not funded and counts 0")
	profile := fs.String("profile", "full", "report `profile`: board (summary, map, what changed, decisions due, one line per initiative; about 20 pages at most), full (with a page per initiative) or appendix (the method alone)")
	csvDir := fs.String("csv", "", "also write the CSV exports into this `directory` (missing folders are created): NAME-initiatives.csv, NAME-decisions.csv and, with --since, NAME-what-moved.csv for -o NAME.pdf (the app's names, next to its PDF)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: optionspace-cli report (--file PORTFOLIO.json | --db FILE [--portfolio NAME]) [--since SNAPSHOT] [--now YYYY-MM-DD] [--profile board|full|appendix] [--csv DIR] -o report.pdf\n")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, pos)
	}
	if *out == "" {
		return fmt.Errorf("%w: -o report.pdf is required", errUsage)
	}
	if ext := strings.ToLower(filepath.Ext(*out)); ext != ".pdf" {
		return fmt.Errorf("%w: -o %s: the report is a PDF (want a .pdf file)", errUsage, *out)
	}
	var opt report.Options
	prof, err := report.ParseProfile(*profile)
	if err != nil {
		return fmt.Errorf("%w: --profile: %v", errUsage, err)
	}
	opt.Profile = prof
	t := time.Now()
	opt.Generated = model.NewDate(t.Year(), t.Month(), t.Day())
	if opt.Now, err = parseDateFlag("now", *now, model.Date{}); err != nil {
		return err
	}
	p, err := src.load()
	if err != nil {
		return err
	}
	in := report.Input{Portfolio: p}
	if *budget != "" {
		b, err := parseBudgetFlag(*budget)
		if err != nil {
			return err
		}
		in.Funding = &report.Funding{Budget: b}
	}
	if *since != "" {
		s, err := findSnapshot(p, *since)
		if err != nil {
			return err
		}
		in.Since = s
	}
	// Missing folders of -o and --csv are made now, before the build (a
	// path through a file fails here, naming the folder, not after it).
	if err := makeOutputFolders(folderOf("-o", *out), outputFolder{"--csv", *csvDir}); err != nil {
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(reportMemoryLimit))
	}
	files, err := report.Export(*out, in, opt, *csvDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d pages)\n", files.PDF, files.Pages)
	for _, f := range files.CSV {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	return nil
}

// findSnapshot returns p's snapshot with the given ID or label.
func findSnapshot(p *model.Portfolio, key string) (*model.Snapshot, error) {
	for i := range p.Snapshots {
		if p.Snapshots[i].ID == key || p.Snapshots[i].Label == key {
			return &p.Snapshots[i], nil
		}
	}
	if len(p.Snapshots) == 0 {
		return nil, fmt.Errorf("--since %q: the portfolio %q has no snapshots", key, p.Name)
	}
	names := make([]string, 0, len(p.Snapshots))
	for _, s := range p.Snapshots {
		names = append(names, fmt.Sprintf("%q (%s, %s)", s.Label, s.ID, s.Taken))
	}
	return nil, fmt.Errorf("--since %q: no snapshot has this ID or label; the portfolio has %s", key, strings.Join(names, ", "))
}

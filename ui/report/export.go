package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Files are the files Export wrote.
type Files struct {
	// PDF is the report's path and Pages its number of pages.
	PDF   string
	Pages int
	// CSV are the CSV exports' paths, in the order of CSVNames.
	CSV []string
}

// CSVNames returns the names of the CSV exports of the report pdf:
// <name>-initiatives.csv and <name>-decisions.csv and, when withMoves (a
// comparison snapshot), <name>-what-moved.csv, where <name> is the PDF's
// file name without ".pdf". The app writes them next to the PDF, the CLI
// where --csv says; the names are the same.
func CSVNames(pdf string, withMoves bool) []string {
	base := strings.TrimSuffix(filepath.Base(pdf), filepath.Ext(pdf))
	names := []string{base + "-initiatives.csv", base + "-decisions.csv"}
	if withMoves {
		names = append(names, base+"-what-moved.csv")
	}
	return names
}

// Export is the report export of the app and the CLI: it builds the PDF
// report of in at path, then, unless csvDir is "", writes the CSV exports
// into csvDir under the names CSVNames gives. The PDF is built into a
// temporary file in its folder and renamed into place, so a cancelled
// (opt.Context) or failed build leaves no partial PDF. path must end in
// ".pdf".
func Export(path string, in Input, opt Options, csvDir string) (Files, error) {
	out := Files{PDF: path}
	if strings.ToLower(filepath.Ext(path)) != ".pdf" {
		return out, fmt.Errorf("report file %s: want a .pdf file", filepath.Base(path))
	}
	if in.Portfolio == nil {
		return out, fmt.Errorf("report: no portfolio to report on")
	}
	if in.Valuation == nil {
		v, err := portfolio.Evaluate(in.Portfolio, valuationOptions(opt.Profile))
		if err != nil {
			return out, fmt.Errorf("report: %w", err)
		}
		in.Valuation = v
	}
	st, err := writePDF(path, in, opt)
	if err != nil {
		return out, err
	}
	out.Pages = st.Pages
	if csvDir == "" {
		return out, nil
	}
	if opt.Context != nil {
		if err := opt.Context.Err(); err != nil {
			return out, err
		}
	}
	out.CSV, err = writeCSVs(path, csvDir, in, st, opt.Now)
	return out, err
}

// writePDF builds the report into a temporary file next to path and
// renames it into place (atomicfile: synced, then renamed).
func writePDF(path string, in Input, opt Options) (Stats, error) {
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return Stats{}, err
	}
	defer f.Abort()
	st, err := Build(f, in, opt)
	if err == nil && opt.Context != nil {
		err = opt.Context.Err()
	}
	if err == nil {
		err = f.Commit()
	}
	if err != nil {
		return Stats{}, err
	}
	return st, nil
}

// writeCSVs writes the CSV exports of the report pdf into dir (created
// with its parents when missing) and returns their paths; what moved is
// the one Build found (st); deadline_passed is on the report's date now.
// Each file is written atomically.
func writeCSVs(pdf, dir string, in Input, st Stats, now model.Date) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder %s for the CSV exports: %w", dir, err)
	}
	p, v := in.Portfolio, in.Valuation
	writers := []func(io.Writer) error{
		func(w io.Writer) error {
			if st.actNow == nil {
				return WriteInitiativesCSVOn(w, p, v, now)
			}
			return writeInitiativesCSV(w, p, v, now, st.actNow)
		},
		func(w io.Writer) error { return WriteDecisionsCSV(w, p) },
	}
	if in.Since != nil {
		ch, err := st.changes, st.chErr
		if err != nil {
			return nil, fmt.Errorf("what moved since %q: %w", in.Since.Label, err)
		}
		writers = append(writers, func(w io.Writer) error { return WriteMovesCSV(w, ch, p.Currency) })
	}
	var paths []string
	for i, name := range CSVNames(pdf, in.Since != nil) {
		path := filepath.Join(dir, name)
		write := writers[i]
		err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
			if err := write(w); err != nil { // a csv.Writer: buffered
				return fmt.Errorf("%s: %w", path, err)
			}
			return nil
		})
		if err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

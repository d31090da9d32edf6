package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/workbook"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

func runImport(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", dbUsage)
	asOf := fs.String("as-of", "", "CSV into a new portfolio: its as-of `date` (YYYY-MM-DD; default today)")
	name := fs.String("portfolio", "", "JSON: import under this `name` instead of the file's; CSV: the portfolio to add the initiatives to (created when missing)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one file: optionspace-cli import --db FILE PORTFOLIO.json|.csv|.xlsx", errUsage)
	}
	file := pos[0]
	path := dbPath(*db)
	var run func() error
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		run = func() error { return importJSON(stdout, stderr, path, file, *name) }
	case ".csv":
		run = func() error { return importCSV(stdout, stderr, path, file, *name, *asOf) }
	case ".xlsx":
		run = func() error { return importXLSX(stdout, stderr, path, file, *name, *asOf) }
	default:
		return fmt.Errorf("%w: %s: want a .json portfolio, a .csv initiative table or an .xlsx workbook", errUsage, file)
	}
	// Import makes the database (and its folders) when there is none; a
	// refused import removes what it made (newdb.go).
	perm := os.FileMode(0o755)
	if *db == "" {
		perm = 0o700 // the app's own folder
	}
	discard, err := prepareNewDatabase(path, perm)
	if err != nil {
		return err
	}
	if err := run(); err != nil {
		discard()
		return err
	}
	return nil
}

// importJSON imports the portfolio file into the database at path, under
// name if given.
func importJSON(stdout, stderr io.Writer, path, file, name string) error {
	p, err := model.ReadJSONFile(file)
	if err != nil {
		return err
	}
	if name != "" {
		p.Name = name
	}
	if err := formulaProblems(p, nil); err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", file, err)
	}
	return createPortfolio(stdout, stderr, path, p)
}

// importCSV adds the initiative table file to the portfolio name in the
// database at path (importTable); asOf is --as-of, the date of a new
// portfolio.
func importCSV(stdout, stderr io.Writer, path, file, name, asOf string) error {
	if name == "" {
		return fmt.Errorf("%w: a CSV table needs --portfolio NAME (the portfolio to add its initiatives to)", errUsage)
	}
	day, err := parseDateFlag("as-of", asOf, model.Today())
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > model.MaxFileSize {
		return fmt.Errorf("%s: nothing imported: the file is %d MB, larger than %d MB", file, fi.Size()>>20, model.MaxFileSize>>20)
	}
	table, err := model.ReadCSVTable(f)
	var rows *model.RowsError
	if errors.As(err, &rows) {
		// The formulas of the rows that read are checked in the same
		// pass, against the portfolio they go into.
		if ferr := rowFormulaProblems(path, name, day, rows.Table); ferr != nil {
			err = errors.Join(err, ferr)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", file, err)
	}
	if _, serr := os.Stat(path); errors.Is(serr, os.ErrNotExist) && !storage.IsPostgres(path) {
		// A new database: the table goes into a new portfolio. It is
		// checked before the file is made, so that a refusal leaves none.
		if _, _, err := mergeTable(newTablePortfolio(name, day, table), table); err != nil {
			return fmt.Errorf("%s: nothing imported:\n%w", file, err)
		}
	}
	st, err := storage.Open(path, storage.Options{BackupAtFirstWrite: true})
	if err != nil {
		return err
	}
	defer st.Close()
	defer warnStore(stderr, st)
	added, updated, err := importTable(st, name, day, table)
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", file, err)
	}
	fmt.Fprintf(stdout, "imported %d initiatives into %q (%d new, %d updated) in %s\n", len(table.Initiatives), name, added, updated, path)
	return nil
}

// importXLSX imports the workbook file into the database at path, printing
// the reader's notes on stderr.
func importXLSX(stdout, stderr io.Writer, path, file, name, asOf string) error {
	day, err := parseDateFlag("as-of", asOf, model.Date{})
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	imp, err := workbook.ReadFile(file, workbook.Options{Name: name, Fallback: base, AsOf: day})
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", file, err)
	}
	for _, n := range imp.Notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	return createPortfolio(stdout, stderr, path, imp.Portfolio)
}

// createPortfolio adds p to the database at path as a new portfolio.
func createPortfolio(stdout, stderr io.Writer, path string, p *model.Portfolio) error {
	st, err := storage.Open(path, storage.Options{BackupAtFirstWrite: true})
	if err != nil {
		return err
	}
	defer st.Close()
	defer warnStore(stderr, st)
	if err := st.Create(p); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %q (%d initiatives, %d drivers, %d links) into %s\n", p.Name, len(p.Initiatives), len(p.Drivers), len(p.Links), path)
	return nil
}

// importTable adds the table's initiatives to the named portfolio as one
// action: a row whose id matches an initiative updates only the columns the
// table has; the others are added. A missing portfolio is created from the
// SCRM template, as of asOf, with the table's tags added to the SCRM ones;
// an existing portfolio's tags must already hold every row's tag. Problems
// of the result name the line and column of the row that caused them.
func importTable(st storage.Backend, name string, asOf model.Date, t *model.CSVTable) (added, updated int, err error) {
	merge := func(p *model.Portfolio) error {
		var err error
		added, updated, err = mergeTable(p, t)
		return err
	}
	if _, err := st.Load(name); errors.Is(err, store.ErrNotFound) {
		p := newTablePortfolio(name, asOf, t)
		if err := merge(p); err != nil {
			return 0, 0, err
		}
		// Create refuses a name another process has taken since the
		// Load: the table is then merged into that portfolio, as the
		// latest state.
		if err := st.Create(p); !errors.Is(err, store.ErrExists) {
			return added, updated, err
		}
	} else if err != nil {
		return 0, 0, err
	}
	_, err = st.Apply(name, fmt.Sprintf("import %d initiatives", len(t.Initiatives)), merge)
	return added, updated, err
}

// newTablePortfolio is the portfolio a table goes into when the database
// has none of its name: the SCRM template as of asOf, with the table's
// tags added to the SCRM ones.
func newTablePortfolio(name string, asOf model.Date, t *model.CSVTable) *model.Portfolio {
	p := model.NewSCRMTemplate(name, asOf)
	for _, in := range t.Initiatives {
		if !contains(p.Tags, in.Tag) && strings.TrimSpace(in.Tag) != "" {
			p.Tags = append(p.Tags, in.Tag)
		}
	}
	return p
}

// mergeTable merges the table's rows into p (a row whose id matches an
// initiative updates only the table's columns; the others are added) and
// checks the result: its problems, then its formulas, at the rows' lines
// and columns.
func mergeTable(p *model.Portfolio, t *model.CSVTable) (added, updated int, err error) {
	lineOf := mergeRows(p, t, &added, &updated)
	if err := csvProblems(p, lineOf, p.Validate()); err != nil {
		return 0, 0, err
	}
	return added, updated, formulaProblems(p, lineOf)
}

// mergeRows merges the table's rows into p, counting the added and
// updated initiatives, and returns the line of each row by initiative ID.
func mergeRows(p *model.Portfolio, t *model.CSVTable, added, updated *int) map[string]int {
	lineOf := map[string]int{} // initiative ID -> line
	index := make(map[string]int, len(p.Initiatives)+len(t.Initiatives))
	for i := range p.Initiatives {
		index[p.Initiatives[i].ID] = i
	}
	for k := range t.Initiatives {
		in := &t.Initiatives[k]
		lineOf[in.ID] = t.Lines[k]
		if i, ok := index[in.ID]; ok {
			model.MergeCSV(&p.Initiatives[i], in, t.Columns)
			*updated++
			continue
		}
		index[in.ID] = len(p.Initiatives)
		p.Initiatives = append(p.Initiatives, *in)
		*added++
	}
	return lineOf
}

// rowFormulaProblems checks the formulas of a refused table's rows against
// the portfolio name they were to go into (read, never written: a new
// database is not made), so that one pass reports them with the row
// problems. It returns nil when it cannot read that portfolio.
func rowFormulaProblems(path, name string, asOf model.Date, t *model.CSVTable) error {
	if t == nil || len(t.Initiatives) == 0 {
		return nil
	}
	var p *model.Portfolio
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !storage.IsPostgres(path) {
		p = newTablePortfolio(name, asOf, t)
	} else {
		st, err := storage.Open(path, storage.Options{ReadOnly: true})
		if err != nil {
			return nil
		}
		defer st.Close()
		if p, err = st.Load(name); errors.Is(err, store.ErrNotFound) {
			p = newTablePortfolio(name, asOf, t)
		} else if err != nil {
			return nil
		}
	}
	var added, updated int
	return formulaProblems(p, mergeRows(p, t, &added, &updated))
}

// csvProblems rewrites the validation problems of the table's initiatives
// as "line N, column C: ..." and keeps the others (such as a link cycle) as
// they are.
func csvProblems(p *model.Portfolio, lineOf map[string]int, err error) error {
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	// The imported initiatives: those with a line in the table.
	fields := model.NewInitiativeFields(p, func(i int) bool {
		_, ok := lineOf[p.Initiatives[i].ID]
		return ok
	})
	var errs []error
	for _, pr := range ve.Problems {
		if i, column, ok := fields.Locate(pr.Field); ok {
			errs = append(errs, &model.CSVError{Line: lineOf[p.Initiatives[i].ID], Column: column, Err: errors.New(pr.Message)})
		} else {
			errs = append(errs, errors.New(pr.String()))
		}
	}
	return errors.Join(errs...)
}

// formulaProblems checks every formula of p as the inspector does and
// reports those that cannot be evaluated, at the line and column of the
// table row when lineOf knows the initiative (nil for a JSON import).
func formulaProblems(p *model.Portfolio, lineOf map[string]int) error {
	var errs []error
	for _, fp := range portfolio.CheckFormulas(p) {
		in := &p.Initiatives[fp.Index]
		if line, ok := lineOf[in.ID]; ok {
			errs = append(errs, &model.CSVError{Line: line, Column: fp.Field, Err: fp.Err})
			continue
		}
		errs = append(errs, fmt.Errorf("initiative %q: %w", in.Name, fp.Err))
		if len(errs) > 50 {
			errs = append(errs, errors.New("more problems follow; fix these first"))
			break
		}
	}
	return errors.Join(errs...)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

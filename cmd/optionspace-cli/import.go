package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

func init() {
	register(&command{name: "import", summary: "import a portfolio (JSON) or an initiative table (CSV) into a database", run: runImport})
}

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", stderr)
	db := fs.String("db", "", "portfolio database `file` (default: the app's own database)")
	asOf := fs.String("as-of", "", "CSV into a new portfolio: its as-of `date` (YYYY-MM-DD; default today)")
	name := fs.String("portfolio", "", "JSON: import under this `name` instead of the file's; CSV: the portfolio to add the initiatives to (created when missing)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one file: optionspace-cli import --db FILE PORTFOLIO.json|.csv", errUsage)
	}
	file := pos[0]
	path := *db
	if path == "" {
		path = store.DefaultPath()
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		p, err := model.ReadJSONFile(file)
		if err != nil {
			return err
		}
		if *name != "" {
			p.Name = *name
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.Create(p); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "imported %q (%d initiatives, %d drivers, %d links) into %s\n", p.Name, len(p.Initiatives), len(p.Drivers), len(p.Links), path)
		return nil
	case ".csv":
		if *name == "" {
			return fmt.Errorf("%w: a CSV table needs --portfolio NAME (the portfolio to add its initiatives to)", errUsage)
		}
		day := model.Today()
		if *asOf != "" {
			d, err := model.ParseDate(*asOf)
			if err != nil {
				return fmt.Errorf("%w: --as-of: %v", errUsage, err)
			}
			day = d
		}
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		table, err := model.ReadCSVTable(f)
		if err != nil {
			return fmt.Errorf("%s: nothing imported:\n%w", file, err)
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			return err
		}
		defer st.Close()
		added, updated, err := importTable(st, *name, day, table)
		if err != nil {
			return fmt.Errorf("%s: nothing imported:\n%w", file, err)
		}
		fmt.Fprintf(stdout, "imported %d initiatives into %q (%d new, %d updated) in %s\n", len(table.Initiatives), *name, added, updated, path)
		return nil
	}
	return fmt.Errorf("%w: %s: want a .json portfolio or a .csv initiative table", errUsage, file)
}

// importTable adds the table's initiatives to the named portfolio as one
// action: a row whose id matches an initiative updates only the columns the
// table has; the others are added. A missing portfolio is created from the
// SCRM template, as of asOf, with the table's tags added to the SCRM ones;
// an existing portfolio's tags must already hold every row's tag. Problems
// of the result name the line and column of the row that caused them.
func importTable(st *store.Store, name string, asOf model.Date, t *model.CSVTable) (added, updated int, err error) {
	merge := func(p *model.Portfolio) error {
		added, updated = 0, 0
		lineOf := map[string]int{} // initiative ID -> line
		for k := range t.Initiatives {
			in := &t.Initiatives[k]
			lineOf[in.ID] = t.Lines[k]
			if old := p.Initiative(in.ID); old != nil {
				model.MergeCSV(old, in, t.Columns)
				updated++
				continue
			}
			p.Initiatives = append(p.Initiatives, *in)
			added++
		}
		return csvProblems(p, lineOf, p.Validate())
	}
	if _, err := st.Load(name); errors.Is(err, store.ErrNotFound) {
		p := model.NewSCRMTemplate(name, asOf)
		for _, in := range t.Initiatives {
			if !contains(p.Tags, in.Tag) && strings.TrimSpace(in.Tag) != "" {
				p.Tags = append(p.Tags, in.Tag)
			}
		}
		if err := merge(p); err != nil {
			return 0, 0, err
		}
		return added, updated, st.Create(p)
	} else if err != nil {
		return 0, 0, err
	}
	_, err = st.Apply(name, fmt.Sprintf("import %d initiatives", len(t.Initiatives)), merge)
	return added, updated, err
}

// csvProblems rewrites the validation problems of the table's initiatives
// as "line N, column C: ..." and keeps the others (such as a link cycle) as
// they are.
func csvProblems(p *model.Portfolio, lineOf map[string]int, err error) error {
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	var errs []error
	for _, pr := range ve.Problems {
		var mapped error
		for i := range p.Initiatives {
			line, ok := lineOf[p.Initiatives[i].ID]
			if !ok {
				continue
			}
			if rest, found := strings.CutPrefix(pr.Field, model.InitiativeField(&p.Initiatives[i], i)+"."); found {
				column, _, _ := strings.Cut(rest, ".")
				column, _, _ = strings.Cut(column, "[")
				mapped = &model.CSVError{Line: line, Column: column, Err: errors.New(pr.Message)}
				break
			}
		}
		if mapped == nil {
			mapped = errors.New(pr.String())
		}
		errs = append(errs, mapped)
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

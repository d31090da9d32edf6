package main

import (
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
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		ins, err := model.ReadCSV(f)
		if err != nil {
			return fmt.Errorf("%s: nothing imported:\n%w", file, err)
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			return err
		}
		defer st.Close()
		added, updated, err := importInitiatives(st, *name, ins)
		if err != nil {
			return fmt.Errorf("%s: nothing imported: %w", file, err)
		}
		fmt.Fprintf(stdout, "imported %d initiatives into %q (%d new, %d updated) in %s\n", len(ins), *name, added, updated, path)
		return nil
	}
	return fmt.Errorf("%w: %s: want a .json portfolio or a .csv initiative table", errUsage, file)
}

// importInitiatives adds or replaces (by ID) the initiatives in the named
// portfolio, creating it from the SCRM template when missing, as one action.
func importInitiatives(st *store.Store, name string, ins []model.Initiative) (added, updated int, err error) {
	if _, err := st.Load(name); err != nil {
		p := model.NewSCRMTemplate(name, model.Today())
		p.Initiatives = ins
		for _, in := range ins {
			if !contains(p.Tags, in.Tag) && in.Tag != "" {
				p.Tags = append(p.Tags, in.Tag)
			}
		}
		return len(ins), 0, st.Create(p)
	}
	_, err = st.Apply(name, fmt.Sprintf("import %d initiatives", len(ins)), func(p *model.Portfolio) error {
		for _, in := range ins {
			if old := p.Initiative(in.ID); old != nil {
				*old = in
				updated++
				continue
			}
			if !contains(p.Tags, in.Tag) && in.Tag != "" {
				p.Tags = append(p.Tags, in.Tag)
			}
			p.Initiatives = append(p.Initiatives, in)
			added++
		}
		return nil
	})
	return added, updated, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

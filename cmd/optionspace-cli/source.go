package main

import (
	"flag"
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

// source is where a command reads its portfolio from: a JSON file, or a
// portfolio in a database.
type source struct {
	file, db, name *string
}

// addSourceFlags adds --file, --db and --portfolio to fs.
func addSourceFlags(fs *flag.FlagSet) *source {
	return &source{
		file: fs.String("file", "", "read the portfolio from this JSON `file`"),
		db:   fs.String("db", "", "portfolio database `file` (default: the app's own database)"),
		name: fs.String("portfolio", "", "portfolio `name` in the database (default: the only one)"),
	}
}

// load reads the portfolio.
func (s *source) load() (*model.Portfolio, error) {
	if *s.file != "" {
		if *s.db != "" || *s.name != "" {
			return nil, fmt.Errorf("%w: --file cannot be combined with --db or --portfolio", errUsage)
		}
		return model.ReadJSONFile(*s.file)
	}
	path := *s.db
	if path == "" {
		path = store.DefaultPath()
	}
	st, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	name := *s.name
	if name == "" {
		list, err := st.List()
		if err != nil {
			return nil, err
		}
		switch len(list) {
		case 0:
			return nil, fmt.Errorf("the database %s holds no portfolio", path)
		case 1:
			name = list[0].Name
		default:
			return nil, fmt.Errorf("%w: the database %s holds %d portfolios: name one with --portfolio (optionspace-cli list --db %s)", errUsage, path, len(list), path)
		}
	}
	return st.Load(name)
}

package main

import (
	"flag"
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
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
		db:   fs.String("db", "", dbUsage),
		name: fs.String("portfolio", "", "portfolio `name` in the database (default: the only one)"),
	}
}

// fromFile reports whether the portfolio is read from --file; --file with
// --db or --portfolio is a usage error.
func (s *source) fromFile() (bool, error) {
	if *s.file == "" {
		return false, nil
	}
	if *s.db != "" || *s.name != "" {
		return true, fmt.Errorf("%w: --file cannot be combined with --db or --portfolio", errUsage)
	}
	return true, nil
}

// load reads the portfolio.
func (s *source) load() (*model.Portfolio, error) {
	file, err := s.fromFile()
	if err != nil {
		return nil, err
	}
	if file {
		return model.ReadJSONFile(*s.file)
	}
	path := dbPath(*s.db)
	st, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	name, err := portfolioName(st, path, *s.name, fmt.Sprintf(" (optionspace-cli list --db %s)", path))
	if err != nil {
		return nil, err
	}
	return st.Load(name)
}

// evaluate reads the portfolio and values it.
func (s *source) evaluate(opt portfolio.Options) (*model.Portfolio, *portfolio.Valuation, error) {
	p, err := s.load()
	if err != nil {
		return nil, nil, err
	}
	v, err := portfolio.Evaluate(p, opt)
	if err != nil {
		return nil, nil, err
	}
	return p, v, nil
}

// portfolioName resolves --portfolio in the database at path: the named
// portfolio, or the only one. hint follows the message when the database
// holds several.
func portfolioName(st readStore, path, name, hint string) (string, error) {
	if name != "" {
		return name, nil
	}
	list, err := st.List()
	if err != nil {
		return "", err
	}
	switch len(list) {
	case 0:
		return "", fmt.Errorf("the database %s holds no portfolio", path)
	case 1:
		return list[0].Name, nil
	}
	return "", fmt.Errorf("%w: the database %s holds %d portfolios: name one with --portfolio%s", errUsage, path, len(list), hint)
}

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

// The flags and outputs several commands share: one piece of code each, so
// that a flag reads, checks and fails the same way in every command.

// The usages of --db: a database file, or either kind (the commands that
// say so). Both default to the app's own database (dbPath).
const (
	dbUsage    = "portfolio database `file` (default: the app's own database)"
	dbURLUsage = "portfolio database `file` or postgres:// URL (default: the app's own database)"
)

// dbPath is the database a --db flag names: its value, else the app's own
// database (store.DefaultPath: $OPTIONSPACE_DB when set).
func dbPath(db string) string {
	if db == "" {
		return store.DefaultPath()
	}
	return db
}

// parseNoArgsAs parses args for the command name, which takes flags only;
// a positional argument is a usage error "NAME takes no arguments".
func parseNoArgsAs(fs *flag.FlagSet, args []string, name string) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: %s takes no arguments", errUsage, name)
	}
	return nil
}

// givenFlags returns the names of the flags fs parsed from the command
// line (a flag given its default value counts).
func givenFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// requireFlags returns a usage error "--NAME is required" for the first of
// names that is not in set (givenFlags).
func requireFlags(set map[string]bool, names ...string) error {
	for _, name := range names {
		if !set[name] {
			return fmt.Errorf("%w: --%s is required", errUsage, name)
		}
	}
	return nil
}

// formatFlag is a command's --format flag with the formats it accepts.
type formatFlag struct {
	value   string
	choices []string
}

// addFormatFlag adds --format to fs: one of choices, the first by default,
// with the usage "output `format`: A, B or C".
func addFormatFlag(fs *flag.FlagSet, choices ...string) *formatFlag {
	return addFormatFlagUsage(fs, "output `format`: "+orList(choices), choices...)
}

// addFormatFlagUsage is addFormatFlag with its own usage text.
func addFormatFlagUsage(fs *flag.FlagSet, usage string, choices ...string) *formatFlag {
	f := &formatFlag{choices: choices}
	fs.StringVar(&f.value, "format", choices[0], usage)
	return f
}

// check returns a usage error unless the value is one of the choices.
func (f *formatFlag) check() error {
	for _, c := range f.choices {
		if f.value == c {
			return nil
		}
	}
	return fmt.Errorf("%w: --format %q: want %s", errUsage, f.value, orList(f.choices))
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// parseDateFlag reads the YYYY-MM-DD value s of the flag --name; an empty
// s gives def. A bad date is a usage error naming the flag.
func parseDateFlag(name, s string, def model.Date) (model.Date, error) {
	if s == "" {
		return def, nil
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return model.Date{}, fmt.Errorf("%w: --%s: %v", errUsage, name, err)
	}
	return d, nil
}

// parseBudgetFlag reads the value s of --budget (parseBudget); a bad
// amount is a usage error naming the flag.
func parseBudgetFlag(s string) (float64, error) {
	b, err := parseBudget(s)
	if err != nil {
		return 0, fmt.Errorf("%w: --budget %q: %v", errUsage, s, err)
	}
	return b, nil
}

// writeJSON writes v as indented JSON, the output of every --format json
// and --json.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// newTable returns the writer of the commands' table outputs: columns two
// spaces apart, cells left-aligned, widths in terminal columns (see table).
func newTable(w io.Writer) *table { return &table{w: w} }

// newRightTable is newTable with the cells right-aligned, for columns of
// numbers.
func newRightTable(w io.Writer) *table { return &table{w: w, right: true} }

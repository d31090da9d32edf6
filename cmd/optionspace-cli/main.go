// Command optionspace-cli is Option Space's headless tool: it values,
// prices, imports, exports, charts and reports portfolios from scripts.
// It builds with CGO_ENABLED=0 and never imports Fyne.
//
// Usage:
//
//	optionspace-cli COMMAND [flags]
//
// Run "optionspace-cli help" for the list of commands and
// "optionspace-cli COMMAND -h" for a command's flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// command is one subcommand of the CLI.
type command struct {
	summary string
	// run executes the command on its flag set, named "optionspace-cli
	// NAME", which reports errors and prints its usage on stderr. It
	// returns errUsage (wrapped or not) for bad flags, errSilent when it
	// already printed what went wrong.
	run func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error
}

var (
	// errUsage marks a usage error: exit status 2.
	errUsage = errors.New("usage")
	// errSilent marks a failure already reported on stderr: exit status 1.
	errSilent = errors.New("failed")
)

// commands is the table of the subcommands by name. Each run function
// lives in the file of its command (copy and watch in pg.go; undo, redo
// and history in history.go).
var commands = map[string]command{
	"chart":      {"draw a chart (space, invest-wait, tornado, payoff, lattice, history, simulation, layers) to PNG, SVG or PDF", runChart},
	"copy":       {"copy portfolios between databases: a file and PostgreSQL (postgres://...), either way", runCopy},
	"dbpath":     {"print the path of the app's own portfolio database (the default of --db)", runDBPath},
	"driver":     {"list drivers, or set one (saved) and print what moved: driver [--db FILE --portfolio NAME | --file F] list | set DRIVER VALUE", runDriver},
	"estimate":   {"estimate S and sigma of an initiative from its cash-flow model (Monte Carlo)", runEstimate},
	"export":     {"export a portfolio as JSON, its initiative table as CSV, or a workbook (xlsx)", runExport},
	"history":    {"list the undo and redo history of a database", runHistory},
	"import":     {"import a portfolio (JSON, or an Excel workbook) or an initiative table (CSV) into a database", runImport},
	"list":       {"list the portfolios in a database", runList},
	"plan":       {"the exact funding plan under a budget: what to fund now, keep open or let lapse, with the greedy ranking and the frontier", runPlan},
	"price":      {"price one option (bs, crr, lr, alo) or a CSV batch with the valuation engine", runPrice},
	"redo":       {"redo the newest undone action in a database", stepCommand("redo")},
	"report":     {"write the PDF portfolio review (and, with --csv, the CSV exports)", runReport},
	"restore":    {"put the newest valid backup of a database back in place (the current file is kept aside)", runRestore},
	"simulate":   {"Monte Carlo of the portfolio to the next review: value distribution and region probabilities per initiative", runSimulate},
	"space":      {"place one option in the option space: NPVq, sigma*sqrt(t), C/S, region, trigger", runSpace},
	"template":   {"write an empty workbook (xlsx) for a client to fill in and import", runTemplate},
	"undo":       {"undo the newest action in a database (any portfolio's, the app's too)", stepCommand("undo")},
	"value":      {"value a portfolio: one row per initiative with its option value, NPVq, sigma*sqrt(t) and region", runValue},
	"watch":      {"print one line per change to a portfolio in a PostgreSQL database, as it happens", runWatch},
	"volatility": {"estimate sigma from a history (--series FILE.csv) or an expert's range (--p10 --p50 --p90 --years)", runVolatility},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches args to a command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name := args[0]
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "optionspace-cli: unknown command %q (run \"optionspace-cli help\")\n", name)
		return 2
	}
	err := c.run(newFlagSet(name, stderr), args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if err != errUsage {
			fmt.Fprintf(stderr, "optionspace-cli %s: %v\n", name, err)
		}
		return 2
	case errors.Is(err, errSilent):
		return 1
	default:
		fmt.Fprintf(stderr, "optionspace-cli %s: %v\n", name, err)
		return 1
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "optionspace-cli: Option Space, headless.")
	fmt.Fprintln(w, "\nUsage: optionspace-cli COMMAND [flags]   (COMMAND -h shows its flags)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// newFlagSet returns a flag set for a command that reports errors instead of
// exiting, printing its usage to stderr.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("optionspace-cli "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, mapping a parse failure to errUsage. Flags and
// positional arguments may be interleaved.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	// A negative number in a positional place ("driver set members -5")
	// is an argument, not a flag: no flag's name is a number.
	if k := negativeArg(fs, args); k >= 0 {
		pos, err := parseFlags(fs, args[:k])
		if err != nil {
			return nil, err
		}
		rest, err := parseFlags(fs, args[k+1:])
		if err != nil {
			return nil, err
		}
		return append(append(pos, args[k]), rest...), nil
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// negativeArg returns the index of the first argument that is a negative
// number and not the value of the flag before it, or -1.
func negativeArg(fs *flag.FlagSet, args []string) int {
	for k, a := range args {
		if a == "--" {
			return -1
		}
		if len(a) < 2 || a[0] != '-' {
			continue
		}
		if _, err := strconv.ParseFloat(a, 64); err != nil {
			continue
		}
		if k > 0 && takesValue(fs, args[k-1]) {
			continue
		}
		return k
	}
	return -1
}

// takesValue reports whether a is a flag of fs written without its value
// ("-budget", not "-budget=5" nor a boolean flag), so the next argument is
// its value.
func takesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimLeft(a, "-")
	if len(a) < 2 || a[0] != '-' || strings.Contains(name, "=") || name == "" {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

// setUsage makes fs's usage the given lines followed by the flags.
func setUsage(fs *flag.FlagSet, stderr io.Writer, lines ...string) {
	fs.Usage = func() {
		for _, l := range lines {
			fmt.Fprintln(stderr, l)
		}
		fs.PrintDefaults()
	}
}

// parseNoArgs parses args for a command that takes flags only.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	return nil
}

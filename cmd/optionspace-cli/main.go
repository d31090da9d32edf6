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

	"github.com/optionspace/optionspace/model/store/pgstore"
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
	"template":   {"write a workbook (xlsx) with one example row for a client to overwrite and import", runTemplate},
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
		fmt.Fprintf(stderr, "optionspace-cli %s: %v\n", name, cliError(err))
		return 1
	}
}

// cliError is err as the CLI says it: a PostgreSQL conflict (someone else
// changed what the command was about to change) tells what to do here,
// where there is nothing to reload: run the command again, on top of
// their change. Other errors are err.
func cliError(err error) error {
	var ce *pgstore.ConflictError
	if !errors.As(err, &ce) {
		return err
	}
	return errors.New(ce.Refused() + ", and nothing of it was written: run the command again to make it on top of theirs")
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
	var pos []string
	for {
		// A negative number where an argument goes ("driver set members
		// -5") is the argument, not a flag: no flag's name is a number. A
		// flag's own value (--r -0.02) is taken by fs.Parse with its flag.
		if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' {
			if _, err := strconv.ParseFloat(args[0], 64); err == nil {
				pos, args = append(pos, args[0]), args[1:]
				continue
			}
		}
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

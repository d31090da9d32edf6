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
)

// command is one subcommand of the CLI. Each lives in its own file and
// registers itself from init.
type command struct {
	name    string
	summary string
	// run executes the command. It returns errUsage (wrapped or not) for bad
	// flags, errSilent when it already printed what went wrong.
	run func(args []string, stdout, stderr io.Writer) error
}

var (
	// errUsage marks a usage error: exit status 2.
	errUsage = errors.New("usage")
	// errSilent marks a failure already reported on stderr: exit status 1.
	errSilent = errors.New("failed")
)

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("optionspace-cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
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
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "optionspace-cli: unknown command %q (run \"optionspace-cli help\")\n", args[0])
		return 2
	}
	err := c.run(args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		if err != errUsage {
			fmt.Fprintf(stderr, "optionspace-cli %s: %v\n", c.name, err)
		}
		return 2
	case errors.Is(err, errSilent):
		return 1
	default:
		fmt.Fprintf(stderr, "optionspace-cli %s: %v\n", c.name, err)
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

package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
)

// stepCommand is the run function of undo or redo (name).
func stepCommand(name string) func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	return func(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
		return runStep(fs, name, args, stdout, stderr)
	}
}

// runStep is undo and redo: the same step as Ctrl+Z / Ctrl+Shift+Z in the
// app, on the same history. A step that would remove a whole portfolio
// needs --yes.
func runStep(fs *flag.FlagSet, name string, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", dbURLUsage)
	yes := fs.Bool("yes", false, "take the step even when it removes a whole portfolio")
	if err := parseNoArgsAs(fs, args, name); err != nil {
		return err
	}
	path := dbPath(*db)
	st, err := openExisting(path)
	if err != nil {
		return err
	}
	defer st.Close()
	defer warnStore(stderr, st)
	peek, take := st.PeekUndo, st.UndoStep
	if name == "redo" {
		peek, take = st.PeekRedo, st.RedoStep
	}
	step, ok := peek()
	if !ok {
		if name == "redo" {
			return store.ErrNothingToRedo
		}
		return store.ErrNothingToUndo
	}
	if len(step.Removes) > 0 && !*yes {
		return fmt.Errorf("%s %q would remove %s; run it again with --yes to go ahead", name, step.Label, removals(step.Removes))
	}
	label, err := take(step) // the step checked above, or none
	if err != nil {
		return err
	}
	verb := map[string]string{"undo": "Undid", "redo": "Redid"}[name]
	fmt.Fprintf(stdout, "%s: %s\n", verb, label)
	return nil
}

// removals says which portfolios a step removes, e.g. `the portfolio "A"
// with its 12 initiatives`.
func removals(rs []store.Removal) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("the portfolio %q with its %d initiatives", r.Portfolio, r.Initiatives))
	}
	return strings.Join(parts, " and ")
}

func runHistory(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", dbURLUsage)
	format := addFormatFlag(fs, "table", "json")
	if err := parseNoArgsAs(fs, args, "history"); err != nil {
		return err
	}
	if err := format.check(); err != nil {
		return err
	}
	path := dbPath(*db)
	if storage.IsPostgres(path) {
		return pgHistory(path, format.value, stdout)
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return noDatabase(path, err)
	}
	defer st.Close()
	if w := st.Warning(); w != "" {
		fmt.Fprintln(stderr, "warning:", w)
	}
	undo, redo, err := st.History()
	if err != nil {
		return err
	}
	if format.value == "json" {
		if undo == nil {
			undo = []store.Step{}
		}
		if redo == nil {
			redo = []store.Step{}
		}
		return writeJSON(stdout, map[string][]store.Step{"undo": undo, "redo": redo})
	}
	tw := newTable(stdout)
	fmt.Fprintln(tw, "\tWHEN\tACTION\tNOTE")
	// Redo steps first (the newest undone at the bottom, next to the
	// present), then the undo history, newest first.
	for i := len(redo) - 1; i >= 0; i-- {
		fmt.Fprintf(tw, "redo %d\t%s\t%s\t%s\n", i+1, when(redo[i]), redo[i].Label, note(redo[i]))
	}
	fmt.Fprintln(tw, "now\t\t\t")
	for i, s := range undo {
		fmt.Fprintf(tw, "undo %d\t%s\t%s\t%s\n", i+1, when(s), s.Label, note(s))
	}
	return tw.Flush()
}

func when(s store.Step) string {
	if s.Time.IsZero() {
		return ""
	}
	return s.Time.Local().Format("2006-01-02 15:04")
}

func note(s store.Step) string {
	if len(s.Removes) == 0 {
		return ""
	}
	return "removes " + removals(s.Removes)
}

package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/optionspace/optionspace/model/store"
)

// maxLostShown is how many of the actions a restore would lose its
// refusal lists.
const maxLostShown = 10

// runRestore is store.Restore: the backup (--from, else the newest that
// verifies) is checked, copied into place, and the current file is kept
// as PATH.damaged-TIME, never overwritten or deleted. A file that opens
// fine is only replaced with --yes: without it restore says which backup
// it would put back, when that was written and which newer actions would
// be lost, and exits non-zero.
func runRestore(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", "portfolio database `file` to restore (default: the app's own database)")
	from := fs.String("from", "", "backup `file` to restore from (default: the newest valid PATH.backup-N)")
	yes := fs.Bool("yes", false, "restore even when the database opens fine (its actions newer than the backup are lost; the file is kept aside)")
	if err := parseNoArgsAs(fs, args, "restore"); err != nil {
		return err
	}
	path := dbPath(*db)
	if !*yes {
		plan, err := store.PlanRestore(path, *from)
		if err != nil {
			return err
		}
		if plan.Healthy {
			return fmt.Errorf("%s opens fine, nothing needs restoring; restore would replace it with %s (written %s)%s\nRun it again with --yes to go ahead (the current file is then kept as %s.damaged-TIME)",
				path, plan.From, plan.Written.Format("2006-01-02 15:04:05"), lostText(plan), path)
		}
	}
	r, err := store.Restore(path, *from)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s\n", path, r.From)
	if r.KeptAs != "" {
		fmt.Fprintf(stdout, "The file it replaced is kept as %s\n", r.KeptAs)
	}
	return nil
}

// lostText says which actions a restore of a healthy file would lose.
func lostText(plan store.RestorePlan) string {
	switch {
	case !plan.LostKnown:
		return " and lose what was done since then (the histories could not be compared)"
	case len(plan.Lost) == 0:
		return ", which holds the same actions: no action would be lost"
	}
	var b strings.Builder
	fmt.Fprintf(&b, " and lose %d newer action(s), newest first:", len(plan.Lost))
	for i, st := range plan.Lost {
		if i == maxLostShown {
			fmt.Fprintf(&b, "\n  ... and %d more", len(plan.Lost)-maxLostShown)
			break
		}
		fmt.Fprintf(&b, "\n  %s  %s", st.Time.Local().Format("2006-01-02 15:04:05"), st.Label)
	}
	return b.String()
}

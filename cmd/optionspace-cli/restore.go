package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/store/pgstore"
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
	if pgstore.IsURL(path) {
		return fmt.Errorf("%w: restore puts back a database file's PATH.backup-N; a PostgreSQL database has none (use the server's own backups, e.g. pg_dump and pg_restore)", errUsage)
	}
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

// lostText says what a restore of a healthy file would lose: the actions
// and the undone steps newer than the backup, and a change of the data the
// histories do not show.
func lostText(plan store.RestorePlan) string {
	switch {
	case !plan.LostKnown:
		return " and lose what was done since then (the histories could not be compared)"
	case plan.NothingLost():
		return ", which holds the same actions and data: nothing would be lost"
	}
	var b strings.Builder
	b.WriteString(" and lose")
	if len(plan.Lost) > 0 {
		fmt.Fprintf(&b, " %d newer action(s), newest first:", len(plan.Lost))
		listSteps(&b, plan.Lost)
	}
	if len(plan.LostUndone) > 0 {
		if len(plan.Lost) > 0 {
			b.WriteString("\nand")
		}
		fmt.Fprintf(&b, " %d undone step(s) newer than the backup, which holds them in effect or not at all (restoring redoes or drops them), next redo first:", len(plan.LostUndone))
		listSteps(&b, plan.LostUndone)
	}
	if len(plan.Lost) == 0 && len(plan.LostUndone) == 0 {
		b.WriteString(" the current data: the portfolios differ from the backup's by changes the undo history does not show")
	}
	return b.String()
}

// listSteps writes up to maxLostShown steps, one a line.
func listSteps(b *strings.Builder, steps []store.Step) {
	for i, st := range steps {
		if i == maxLostShown {
			fmt.Fprintf(b, "\n  ... and %d more", len(steps)-maxLostShown)
			break
		}
		fmt.Fprintf(b, "\n  %s  %s", st.Time.Local().Format("2006-01-02 15:04:05"), st.Label)
	}
}

package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model/store"
)

// runRestore is store.Restore: the backup (--from, else the newest that
// verifies) is checked, copied into place, and the current file is kept
// as PATH.damaged-TIME, never overwritten or deleted.
func runRestore(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	db := fs.String("db", "", "portfolio database `file` to restore (default: the app's own database)")
	from := fs.String("from", "", "backup `file` to restore from (default: the newest valid PATH.backup-N)")
	if err := parseNoArgsAs(fs, args, "restore"); err != nil {
		return err
	}
	path := dbPath(*db)
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

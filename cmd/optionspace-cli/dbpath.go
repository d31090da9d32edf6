package main

import (
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model/store"
)

func init() {
	register(&command{name: "dbpath", summary: "print the path of the app's own portfolio database (the default of --db)", run: runDBPath})
}

// runDBPath prints store.DefaultPath(): $OPTIONSPACE_DB when set, else the
// desktop app's database in its Fyne storage folder.
func runDBPath(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("dbpath", stderr)
	if err := parseNoArgsAs(fs, args, "dbpath"); err != nil {
		return err
	}
	fmt.Fprintln(stdout, store.DefaultPath())
	return nil
}

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
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return fmt.Errorf("%w: dbpath takes no arguments", errUsage)
	}
	fmt.Fprintln(stdout, store.DefaultPath())
	return nil
}

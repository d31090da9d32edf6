package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/optionspace/optionspace/model/store"
)

// runDBPath prints store.DefaultPath(): $OPTIONSPACE_DB when set, else the
// desktop app's database in its Fyne storage folder.
func runDBPath(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	if err := parseNoArgsAs(fs, args, "dbpath"); err != nil {
		return err
	}
	fmt.Fprintln(stdout, store.DefaultPath())
	return nil
}

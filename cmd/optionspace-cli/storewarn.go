package main

import (
	"fmt"
	"io"
)

// warnStore prints on stderr what the database reported that did not stop
// the command (store.Store.Warning: a backup that could not be made, a
// damaged meta page found at Open). Write commands defer it right after
// opening the database, so it also runs when the write fails.
func warnStore(stderr io.Writer, db any) {
	if w, ok := db.(interface{ Warning() string }); ok {
		if s := w.Warning(); s != "" {
			fmt.Fprintln(stderr, "warning:", s)
		}
	}
}

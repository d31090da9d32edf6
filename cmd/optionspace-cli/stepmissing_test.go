package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUndoRedoMissingFile: undo, redo and driver set on a file that does
// not exist fail as list does (no such file, exit 1) and create nothing.
func TestUndoRedoMissingFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n2.db")
	lcode, _, lerr := cli("list", "--db", db)
	if lcode != 1 || !strings.Contains(lerr, "no such file") {
		t.Fatalf("list: exit %d, stderr %q", lcode, lerr)
	}
	for _, args := range [][]string{{"undo"}, {"redo"}, {"driver", "set", "members", "150000"}} {
		name := args[0]
		code, out, errOut := cli(append([]string{name, "--db", db}, args[1:]...)...)
		if code != 1 || !strings.Contains(errOut, "no such file") || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and no such file", name, code, out, errOut)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("%s created %s (stat: %v)", name, db, err)
		}
	}
}

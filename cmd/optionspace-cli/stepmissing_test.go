package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUndoRedoMissingFile: undo and redo on a file that does not exist fail
// as list does (no such file, exit 1) and create nothing.
func TestUndoRedoMissingFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n2.db")
	lcode, _, lerr := cli("list", "--db", db)
	if lcode != 1 || !strings.Contains(lerr, "no such file") {
		t.Fatalf("list: exit %d, stderr %q", lcode, lerr)
	}
	for _, name := range []string{"undo", "redo"} {
		code, out, errOut := cli(name, "--db", db)
		if code != 1 || !strings.Contains(errOut, "no such file") || out != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1 and no such file", name, code, out, errOut)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("%s created %s (stat: %v)", name, db, err)
		}
	}
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
)

// TestUndoRedoHistory: the CLI's undo, redo and history work on the same
// history as the app; undoing the import that created the portfolio asks
// for --yes and names what would go; redo brings it back.
func TestUndoRedoHistory(t *testing.T) {
	db, p := sampleDB(t)
	if code, _, errOut := cli("driver", "--db", db, "--portfolio", p.Name, "set", "members", "150000"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := cli("history", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var h struct{ Undo, Redo []store.Step }
	if err := json.Unmarshal([]byte(out), &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Undo) != 2 || len(h.Redo) != 0 || !strings.Contains(h.Undo[0].Label, "members") || len(h.Undo[1].Removes) != 1 ||
		h.Undo[1].Removes[0].Portfolio != p.Name || h.Undo[1].Removes[0].Initiatives != len(p.Initiatives) {
		t.Fatalf("history: %+v", h)
	}
	if code, out, errOut = cli("undo", "--db", db); code != 0 || !strings.Contains(out, "Undid") {
		t.Fatalf("undo: %d %q %q", code, out, errOut)
	}
	if got := loadFrom(t, db, p.Name); got.Driver("members").Value == 150000 {
		t.Fatal("undo left the driver change")
	}
	// The next undo would remove the whole portfolio: refused without --yes.
	code, _, errOut = cli("undo", "--db", db)
	if code == 0 || !strings.Contains(errOut, "--yes") || !strings.Contains(errOut, p.Name) || !strings.Contains(errOut, "13 initiatives") {
		t.Fatalf("undo of the import without --yes: %d %q", code, errOut)
	}
	if code, _, errOut = cli("undo", "--db", db, "--yes"); code != 0 {
		t.Fatal(errOut)
	}
	if _, out, _ = cli("list", "--db", db, "--format", "json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("after undoing the import: %q", out)
	}
	if code, out, _ = cli("history", "--db", db); code != 0 || strings.Count(out, "redo ") != 2 {
		t.Fatalf("history table: %q", out)
	}
	for range 2 {
		if code, _, errOut = cli("redo", "--db", db); code != 0 {
			t.Fatal(errOut)
		}
	}
	if got := loadFrom(t, db, p.Name); got.Driver("members").Value != 150000 {
		t.Fatal("redo did not bring the driver change back")
	}
	if code, _, errOut = cli("redo", "--db", db); code == 0 || !strings.Contains(errOut, "nothing to redo") {
		t.Fatalf("redo with nothing to redo: %d %q", code, errOut)
	}
}

// TestRestore: a damaged database is refused naming its backup, restore
// puts the newest valid backup in place and keeps the damaged file aside
// byte for byte; --from picks a backup.
func TestRestore(t *testing.T) {
	db, p := sampleDB(t)
	// The first action made backup-1; a second import adds a change.
	csvFile := writeTemp(t, "t.csv", []byte(csvHeader+"a,Alpha,community,defer,100,50,0.2,2027-01-01,0\n"))
	if code, _, errOut := cli("import", "--db", db, "--portfolio", "Alpha", "--as-of", "2026-06-30", csvFile); code != 0 {
		t.Fatal(errOut)
	}
	damaged := []byte(strings.Repeat("not a database ", 1000))
	if err := os.WriteFile(db, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli("list", "--db", db)
	if code == 0 || !strings.Contains(errOut, store.BackupName(db, 1)) || !strings.Contains(errOut, "restore") {
		t.Fatalf("list on a damaged file: %d %q", code, errOut)
	}
	code, out, errOut := cli("restore", "--db", db)
	if code != 0 || !strings.Contains(out, store.BackupName(db, 1)) || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	kept, _ := filepath.Glob(db + ".damaged-*")
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != string(damaged) {
		t.Fatal("the damaged file was not kept as it was")
	}
	if got := loadFrom(t, db, p.Name); len(got.Initiatives) != len(p.Initiatives) {
		t.Fatalf("restored portfolio has %d initiatives", len(got.Initiatives))
	}
	// --from a file that is not a database is refused, nothing changes.
	before, _ := os.ReadFile(db)
	bad := writeTemp(t, "bad.db", damaged)
	if code, _, errOut := cli("restore", "--db", db, "--from", bad); code == 0 || !strings.Contains(errOut, "not a valid database") {
		t.Fatalf("restore --from garbage: %d %q", code, errOut)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Fatal("a refused restore changed the file")
	}
}

// TestClearMessages: --db on a folder and on an empty file say so.
func TestClearMessages(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := cli("list", "--db", dir); code == 0 || !strings.Contains(errOut, "is a folder") {
		t.Fatalf("--db DIR: %d %q", code, errOut)
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if code, _, errOut := cli("list", "--db", empty); code == 0 || !strings.Contains(errOut, "empty (0 bytes)") {
		t.Fatalf("--db EMPTY: %d %q", code, errOut)
	}
}

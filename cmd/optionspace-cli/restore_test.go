package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
)

// TestRestoreHealthyNeedsYes: restore on a database that opens fine
// changes nothing without --yes: it exits non-zero naming the backup it
// would put back, its date and the newer action that would be lost; with
// --yes it rolls back to the backup and keeps the file aside.
func TestRestoreHealthyNeedsYes(t *testing.T) {
	db, p := sampleDB(t)
	mustCLI(t, "driver", "--db", db, "set", "members", "150000")
	mustCLI(t, "driver", "--db", db, "set", "members", "160000")
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	backup := store.BackupName(db, 1)
	fi, err := os.Stat(backup)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli("restore", "--db", db)
	if code == 0 || out != "" {
		t.Fatalf("restore of a healthy file without --yes: exit %d, stdout %q", code, out)
	}
	for _, want := range []string{"opens fine", backup, fi.ModTime().Format("2006-01-02 15:04:05"), "lose 1 newer action", "set driver members to 160000", "--yes"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal %q does not say %q", errOut, want)
		}
	}
	if strings.Contains(errOut, "set driver members to 150000") {
		t.Errorf("refusal %q lists an action the backup holds", errOut)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Fatal("a refused restore changed the file")
	}
	if kept, _ := filepath.Glob(db + ".damaged-*"); len(kept) != 0 {
		t.Fatalf("a refused restore kept files aside: %v", kept)
	}
	if v := loadFrom(t, db, p.Name).Driver("members").Value; v != 160000 {
		t.Fatalf("members %v after a refused restore", v)
	}

	code, out, errOut = cli("restore", "--db", db, "--yes")
	if code != 0 || !strings.Contains(out, backup) || !strings.Contains(out, "kept as") {
		t.Fatalf("restore --yes: exit %d %q %q", code, out, errOut)
	}
	if v := loadFrom(t, db, p.Name).Driver("members").Value; v != 150000 {
		t.Fatalf("members %v after restore --yes, want the backup's 150000", v)
	}
	kept, _ := filepath.Glob(db + ".damaged-*")
	if len(kept) != 1 {
		t.Fatalf("kept aside: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != string(before) {
		t.Fatal("the replaced file was not kept as it was")
	}
}

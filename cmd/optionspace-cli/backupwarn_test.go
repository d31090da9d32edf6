package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
)

// TestWriteWarnsWhenNoBackupCanBeMade: a database without backups whose
// backup cannot be written (a folder with a file in it sits where the
// rotation moves a backup; as a read-only folder does for a user, this
// stops root too): `driver set` saves the change, exits 0 and says on
// stderr that no backup was made; undo and import warn the same way.
func TestWriteWarnsWhenNoBackupCanBeMade(t *testing.T) {
	db, _ := sampleDB(t)
	old, _ := filepath.Glob(db + ".backup-*")
	for _, b := range old {
		if err := os.Remove(b); err != nil {
			t.Fatal(err)
		}
	}
	for _, i := range []int{4, 5} {
		if err := os.MkdirAll(filepath.Join(store.BackupName(db, i), "in the way"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := cli("driver", "--db", db, "set", "members", "96000")
	if code != 0 || !strings.Contains(out, "(saved)") {
		t.Fatalf("driver set: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.HasPrefix(errOut, "warning: ") || !strings.Contains(errOut, "no new backup was made") || !strings.Contains(errOut, db) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("driver set: stderr %q, want one warning that %s was not backed up", errOut, db)
	}
	if store.NewestBackup(db) != "" {
		t.Fatal("a backup was made")
	}
	for _, args := range [][]string{
		{"undo", "--db", db},
		{"import", "--db", db, "--portfolio", "Alpha", "--as-of", "2026-06-30", writeTemp(t, "t.csv", []byte(csvHeader+"a,Alpha,community,defer,100,50,0.2,2027-01-01,0\n"))},
	} {
		if code, _, errOut := cli(args...); code != 0 || !strings.Contains(errOut, "warning: ") || !strings.Contains(errOut, "no new backup was made") {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, errOut)
		}
	}
}

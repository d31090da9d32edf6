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
	for _, want := range []string{"opens fine", backup, fi.ModTime().Format("2006-01-02 15:04:05"), "lose 1 newer action", "Set driver members to 160000", "--yes"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal %q does not say %q", errOut, want)
		}
	}
	if strings.Contains(errOut, "Set driver members to 150000") {
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

// TestRestoreNamesUndoneSteps is the reported sequence: import, members
// set to 100000, 110000 and 120000, undo twice. The file has 100000 and
// backup-1 110000 (one undo fewer), so restore must not say nothing would
// be lost: it names the undone step the backup holds in effect, and
// restore --yes then gives exactly the backup's 110000.
func TestRestoreNamesUndoneSteps(t *testing.T) {
	db, p := sampleDB(t)
	for _, v := range []string{"100000", "110000", "120000"} {
		mustCLI(t, "driver", "--db", db, "set", "members", v)
	}
	mustCLI(t, "undo", "--db", db)
	mustCLI(t, "undo", "--db", db)
	if v := loadFrom(t, db, p.Name).Driver("members").Value; v != 100000 {
		t.Fatalf("members %v after two undos", v)
	}
	backup := store.BackupName(db, 1)
	if v := loadFrom(t, backup, p.Name).Driver("members").Value; v != 110000 {
		t.Fatalf("backup-1 has members %v, want 110000 (the state before the second undo)", v)
	}
	code, _, errOut := cli("restore", "--db", db)
	if code == 0 {
		t.Fatal("restore of a healthy file without --yes exited 0")
	}
	for _, bad := range []string{"no action would be lost", "nothing would be lost", "same actions"} {
		if strings.Contains(errOut, bad) {
			t.Errorf("refusal %q says %q", errOut, bad)
		}
	}
	for _, want := range []string{"lose 1 undone step", "Set driver members to 110000"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal %q does not say %q", errOut, want)
		}
	}
	for _, bad := range []string{"Set driver members to 100000", "Set driver members to 120000", "newer action"} {
		if strings.Contains(errOut, bad) {
			t.Errorf("refusal %q names %q, which the restore keeps as it is", errOut, bad)
		}
	}
	mustCLI(t, "restore", "--db", db, "--yes")
	if v := loadFrom(t, db, p.Name).Driver("members").Value; v != 110000 {
		t.Fatalf("members %v after restore --yes, want the backup's 110000", v)
	}
}

// TestRestoreNothingLost: a backup that is a copy of the file itself
// loses nothing, and restore says so.
func TestRestoreNothingLost(t *testing.T) {
	db, _ := sampleDB(t)
	mustCLI(t, "driver", "--db", db, "set", "members", "150000")
	cp := filepath.Join(t.TempDir(), "copy.db")
	s := openStore(t, db, store.Options{})
	if err := s.Backup(cp); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, _, errOut := cli("restore", "--db", db, "--from", cp)
	if code == 0 || !strings.Contains(errOut, "nothing would be lost") {
		t.Fatalf("restore from a copy: exit %d, %q", code, errOut)
	}
}

// TestRestorePostgresRefused: a PostgreSQL database keeps no backups, so
// restore says so instead of looking for URL.backup-1.
func TestRestorePostgresRefused(t *testing.T) {
	code, _, errOut := cli("restore", "--db", "postgres://nobody@127.0.0.1:1/none")
	if code == 0 || !strings.Contains(errOut, "PostgreSQL database has none") || strings.Contains(errOut, ".backup-1") {
		t.Fatalf("restore of a PostgreSQL URL: exit %d, %q", code, errOut)
	}
}

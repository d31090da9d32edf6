package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestFailedFirstBackupIsAWarning: when the first backup after a new
// database's first action cannot be made (here a folder with a file in it
// sits where the rotation must move a backup, which stops root as well as
// a read-only folder stops a user), the action is saved, Warning says no
// backup was made and why, and the next write that can make the backup
// makes it and clears the warning.
func TestFailedFirstBackupIsAWarning(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	s := openWith(t, path, Options{NoSync: true}, nil)
	if w := s.Warning(); w != "" {
		t.Fatalf("a new database warns %q", w)
	}
	for _, i := range []int{4, 5} {
		if err := os.MkdirAll(filepath.Join(backupName(path, i), "in the way"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	p := modeltest.Sample(t)
	if err := s.Create(p); err != nil {
		t.Fatalf("the action failed with its backup: %v", err)
	}
	if got, err := s.Load(p.Name); err != nil || len(got.Initiatives) != len(p.Initiatives) {
		t.Fatalf("the action was not saved: %v", err)
	}
	if NewestBackup(path) != "" {
		t.Fatal("a backup was made")
	}
	w := s.Warning()
	if !strings.Contains(w, "saved, but no new backup was made") || !strings.Contains(w, "backups of "+path) {
		t.Fatalf("Warning() = %q, want it to say the action was saved and the backup of %s failed", w, path)
	}
	if !strings.Contains(w, "there is no backup of this database yet") || strings.Contains(w, "older backup") {
		t.Errorf("Warning() = %q, want it to say there is no backup (there is none)", w)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".p.db*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	for _, i := range []int{4, 5} {
		if err := os.RemoveAll(backupName(path, i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Description = "x"; return nil }); err != nil {
		t.Fatal(err)
	}
	if NewestBackup(path) != backupName(path, 1) {
		t.Fatal("the next write made no backup")
	}
	if w := s.Warning(); w != "" {
		t.Fatalf("after a backup that worked Warning() = %q", w)
	}
}

// TestFailedRotationNamesTheKeptBackups: when the rotation at Open fails
// (a folder in the way of the oldest kept backup's move), the warning says
// how many backups there are and which is the newest, and they are all
// still there; with one backup it names that one.
func TestFailedRotationNamesTheKeptBackups(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	p := modeltest.Sample(t)
	s := openWith(t, path, Options{NoSync: true}, p)
	first := backupName(path, 1)
	if NewestBackup(path) != first {
		t.Fatal("the first action made no backup")
	}
	edit := func(s *Store) {
		t.Helper()
		if _, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Description += "x"; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	edit(s)

	// One backup, two kept, and a folder where it must move to: the
	// rotation fails.
	if err := os.MkdirAll(filepath.Join(backupName(path, 2), "in the way"), 0o700); err != nil {
		t.Fatal(err)
	}
	s = openWith(t, path, Options{NoSync: true, Backups: 2}, nil)
	if w := s.Warning(); !strings.Contains(w, "the one older backup, "+first+", is kept.") {
		t.Errorf("one backup: Warning() = %q, want it to name %s as kept", w, first)
	}
	if err := os.RemoveAll(backupName(path, 2)); err != nil {
		t.Fatal(err)
	}
	edit(s) // rotates, which works now: backup-1 is current
	edit(s) // and then no longer

	data, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{2, 3, 4} {
		if err := os.WriteFile(backupName(path, i), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(backupName(path, 5), "in the way"), 0o700); err != nil {
		t.Fatal(err)
	}
	s = openWith(t, path, Options{NoSync: true}, nil)
	w := s.Warning()
	if !strings.Contains(w, "rotating backups of "+path) || !strings.Contains(w, "the 4 older backups are kept (the newest is "+first+").") {
		t.Errorf("four backups: Warning() = %q, want the failed rotation and the 4 kept backups, newest %s", w, first)
	}
	for i := 1; i <= 4; i++ {
		if VerifyFile(backupName(path, i)) != nil {
			t.Errorf("backup %d is gone or damaged after the failed rotation", i)
		}
	}
}

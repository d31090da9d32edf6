package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
)

// tree lists every file and folder under root with its contents (folders
// as "/"), for comparing what a command left on disk.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			m[rel] = "/"
			return nil
		}
		data, err := os.ReadFile(p)
		m[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameTree fails t when after differs from before: names added, removed
// or changed.
func sameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	var diff []string
	for k, v := range after {
		if w, ok := before[k]; !ok {
			diff = append(diff, "new "+k)
		} else if w != v {
			diff = append(diff, "changed "+k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			diff = append(diff, "removed "+k)
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		t.Errorf("%s: %s", what, strings.Join(diff, ", "))
	}
}

// TestMissingDatabaseCreatesNothing: every command given a database path
// where there is no file (in a folder that exists, and in one that does
// not) fails, leaves no file and no folder behind, and the commands that
// read say that there is no database there and how to make one. Import,
// whose job is to create the database, leaves nothing either when it
// refuses its file (bad JSON, a CSV row in error, a workbook that is not
// there).
func TestMissingDatabaseCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	badCSV := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("{bad"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(badCSV, []byte("name,tag,S,X,sigma,deadline\nA,core,-1,10,0.3,2030-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, db := range []string{filepath.Join(dir, "missing.db"), filepath.Join(dir, "none", "deeper", "x.db")} {
		reads := [][]string{
			{"list", "--db", db}, {"value", "--db", db}, {"export", "--db", db}, {"history", "--db", db},
			{"driver", "--db", db, "list"}, {"plan", "--db", db, "--budget", "1"}, {"simulate", "--db", db, "--paths", "10"},
			{"report", "--db", db, "-o", filepath.Join(dir, "r.pdf")}, {"chart", "space", "--db", db, "-o", filepath.Join(dir, "c.png")},
			{"copy", "--from", db, "--to", filepath.Join(dir, "to.db")},
		}
		writes := [][]string{
			{"driver", "--db", db, "set", "members", "100000"}, {"undo", "--db", db, "--yes"}, {"redo", "--db", db, "--yes"},
			{"restore", "--db", db, "--yes"},
			{"import", "--db", db, bad}, {"import", "--db", db, "--portfolio", "P", badCSV},
			{"import", "--db", db, filepath.Join(dir, "not-there.xlsx")},
			{"copy", "--from", filepath.Join(dir, "not-there.db"), "--to", db},
		}
		for i, args := range append(reads, writes...) {
			before := tree(t, dir)
			code, _, errOut := cli(args...)
			if code == 0 {
				t.Errorf("%s: exit 0 on a missing database", strings.Join(args, " "))
			}
			sameTree(t, strings.Join(args, " "), before, tree(t, dir))
			if i < len(reads) && (!strings.Contains(errOut, "there is no portfolio database at ") || !strings.Contains(errOut, "optionspace-cli import --db ")) {
				t.Errorf("%s: %q, want it to say there is no database there and how to make one", strings.Join(args, " "), errOut)
			}
		}
	}
	// Import makes the database, folders too.
	db := filepath.Join(dir, "new", "folder", "p.db")
	mustCLI(t, "import", "--db", db, sample)
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}

// TestRefusedWriteKeepsBackups: a database changed since its newest
// backup is left byte for byte as it was, backups too, by an import of a
// name it holds, a copy into it of that name, a driver set out of range
// and a redo with nothing to redo; the next write that is made rotates
// the backups, and the new backup-1 is the database as it was before that
// write.
func TestRefusedWriteKeepsBackups(t *testing.T) {
	db, p := sampleDB(t)
	mustCLI(t, "driver", "--db", db, "set", "members", "100000") // now backup-1 is behind
	other := filepath.Join(t.TempDir(), "other.db")
	mustCLI(t, "import", "--db", other, sample)
	dir := filepath.Dir(db)
	for _, args := range [][]string{
		{"import", "--db", db, sample},
		{"copy", "--from", other, "--to", db},
		{"driver", "--db", db, "set", "members", "1"},
		{"redo", "--db", db, "--yes"},
	} {
		before := tree(t, dir)
		if code, _, _ := cli(args...); code == 0 {
			t.Fatalf("%s: exit 0, want a refusal", strings.Join(args, " "))
		}
		sameTree(t, strings.Join(args, " "), before, tree(t, dir))
	}
	mustCLI(t, "driver", "--db", db, "set", "members", "90000")
	b := openStore(t, store.BackupName(db, 1), store.Options{ReadOnly: true})
	q, err := b.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range q.Drivers {
		if d.Name == "members" && d.Value != 100000 {
			t.Errorf("backup-1 has members %v, want 100000 (the value before the last write)", d.Value)
		}
	}
	if _, err := os.Stat(store.BackupName(db, 2)); err != nil {
		t.Errorf("the write made no rotation: %v", err)
	}
}

// TestFailingEditMakesNoBackup: on a database with no backup yet (a
// copy of one, as the tester's `cp s.db g2.db`), every edit that fails (a driver that is not there, a value
// that is not a number, out of range or not finite, a portfolio that is
// not there, an undo refused without --yes, a redo with nothing to redo)
// leaves the folder byte for byte as it was: no backup-1 appears (the
// tester's `driver set nosuch 1` made one).
func TestFailingEditMakesNoBackup(t *testing.T) {
	db, _ := sampleDB(t)
	if err := os.Remove(store.BackupName(db, 1)); err != nil { // the import's backup of the empty file
		t.Fatal(err)
	}
	dir := filepath.Dir(db)
	for _, args := range [][]string{
		{"driver", "--db", db, "set", "nosuch", "1"},
		{"driver", "--db", db, "set", "members", "abc"},
		{"driver", "--db", db, "set", "members", "-5"},
		{"driver", "--db", db, "set", "members", "1e400"},
		{"driver", "--db", db, "set", "members", "NaN"},
		{"driver", "--db", db, "--portfolio", "nosuch", "set", "members", "100000"},
		{"undo", "--db", db},
		{"redo", "--db", db},
		{"redo", "--db", db, "--yes"},
	} {
		before := tree(t, dir)
		if code, _, _ := cli(args...); code == 0 {
			t.Fatalf("%s: exit 0, want a refusal", strings.Join(args, " "))
		}
		sameTree(t, strings.Join(args, " "), before, tree(t, dir))
	}
	if _, err := os.Stat(store.BackupName(db, 1)); err == nil {
		t.Errorf("a failing edit left %s", store.BackupName(db, 1))
	}
}

package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// openWith opens the database at path with opt and creates p in it unless
// p is nil; the caller closes it.
func openWith(t testing.TB, path string, opt Options, p *model.Portfolio) *Store {
	t.Helper()
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if p != nil {
		if err := s.Create(p); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// dbFile makes the database name in a new temporary directory with opt,
// creates p in it unless p is nil, lets fill (unless nil) write more,
// closes it and returns the directory, the file's path and its bytes: the
// whole file the damage tests cut, overwrite or compare with.
func dbFile(t *testing.T, name string, opt Options, p *model.Portfolio, fill func(s *Store)) (dir, path string, data []byte) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, name)
	s := openWith(t, path, opt, p)
	if fill != nil {
		fill(s)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return dir, path, data
}

// createSample creates the sample portfolio in s and returns it.
func createSample(t testing.TB, s *Store) *model.Portfolio {
	t.Helper()
	p := modeltest.Sample(t)
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestCreateLoadRoundTrip(t *testing.T) {
	s, path := openTemp(t)
	p := createSample(t, s)
	got, err := s.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Fatalf("loaded portfolio differs from the one saved")
	}
	if err := s.Create(p); !errors.Is(err, ErrExists) {
		t.Fatalf("creating it twice: %v, want ErrExists", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, want 0600", fi.Mode().Perm())
	}
	list, err := s.List()
	if err != nil || len(list) != 1 || list[0].Name != p.Name || list[0].Initiatives != len(p.Initiatives) {
		t.Fatalf("List = %+v, %v", list, err)
	}
}

func TestApplyUndoRedoSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	p := modeltest.Sample(t)
	s := openWith(t, path, Options{}, p)
	before := p.Initiatives[0].S.Value
	if _, err := s.Apply(p.Name, "raise S", func(q *model.Portfolio) error {
		q.Initiatives[0].S = model.Number(before * 2)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if label, ok := s.CanUndo(); !ok || label != "raise S" {
		t.Fatalf("CanUndo = %q, %v", label, ok)
	}
	s.Close()

	s = openWith(t, path, Options{}, nil)
	defer s.Close()
	got, _ := s.Load(p.Name)
	if got.Initiatives[0].S.Value != before*2 {
		t.Fatalf("after restart S = %g, want %g", got.Initiatives[0].S.Value, before*2)
	}
	if label, err := s.Undo(); err != nil || label != "raise S" {
		t.Fatalf("Undo = %q, %v", label, err)
	}
	got, _ = s.Load(p.Name)
	if got.Initiatives[0].S.Value != before {
		t.Fatalf("after undo S = %g, want %g", got.Initiatives[0].S.Value, before)
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Load(p.Name)
	if got.Initiatives[0].S.Value != before*2 {
		t.Fatalf("after redo S = %g", got.Initiatives[0].S.Value)
	}
}

func TestApplyErrorWritesNothing(t *testing.T) {
	s, _ := openTemp(t)
	p := modeltest.Sample(t)
	s.Create(p)
	_, err := s.Apply(p.Name, "bad", func(q *model.Portfolio) error {
		q.Initiatives[0].Name = "changed"
		return errors.New("refused")
	})
	if err == nil {
		t.Fatal("want the edit's error")
	}
	got, _ := s.Load(p.Name)
	if got.Initiatives[0].Name != p.Initiatives[0].Name {
		t.Fatal("a failed action changed the portfolio")
	}
	if label, _ := s.CanUndo(); label != "create "+p.Name {
		t.Fatalf("a failed action was recorded for undo: %q", label)
	}
}

func TestRenameDuplicateDeleteAreUndoable(t *testing.T) {
	s, _ := openTemp(t)
	p := modeltest.Sample(t)
	s.Create(p)
	if err := s.Duplicate(p.Name, "Copy"); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename("Copy", "Renamed"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(p.Name); err != nil {
		t.Fatal(err)
	}
	names := func() []string {
		l, _ := s.List()
		var n []string
		for _, x := range l {
			n = append(n, x.Name)
		}
		return n
	}
	if got := names(); !reflect.DeepEqual(got, []string{"Renamed"}) {
		t.Fatalf("after delete: %v", got)
	}
	s.Undo() // delete
	if got := names(); len(got) != 2 {
		t.Fatalf("after undoing delete: %v", got)
	}
	back, err := s.Load(p.Name)
	if err != nil || !reflect.DeepEqual(back, p) {
		t.Fatalf("undone delete does not restore the portfolio: %v", err)
	}
	s.Undo() // rename
	if got := names(); !reflect.DeepEqual(got, []string{"Copy", p.Name}) {
		t.Fatalf("after undoing rename: %v", got)
	}
}

func TestUndoKeepsLast100(t *testing.T) {
	s, _ := openTemp(t)
	p := modeltest.Sample(t)
	s.Create(p)
	for i := range 105 {
		s.Apply(p.Name, "edit", func(q *model.Portfolio) error {
			q.Initiatives[0].Leakage = float64(i) / 1000
			return nil
		})
	}
	n := 0
	for {
		if _, err := s.Undo(); err != nil {
			if !errors.Is(err, ErrNothingToUndo) {
				t.Fatal(err)
			}
			break
		}
		n++
	}
	if n != MaxUndo {
		t.Fatalf("undid %d actions, want %d", n, MaxUndo)
	}
}

// TestWriterHoldingTheLock: while another holder keeps bbolt's exclusive
// lock (a long write elsewhere), a transaction waits for Options.Timeout
// and then fails with ErrLocked naming the file, having changed nothing.
func TestWriterHoldingTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path, Options{Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Create(modeltest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	holder, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path, Options{Timeout: 200 * time.Millisecond, ReadOnly: true})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("open while locked: %v, want ErrLocked", err)
	}
	_ = s2
	start := time.Now()
	err = s.Delete(modeltest.Sample(t).Name)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), path) {
		t.Fatalf("write while locked: %v, want ErrLocked naming %s", err, path)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("the write waited %v", d)
	}
	holder.Close()
	if l, err := s.List(); err != nil || len(l) != 1 {
		t.Fatalf("after the lock was released: %v, %v", l, err)
	}
}

// TestTwoStoresShareAFile: two Stores on one file (the app and a CLI
// command) both read and write, and each notices the other's changes.
func TestTwoStoresShareAFile(t *testing.T) {
	a, path := openTemp(t)
	p := createSample(t, a)
	if a.Changed() {
		t.Fatal("Changed after the store's own write")
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open beside a writer: %v", err)
	}
	if _, err := b.Apply(p.Name, "b edits", func(q *model.Portfolio) error { q.Description = "from b"; return nil }); err != nil {
		t.Fatal(err)
	}
	if !a.Changed() {
		t.Fatal("a did not notice b's write")
	}
	if a.Changed() {
		t.Fatal("Changed twice for one write")
	}
	got, err := a.Load(p.Name)
	if err != nil || got.Description != "from b" {
		t.Fatalf("a reads %v, %v", got.Description, err)
	}
	if got, _ := r.Load(p.Name); got.Description != "from b" {
		t.Fatalf("the read-only store reads %q", got.Description)
	}
	// a's next action starts from b's state: nothing of b's is lost.
	if _, err := a.Apply(p.Name, "a edits", func(q *model.Portfolio) error { q.Author = "a"; return nil }); err != nil {
		t.Fatal(err)
	}
	got, _ = b.Load(p.Name)
	if got.Description != "from b" || got.Author != "a" {
		t.Fatalf("after both writes: %q %q", got.Description, got.Author)
	}
	if label, _ := b.CanUndo(); label != "a edits" {
		t.Fatalf("b would undo %q, want a's action", label)
	}
	// A foreign write followed by an own write before Changed is called
	// still counts as a change.
	b.Apply(p.Name, "b again", func(q *model.Portfolio) error { q.Description = "b2"; return nil })
	a.Apply(p.Name, "a again", func(q *model.Portfolio) error { q.Author = "a2"; return nil })
	if !a.Changed() {
		t.Fatal("a missed b's write that came before its own")
	}
	// a's previous Apply is cached; b's write in between must not be
	// overwritten by it.
	if got, _ := r.Load(p.Name); got.Description != "b2" || got.Author != "a2" {
		t.Fatalf("after a cached Apply over a foreign write: %q %q", got.Description, got.Author)
	}
}

func TestDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"text":      []byte("this is not a database\n"),
		"zeros":     make([]byte, 64<<10),
		"truncated": nil, // filled below
	} {
		path := filepath.Join(dir, name+".db")
		if name == "truncated" {
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			s.Create(modeltest.Sample(t))
			s.Close()
			full, _ := os.ReadFile(path)
			data = full[:len(full)/3]
		}
		os.WriteFile(path, data, 0o600)
		_, err := Open(path, Options{Timeout: time.Second})
		var de *DamagedError
		if !errors.As(err, &de) {
			t.Errorf("%s: %v, want a DamagedError", name, err)
			continue
		}
		if de.Path != path {
			t.Errorf("%s: error names %q", name, de.Path)
		}
	}
}

func TestBackupsRotateAndAreOffered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, _ := Open(path, Options{Backups: 2})
	s.Create(modeltest.Sample(t))
	s.Close()
	for i := range 3 {
		s, err := Open(path, Options{Backups: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Apply(modeltest.Sample(t).Name, "edit", func(p *model.Portfolio) error { p.Description = strconv.Itoa(i); return nil }); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	for _, i := range []int{1, 2} {
		if _, err := os.Stat(backupName(path, i)); err != nil {
			t.Errorf("backup %d missing: %v", i, err)
		}
	}
	if _, err := os.Stat(backupName(path, 3)); err == nil {
		t.Error("backup 3 kept beyond Backups = 2")
	}
	// The backup opens and holds the portfolio.
	b, err := Open(backupName(path, 1), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if l, _ := b.List(); len(l) != 1 {
		t.Fatalf("backup holds %d portfolios", len(l))
	}
	// Damage the file: the error offers the newest backup.
	os.WriteFile(path, []byte("garbage garbage garbage"), 0o600)
	_, err = Open(path, Options{})
	var de *DamagedError
	if !errors.As(err, &de) || de.Backup != backupName(path, 1) {
		t.Fatalf("damaged open: %v", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, _ := Open(path, Options{})
	s.update(func(tx *boltTx) error { return tx.Bucket(bMeta).Put(kSchema, []byte("99")) })
	s.Close()
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("open: %v, want ErrNewerSchema", err)
	}
}

func TestMigrateFromVersion1Fixture(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "schema-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	os.WriteFile(path, src, 0o600)
	// Read-only opens do not migrate: they say how to upgrade.
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrOldSchema) {
		t.Fatalf("read-only open of a version 1 file: %v, want ErrOldSchema", err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Load(modeltest.Sample(t).Name)
	if err != nil {
		t.Fatal(err)
	}
	// The fixture was made before drivers' uncertainties and cash-flow
	// models existed: compare with the sample without them.
	want := modeltest.Sample(t)
	for i := range want.Drivers {
		want.Drivers[i].Uncertainty = nil
	}
	for i := range want.Initiatives {
		want.Initiatives[i].CashFlows = nil
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the migrated portfolio differs from the sample it was made from")
	}
	if _, err := os.Stat(path + ".pre-migration-v1"); err != nil {
		t.Fatalf("no backup before the migration: %v", err)
	}
}

// TestFirstActionMakesABackup: a brand-new database gets its first backup
// right after its first action, also when opened by a relative path (the
// CLI's --db p.db), and the backup verifies.
func TestFirstActionMakesABackup(t *testing.T) {
	t.Chdir(t.TempDir())
	s, err := Open("p.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if NewestBackup("p.db") != "" {
		t.Fatal("an empty database has a backup")
	}
	if err := s.Create(modeltest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	if got := NewestBackup("p.db"); got != backupName("p.db", 1) {
		t.Fatalf("after the first action the newest backup is %q", got)
	}
	left, _ := filepath.Glob(".p.db*")
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// TestBackupFailureDoesNotBlockOpen: when the backups cannot be rotated
// (here: folders sit where backups 4 and 5 go), a writable open still works,
// says why in Warning, and leaves backup-1 as it was.
func TestBackupFailureDoesNotBlockOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	s, _ := Open(path, Options{})
	s.Create(modeltest.Sample(t))
	s.Apply(modeltest.Sample(t).Name, "edit", func(p *model.Portfolio) error { p.Description = "x"; return nil })
	before, _ := os.ReadFile(backupName(path, 1))
	for _, i := range []int{4, 5} {
		if err := os.MkdirAll(filepath.Join(backupName(path, i), "in the way"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open with a rotation that fails: %v", err)
	}
	if !strings.Contains(s.Warning(), "backups of") {
		t.Fatalf("Warning() = %q", s.Warning())
	}
	if after, _ := os.ReadFile(backupName(path, 1)); !bytes.Equal(before, after) {
		t.Fatal("the failed rotation changed backup-1")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".p.db*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// TestWatchCallsBackOnForeignWrites: Watch calls back for another
// store's write, not for the watching store's own, and stops.
func TestWatchCallsBackOnForeignWrites(t *testing.T) {
	a, path := openTemp(t)
	p := createSample(t, a)
	calls := make(chan struct{}, 10)
	stop := a.Watch(20*time.Millisecond, func() { calls <- struct{}{} })
	defer stop()
	if _, err := a.Apply(p.Name, "own", func(q *model.Portfolio) error { q.Description = "own"; return nil }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-calls:
		t.Fatal("Watch called back for the store's own write")
	case <-time.After(150 * time.Millisecond):
	}
	b, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Apply(p.Name, "foreign", func(q *model.Portfolio) error { q.Description = "foreign"; return nil }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-calls:
	case <-time.After(2 * time.Second):
		t.Fatal("Watch did not call back for another store's write")
	}
	stop()
	stop() // twice is fine
}

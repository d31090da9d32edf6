package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestRandomDamage overwrites random stretches of a database holding the
// sample and opens it: every outcome is either a working store (the damage
// hit unused space or a value, whose decoding error names the portfolio)
// or a *DamagedError naming the file; never a panic.
func TestRandomDamage(t *testing.T) {
	p := modeltest.Sample(t)
	dir, _, data := dbFile(t, "good.db", Options{NoSync: true}, p, func(s *Store) {
		for i := range 20 {
			s.Apply(p.Name, "edit", func(q *model.Portfolio) error {
				q.Initiatives[i%len(q.Initiatives)].Leakage = float64(i) / 100
				return nil
			})
		}
	})
	r := rand.New(rand.NewPCG(5, 8))
	var opened, damaged int
	for i := range 200 {
		bad := append([]byte(nil), data...)
		at := r.IntN(len(bad))
		n := 1 + r.IntN(64)
		for j := at; j < min(at+n, len(bad)); j++ {
			bad[j] = byte(r.IntN(256))
		}
		path := filepath.Join(dir, "bad.db")
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("case %d (%d bytes at %d): panic %v", i, n, at, r)
				}
			}()
			s, err := Open(path, Options{ReadOnly: true, Timeout: time.Second})
			var de *DamagedError
			switch {
			case errors.As(err, &de):
				damaged++
				if de.Path != path {
					t.Errorf("case %d: the error names %q", i, de.Path)
				}
				return
			case err != nil:
				t.Errorf("case %d: %v, want nil or a DamagedError", i, err)
				return
			}
			defer s.Close()
			opened++
			s.List()
			s.Load(p.Name)
			s.CanUndo()
		}()
	}
	t.Logf("%d opened, %d refused as damaged", opened, damaged)
}

// TestLoadValidates: a flipped byte that leaves a record valid JSON but
// the portfolio broken (a link to no initiative, as the tester's flip of
// page 4 did) is refused as damaged by Load and Apply, naming the problem,
// as an import of the same portfolio would be; the file is not changed.
func TestLoadValidates(t *testing.T) {
	p := modeltest.Sample(t)
	if len(p.Links) == 0 {
		t.Fatal("the sample has no links")
	}
	_, path, _ := dbFile(t, "p.db", Options{NoSync: true}, p, nil)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		lb := tx.Bucket(bPortfolios).Bucket([]byte(p.Name)).Bucket([]byte("links"))
		k := []byte(recordKey(0))
		var l model.Link
		if err := json.Unmarshal(lb.Get(k), &l); err != nil {
			return err
		}
		l.To = "communit#w(5665/t"
		v, _ := json.Marshal(&l)
		return lb.Put(k, v)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	s, err := Open(path, Options{NoSync: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("open: %v (the file's pages are sound: Load is what must refuse)", err)
	}
	defer s.Close()
	_, err = s.Load(p.Name)
	var de *DamagedError
	if !errors.As(err, &de) {
		t.Fatalf("Load: %v, want a *DamagedError", err)
	}
	for _, want := range []string{path, "is damaged", `links[0].to: "communit#w(5665/t" is not an initiative of this portfolio`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Load: %q lacks %q", err, want)
		}
	}
	if _, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Links = nil; return nil }); !errors.As(err, &de) {
		t.Errorf("Apply: %v, want a *DamagedError", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the refused Apply changed the file")
	}
}

// TestEmptyFileLeftAlone: a zero-length file without backups is refused
// the same by a read-only and a writable open (ErrEmpty, saying what to
// do) and stays zero bytes: a command that then failed (undo with nothing
// to undo) used to have made it an empty 32 KiB database.
func TestEmptyFileLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		s, err := Open(path, Options{ReadOnly: ro, NoSync: true, Timeout: time.Second})
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), path+" is empty (0 bytes)") || !strings.Contains(err.Error(), "delete the empty file") {
			t.Errorf("read-only %v: %v, want ErrEmpty naming the file and the fix", ro, err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
			t.Fatalf("read-only %v: the file is now %v bytes (%v)", ro, fi.Size(), err)
		}
	}
}

// TestReadOnlyFileOpensForViewing: a file the user may not write (chmod
// 444 as another user; stood in for by canWrite, tests may run as root)
// opens for reading with a Warning saying so, and a write is refused with
// ErrReadOnly saying how to change it, the file untouched.
func TestReadOnlyFileOpensForViewing(t *testing.T) {
	p := modeltest.Sample(t)
	_, path, before := dbFile(t, "ro.db", Options{NoSync: true}, p, nil)
	saved := canWrite
	canWrite = func(string) error { return &os.PathError{Op: "open", Path: path, Err: os.ErrPermission} }
	defer func() { canWrite = saved }()
	s, err := Open(path, Options{NoSync: true, Timeout: time.Second})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	if !s.ReadOnly() || !strings.Contains(s.Warning(), path+" is read-only") {
		t.Errorf("ReadOnly %v, warning %q", s.ReadOnly(), s.Warning())
	}
	if q, err := s.Load(p.Name); err != nil || len(q.Initiatives) != len(p.Initiatives) {
		t.Fatalf("load: %v", err)
	}
	_, err = s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Initiatives[0].Leakage = 0.5; return nil })
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "chmod u+w "+path) {
		t.Errorf("apply: %v, want ErrReadOnly with the way out", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
}

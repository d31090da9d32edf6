package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestForeignAndGarbledFiles: a bbolt file of another program is refused,
// not adopted; a meta bucket whose schema version cannot be read is damage.
func TestForeignAndGarbledFiles(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("sessions"))
		return b.Put([]byte("k"), []byte("v"))
	})
	db.Close()
	if _, err := Open(foreign, Options{}); err == nil || !strings.Contains(err.Error(), "not an Option Space database") {
		t.Fatalf("foreign file: %v", err)
	}
	// It was not changed: still no meta bucket.
	db, _ = bolt.Open(foreign, 0o600, &bolt.Options{ReadOnly: true})
	db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bMeta) != nil {
			t.Error("the foreign file got our buckets")
		}
		return nil
	})
	db.Close()

	garbled := filepath.Join(dir, "garbled.db")
	s, err := Open(garbled, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kSchema, []byte("two")) })
	s.Close()
	_, err = Open(garbled, Options{})
	var de *DamagedError
	if !errors.As(err, &de) {
		t.Fatalf("garbled schema: %v, want a DamagedError", err)
	}
}

func TestDuplicateChecksTheNewName(t *testing.T) {
	s, _ := openTemp(t)
	p := createSample(t, s)
	if err := s.Duplicate(p.Name, ""); err == nil {
		t.Fatal("duplicate under an empty name: no error")
	}
	if l, _ := s.List(); len(l) != 1 {
		t.Fatalf("%d portfolios after a refused duplicate", len(l))
	}
}

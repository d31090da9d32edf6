package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

// TestTruncatedFiles cuts a database at every page boundary (and inside
// pages) and opens it, read-only and writable: each cut is refused with a
// *DamagedError naming the file, or opens and reads without error. Before
// the size check a cut file killed the process with SIGBUS in bbolt's
// consistency check.
func TestTruncatedFiles(t *testing.T) {
	dir, good, data := dbFile(t, "good.db", Options{NoSync: true, Backups: -1}, modeltest.Sample(t), func(s *Store) {
		if err := s.Create(modeltest.Large(200, 400, 20)); err != nil {
			t.Fatal(err)
		}
	})
	if err := checkFileSize(good); err != nil {
		t.Fatalf("the whole file: %v", err)
	}
	var refused int
	for cut := 4096; cut < len(data); cut += 4096 + 1531*(cut/4096%2) {
		for _, ro := range []bool{true, false} {
			path := filepath.Join(dir, "cut.db")
			if err := os.WriteFile(path, data[:cut], 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path, Options{ReadOnly: ro, NoSync: true, Backups: -1})
			if err != nil {
				var de *DamagedError
				if !errors.As(err, &de) || de.Path != path {
					t.Fatalf("cut at %d: %v, want a DamagedError naming the file", cut, err)
				}
				if !strings.Contains(err.Error(), path) {
					t.Fatalf("cut at %d: the message does not name the file: %v", cut, err)
				}
				refused++
				continue
			}
			if _, err := s.List(); err != nil {
				t.Errorf("cut at %d opened but List fails: %v", cut, err)
			}
			s.Close()
		}
	}
	if refused == 0 {
		t.Fatal("no cut was refused")
	}
	// The message says what is wrong.
	path := filepath.Join(dir, "half.db")
	os.WriteFile(path, data[:len(data)/2], 0o600)
	_, err := Open(path, Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "the file is truncated") {
		t.Fatalf("half a file: %v", err)
	}
}

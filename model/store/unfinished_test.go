package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

// A creation cut short leaves a file shorter than a page (a kill or a
// power loss during bbolt's first write): without backups it is kept aside
// and the database made anew, with a warning; a short file that is not the
// start of a database, or one with backups, is refused and left untouched.
func TestUnfinishedCreation(t *testing.T) {
	dir, _, first := dbFile(t, "whole.db", Options{}, nil, nil)
	if len(first) < 4096 {
		t.Fatalf("new database: %d bytes", len(first))
	}
	for _, c := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"first meta page cut", first[:1000], true},
		{"zeros", make([]byte, 512), true},
		{"a text file", []byte("my notes, not a database\n"), false},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".db")
		if err := os.WriteFile(path, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{})
		if !c.ok {
			if err == nil || !strings.Contains(err.Error(), "too small") {
				t.Errorf("%s: err = %v, want refused as too small", c.name, err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, c.data) {
				t.Errorf("%s: the file was changed", c.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !strings.Contains(s.Warning(), "unfinished") {
			t.Errorf("%s: warning %q", c.name, s.Warning())
		}
		if err := s.Create(modeltest.Sample(t)); err != nil {
			t.Fatalf("%s: create after the new start: %v", c.name, err)
		}
		s.Close()
		aside, _ := filepath.Glob(path + ".damaged-*")
		if len(aside) != 1 {
			t.Fatalf("%s: kept aside %v", c.name, aside)
		}
		if got, _ := os.ReadFile(aside[0]); !bytes.Equal(got, c.data) {
			t.Errorf("%s: the file kept aside differs from the unfinished one", c.name)
		}
		s, err = Open(path, Options{})
		if err != nil {
			t.Fatalf("%s: reopen: %v", c.name, err)
		}
		if l, err := s.List(); err != nil || len(l) != 1 {
			t.Errorf("%s: reopened list %v %v", c.name, l, err)
		}
		s.Close()
	}
	// With a backup the short file is refused: the backup is the way back.
	path := filepath.Join(dir, "backed.db")
	if err := os.WriteFile(path, first[:1000], 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".backup-1", first, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("a short file with a backup opened")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, first[:1000]) {
		t.Error("the short file with a backup was changed")
	}
	// Read-only never changes the file.
	ro := filepath.Join(dir, "ro.db")
	if err := os.WriteFile(ro, first[:1000], 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ro, Options{ReadOnly: true}); err == nil {
		t.Fatal("a short file opened read-only")
	}
}

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// faultFixture builds a database with a few portfolios, nested buckets
// that span pages, an undo and a redo history, and valid backups beside
// it. It returns the folder, the file's bytes and its page size.
func faultFixture(t *testing.T) (dir, path string, data []byte, ps int) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "fault.db")
	s, err := Open(path, Options{NoSync: true, Backups: 2})
	if err != nil {
		t.Fatal(err)
	}
	p := modeltest.Sample(t)
	must(t, s.Create(p))
	must(t, s.Create(modeltest.Large(25, 30, 5)))
	must(t, s.Duplicate(p.Name, "Copy"))
	for i := range 6 {
		_, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error {
			q.Initiatives[i%len(q.Initiatives)].Leakage = float64(i+1) / 100
			return nil
		})
		must(t, err)
	}
	must(t, s.Delete("Copy"))
	_, err = s.Undo()
	must(t, err)
	_, err = s.Undo()
	must(t, err)
	s.Close()
	// A second open rotates a second backup in.
	s, err = Open(path, Options{NoSync: true, Backups: 2})
	must(t, err)
	_, err = s.Redo()
	must(t, err)
	s.Close()
	if NewestBackup(path) == "" {
		t.Fatal("the fixture has no valid backup")
	}
	data, err = os.ReadFile(path)
	must(t, err)
	ps = int(readMetas(mustOpen(t, path))[0].pageSize)
	return dir, path, data, ps
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// tryDamaged opens path read-only and writable and reads everything. Any
// refusal must be a *DamagedError that names path and a backup that
// verifies, with a printable message; it returns how the case went.
func tryDamaged(t *testing.T, path string, what string) (refused bool) {
	t.Helper()
	check := func(err error) bool {
		if err == nil {
			return false
		}
		var de *DamagedError
		if !errors.As(err, &de) {
			t.Fatalf("%s: %v, want a DamagedError", what, err)
		}
		if de.Path != path {
			t.Fatalf("%s: the error names %q", what, de.Path)
		}
		if de.Backup == "" || VerifyFile(de.Backup) != nil {
			t.Fatalf("%s: the error names no valid backup: %v", what, err)
		}
		for _, r := range err.Error() {
			if !unicode.IsPrint(r) {
				t.Fatalf("%s: the message holds an unprintable %q: %q", what, r, err)
			}
		}
		return true
	}
	for _, ro := range []bool{true, false} {
		orig, _ := os.ReadFile(path)
		s, err := Open(path, Options{ReadOnly: ro, NoSync: true, Backups: -1})
		if check(err) {
			return true // the writable open refuses the same file
		}
		list, err := s.List()
		if check(err) {
			refused = true
		}
		for _, l := range list {
			_, err := s.Load(l.Name)
			if check(err) {
				refused = true
			}
		}
		s.PeekUndo()
		_, _, err = s.History()
		if check(err) {
			refused = true
		}
		s.Close()
		if !ro {
			os.WriteFile(path, orig, 0o600)
		}
	}
	return refused
}

// TestFaultEveryPage flips single bytes in every page of a database (the
// page header, the element table, and spread through the page) and cuts
// it at every page boundary and inside every page: no case crashes the
// process (a crash fails the whole test binary), every refusal names a
// valid backup, and no message echoes the damaged bytes. A flip in the
// newest meta page opens at the previous commit with a Warning.
func TestFaultEveryPage(t *testing.T) {
	dir, good, data, ps := faultFixture(t)
	path := filepath.Join(dir, "bad.db")
	// The backups belong to good; give bad the same ones.
	for i := 1; i <= 2; i++ {
		if b, err := os.ReadFile(backupName(good, i)); err == nil {
			must(t, os.WriteFile(backupName(path, i), b, 0o600))
		}
	}
	m := readMetas(mustOpen(t, good))[0]
	pages := int(m.pgid) // the high-water mark: bbolt grows the file ahead of it
	offsets := []int{0, 1, 7, 8, 9, 10, 11, 12, 13, 15}
	// Every 211th byte by default; OPTIONSPACE_FAULT_STRIDE=1 flips every
	// byte of every page (slow: minutes).
	stride := 211
	if v, err := strconv.Atoi(os.Getenv("OPTIONSPACE_FAULT_STRIDE")); err == nil && v > 0 {
		stride = v
	}
	for o := 16; o < ps; o += stride {
		offsets = append(offsets, o)
	}
	step := 1
	var cases, refused int
	for pg := 0; pg < pages; pg++ {
		for i := 0; i < len(offsets); i += step {
			at := pg*ps + offsets[i]
			bad := append([]byte(nil), data...)
			bad[at] ^= 0x5a
			must(t, os.WriteFile(path, bad, 0o600))
			cases++
			if tryDamaged(t, path, fmt.Sprintf("page %d byte %d", pg, offsets[i])) {
				refused++
			}
		}
	}
	var cuts int
	for pg := 0; pg < pages; pg++ {
		for _, extra := range []int{0, ps / 2} {
			n := pg*ps + extra
			must(t, os.WriteFile(path, data[:n], 0o600))
			cuts++
			if !tryDamaged(t, path, fmt.Sprintf("cut at %d", n)) {
				t.Errorf("a file cut at %d of %d bytes was not refused", n, len(data))
			}
		}
	}
	t.Logf("%d pages of %d bytes: %d flips (%d refused, the rest harmless), %d cuts (all refused)", pages, ps, cases, refused, cuts)
	if refused == 0 {
		t.Fatal("no flip was refused")
	}

	// The newest meta page damaged: the file opens at the commit before,
	// and says so.
	metas := readMetas(mustOpen(t, good))
	newest := 0
	if len(metas) == 2 && metas[1].txid > metas[0].txid {
		newest = 1
	}
	bad := append([]byte(nil), data...)
	bad[newest*ps+16+48] ^= 1 // its txid
	must(t, os.WriteFile(path, bad, 0o600))
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("newest meta damaged: %v, want an open at the previous commit", err)
	}
	if w := s.Warning(); !strings.Contains(w, "meta page") {
		t.Fatalf("newest meta damaged: Warning() = %q", w)
	}
}

// TestDamagedJSONNamesTheBackup: a flipped byte inside a stored record
// gives a *DamagedError naming the newest valid backup, with the position
// but not the bytes.
func TestDamagedJSONNamesTheBackup(t *testing.T) {
	_, path, data, _ := faultFixture(t)
	i := strings.Index(string(data), `"name":"`)
	if i < 0 {
		t.Fatal("no record found")
	}
	bad := append([]byte(nil), data...)
	bad[i+1] = 0x01
	must(t, os.WriteFile(path, bad, 0o600))
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var got error
	list, err := s.List()
	got = err
	for _, l := range list {
		if _, err := s.Load(l.Name); err != nil {
			got = err
		}
	}
	if _, _, err := s.History(); err != nil && got == nil {
		got = err
	}
	var de *DamagedError
	if !errors.As(got, &de) || de.Backup != backupName(path, 1) {
		t.Fatalf("a damaged record: %v, want a DamagedError naming %s", got, backupName(path, 1))
	}
	if !strings.Contains(got.Error(), "invalid JSON at byte") || strings.ContainsRune(got.Error(), 0x01) {
		t.Fatalf("message %q", got)
	}
}

package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestCacheBucket: cache entries queued with SetCache are written with the
// next action's transaction (no transaction of their own) or by
// FlushCache, read back by another Store, left alone by undo, and never
// part of a portfolio; a flush keeps the last action's decoded copy
// current; a database without a cache has an empty one.
func TestCacheBucket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	p := modeltest.Large(20, 30, 5)
	s := openWith(t, path, Options{NoSync: true}, p)
	if c, err := s.Cache("boundaries"); err != nil || len(c) != 0 {
		t.Fatalf("new database: cache %v, %v", c, err)
	}
	before, _ := s.Load(p.Name)
	s.SetCache("boundaries", map[string][]byte{"a": []byte("1"), "b": []byte("2")})
	known := s.known
	if _, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Initiatives[0].S = model.Number(7); return nil }); err != nil {
		t.Fatal(err)
	}
	if s.known != known+1 || len(s.pending) != 0 {
		t.Errorf("the entries took a transaction of their own (txid %d -> %d) or stayed queued (%d)", known, s.known, len(s.pending))
	}
	other, err := Open(path, Options{NoSync: true, Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := other.Cache("boundaries"); err != nil || !reflect.DeepEqual(c, map[string][]byte{"a": []byte("1"), "b": []byte("2")}) {
		t.Fatalf("cache read back %v, %v", c, err)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if c, _ := other.Cache("boundaries"); len(c) != 2 {
		t.Errorf("undo changed the cache: %v", c)
	}
	if q, _ := s.Load(p.Name); !reflect.DeepEqual(q, before) {
		t.Error("the portfolio is not the one before the action")
	}

	// FlushCache: one transaction; the next action still starts from the
	// decoded copy.
	if _, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Initiatives[1].S = model.Number(8); return nil }); err != nil {
		t.Fatal(err)
	}
	s.SetCache("boundaries", map[string][]byte{"c": []byte("3")})
	if err := s.FlushCache(); err != nil {
		t.Fatal(err)
	}
	if s.cache == nil || s.cache.txid != s.known {
		t.Error("FlushCache made the last action's copy stale")
	}
	if c, _ := other.Cache("boundaries"); len(c) != 3 {
		t.Errorf("after FlushCache: %v", c)
	}

	// Read-only: nothing queued, nothing written.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ro.SetCache("boundaries", map[string][]byte{"d": []byte("4")})
	if len(ro.pending) != 0 || ro.FlushCache() != nil {
		t.Error("a read-only store queued cache entries")
	}
}

// TestCacheEntriesAdd: a nil queue takes entries; a later Add merges into
// the named cache (a key queued again takes the new value) and leaves the
// other caches and the caller's map alone.
func TestCacheEntriesAdd(t *testing.T) {
	var c CacheEntries
	c.Add("boundaries", map[string][]byte{"a": []byte("1"), "b": []byte("2")})
	later := map[string][]byte{"b": []byte("3"), "c": []byte("4")}
	c.Add("boundaries", later)
	c.Add("triggers", map[string][]byte{"a": []byte("5")})
	want := CacheEntries{
		"boundaries": {"a": []byte("1"), "b": []byte("3"), "c": []byte("4")},
		"triggers":   {"a": []byte("5")},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("queue %q, want %q", c, want)
	}
	if len(later) != 2 {
		t.Errorf("the caller's map changed: %q", later)
	}
}

// TestCacheFlushWritesChangedEntries: a flush of entries the cache holds
// already writes only those that differ: a changed value replaces the
// stored one, an unchanged one stays, a new key is added, and 1,000 keys
// queued in map order read back whole.
func TestCacheFlushWritesChangedEntries(t *testing.T) {
	s := openWith(t, filepath.Join(t.TempDir(), "cache.db"), Options{NoSync: true, Backups: -1}, nil)
	s.SetCache("boundaries", map[string][]byte{"a": []byte("1"), "b": []byte("2")})
	if err := s.FlushCache(); err != nil {
		t.Fatal(err)
	}
	s.SetCache("boundaries", map[string][]byte{"a": []byte("1"), "b": []byte("3"), "c": []byte("4")})
	if err := s.FlushCache(); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"a": []byte("1"), "b": []byte("3"), "c": []byte("4")}
	if c, err := s.Cache("boundaries"); err != nil || !reflect.DeepEqual(c, want) {
		t.Errorf("cache %q, %v; want %q", c, err, want)
	}

	many := boundaryEntries(1000, 3)
	s.SetCache("many", many)
	if err := s.FlushCache(); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Cache("many"); err != nil || !reflect.DeepEqual(c, many) {
		t.Errorf("1,000 entries read back %d, %v", len(c), err)
	}
}

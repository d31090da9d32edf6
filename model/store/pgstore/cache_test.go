package pgstore

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// entries returns n cache entries with distinct binary keys (a NUL and
// bytes that are not UTF-8, as valuation.BoundaryCacheEntries' keys are
// float64 bits) and binary values (every byte value), so that the round
// trips of both are checked.
func entries(prefix string, n int) map[string][]byte {
	m := map[string][]byte{}
	for i := range n {
		v := make([]byte, 256+i)
		for j := range v {
			v[j] = byte(i + j)
		}
		m[fmt.Sprintf("%s\x00\xff\xfe%d", prefix, i)] = v
	}
	return m
}

func sameEntries(a, b map[string][]byte) bool {
	return maps.EqualFunc(a, b, bytes.Equal)
}

// TestCacheSurvivesReopen: queued cache entries are written by FlushCache
// or with the next action, read back byte for byte after reopening (a
// later value replaces an earlier one), per cache name; they are not
// portfolio data (the portfolio, its history and undo do not change), and
// a read-only store reads them and ignores its own.
func TestCacheSurvivesReopen(t *testing.T) {
	u, s, p := withSample(t, "owner")
	if m, err := s.Cache("boundaries"); err != nil || len(m) != 0 {
		t.Fatalf("a new database's cache: %d entries, %v", len(m), err)
	}
	want := entries("k", 300)
	s.SetCache("boundaries", want)
	s.SetCache("other", entries("o", 2))
	if m, _ := openAs(t, u, "ana").Cache("boundaries"); len(m) != 0 {
		t.Fatalf("%d entries written before any write", len(m))
	}
	history, _ := s.History("", 100)
	label, _ := s.CanUndo()
	if err := s.FlushCache(); err != nil {
		t.Fatal(err)
	}
	if err := s.FlushCache(); err != nil { // nothing queued: no transaction
		t.Fatal(err)
	}
	if h, _ := s.History("", 100); len(h) != len(history) {
		t.Errorf("the flush added %d actions to the history", len(h)-len(history))
	}
	if l, _ := s.CanUndo(); l != label {
		t.Errorf("undo after the flush: %q, want %q", l, label)
	}

	// With the next action, not in it.
	id := p.Initiatives[0].ID
	k7 := "k\x00\xff\xfe7"
	if want[k7] == nil {
		t.Fatal("no entry k7")
	}
	want[k7] = []byte("replaced")
	s.SetCache("boundaries", map[string][]byte{k7: want[k7], "late": {0, 1, 2}})
	want["late"] = []byte{0, 1, 2}
	if _, err := s.Apply(p.Name, "Edit", func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(0.33); return nil }); err != nil {
		t.Fatal(err)
	}
	r := openAs(t, u, "ana")
	if got, err := r.Cache("boundaries"); err != nil || !sameEntries(got, want) {
		t.Fatalf("reopened: %d entries (want %d), %v", len(got), len(want), err)
	}
	if got, _ := r.Cache("other"); !sameEntries(got, entries("o", 2)) {
		t.Errorf("the other cache: %d entries", len(got))
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Cache("boundaries"); !sameEntries(got, want) {
		t.Errorf("after an undo the cache has %d entries, want %d", len(got), len(want))
	}
	loaded, err := r.Load(p.Name)
	if err != nil || modeltest.JSON(t, loaded) != modeltest.JSON(t, p) {
		t.Fatalf("the portfolio after undo with the cache written: %v", err)
	}

	ro, err := Open(context.Background(), u, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got, err := ro.Cache("boundaries"); err != nil || !sameEntries(got, want) {
		t.Fatalf("read-only: %d entries, %v", len(got), err)
	}
	ro.SetCache("boundaries", map[string][]byte{"ro": {1}})
	if err := ro.FlushCache(); err != nil {
		t.Fatalf("a read-only flush: %v", err)
	}
	if got, _ := r.Cache("boundaries"); got["ro"] != nil {
		t.Error("a read-only store wrote the cache")
	}
}

// TestCacheNeverFailsAnAction: a role that may edit the portfolios but not
// the caches table edits as before; its entries stay queued, and
// FlushCache says it cannot write them.
func TestCacheNeverFailsAnAction(t *testing.T) {
	u, owner, p := withSample(t, "owner")
	editor := fmt.Sprintf("editor_%d", time.Now().UnixNano())
	mustExec(t, owner,
		"CREATE ROLE "+editor+" LOGIN",
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "+editor,
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "+editor,
		"REVOKE INSERT, UPDATE ON caches FROM "+editor)
	dropRolesAtEnd(t, owner, editor)
	ed := openAs(t, asRole(u, editor), "Ed")
	ed.SetCache("boundaries", entries("k", 3))
	id := p.Initiatives[0].ID
	if _, err := ed.Apply(p.Name, "Edit", func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(0.31); return nil }); err != nil {
		t.Fatalf("the edit with a cache it may not write: %v", err)
	}
	if got, _ := owner.Load(p.Name); got.Initiative(id).Sigma.Value != 0.31 {
		t.Fatalf("the edit was not written: σ %v", got.Initiative(id).Sigma)
	}
	if _, err := ed.Undo(); err != nil {
		t.Fatalf("the undo with a cache it may not write: %v", err)
	}
	if m, _ := owner.Cache("boundaries"); len(m) != 0 {
		t.Fatalf("%d entries written by a role that may not", len(m))
	}
	if err := ed.FlushCache(); err == nil {
		t.Error("FlushCache of a role that may not write the cache: no error")
	}
	if ed.queued() == nil {
		t.Error("the entries it could not write were dropped from the queue")
	}
}

package ui

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store/pgstore/pgtest"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestBoundariesKeptInTheDatabase: the boundaries a valuation solved are
// kept in the database file when the window closes, and a reopened
// database values the portfolio to the same numbers, bit for bit, without
// solving a boundary again.
func TestBoundariesKeptInTheDatabase(t *testing.T) {
	testBoundariesKept(t, filepath.Join(t.TempDir(), "b.db"), 1)
}

// TestBoundariesKeptInPostgres: the same on a PostgreSQL team database
// (its caches table), and a session reopened on it values without solving
// a boundary.
func TestBoundariesKeptInPostgres(t *testing.T) {
	testBoundariesKept(t, pgtest.Fresh(t), 1.01)
}

// testBoundariesKept runs the test on the database at addr with the
// volatilities of modeltest.Large scaled by sigma: the valuation hands a
// boundary out once per process (valuation.BoundaryCacheEntries), so each
// test needs boundaries of its own.
func testBoundariesKept(t *testing.T, addr string, sigma float64) {
	b, err := storage.Open(addr, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := modeltest.Large(60, 80, 5) // defer options with leakage
	for i := range p.Initiatives {
		p.Initiatives[i].Sigma.Value *= sigma
	}
	if err := b.Create(p); err != nil {
		t.Fatal(err)
	}
	valuation.ClearBoundaryCache()
	valuation.BoundaryCacheEntries() // forget what other tests solved
	before, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	keepBoundaries(b)
	flushBoundaries(b)
	// A trigger asked for after a valuation (the inspector's), where the
	// region did not need it, solves a boundary of its own: it is kept
	// when the window closes.
	q := p.Clone()
	in := &q.Initiatives[1]
	in.Kind, in.StageCost, in.StageDeadline, in.Sigma = model.KindStaged, 10*in.S.Value, in.Deadline, model.Number(0.777*sigma)
	sv, err := portfolio.Evaluate(q, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if sv.Initiatives[1].Position.HasTrigger() {
		t.Fatalf("the staged option (NPV %v) has its trigger computed", sv.Initiatives[1].Position.NPV)
	}
	keepBoundaries(b)
	flushBoundaries(b)
	kept := len(storedBoundaries(t, b))
	if tr := sv.Initiatives[1].Trigger(); math.IsInf(tr, 0) || math.IsNaN(tr) {
		t.Fatalf("trigger %v", tr)
	}
	flushBoundaries(b)
	if n := len(storedBoundaries(t, b)); n != kept+1 {
		t.Errorf("%d boundaries kept after the trigger was asked for, want %d + 1", n, kept)
	}
	b.Close()

	var b2 storage.Backend // the reopened database
	check := func(what string, after *portfolio.Valuation) {
		t.Helper()
		if n := len(ledgerOf(b2).Entries()); n != 0 {
			t.Errorf("%s: %d boundaries solved again after reopening", what, n)
		}
		if len(after.Initiatives) != len(before.Initiatives) {
			t.Fatalf("%s: %d initiatives, want %d", what, len(after.Initiatives), len(before.Initiatives))
		}
		for i := range before.Initiatives {
			x, y := &before.Initiatives[i], &after.Initiatives[i]
			if x.Position.Value != y.Position.Value || x.Position.Region != y.Position.Region || x.Trigger() != y.Trigger() {
				t.Errorf("%s %s: value %v region %d trigger %v, reopened %v %d %v", what, x.Name, x.Position.Value, x.Position.Region, x.Trigger(),
					y.Position.Value, y.Position.Region, y.Trigger())
			}
		}
	}
	valuation.ClearBoundaryCache()
	b2, err = storage.Open(addr, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	loadBoundaries(b2)
	// The ledger does not report a boundary solved again once it was
	// written out, so check too that the database gave back every
	// boundary, each usable: one at least per initiative (each has its own
	// sigma and t), and the staged option's trigger.
	stored := storedBoundaries(t, b2)
	if len(stored) < len(p.Initiatives)+1 || len(stored) != kept+1 {
		t.Errorf("%d boundaries kept, want %d (one per initiative at least, and the trigger)", len(stored), kept+1)
	}
	if n := valuation.LoadBoundaryCache(stored); n != len(stored) {
		t.Errorf("%d of the %d kept boundaries usable", n, len(stored))
	}
	after, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	check("evaluated", after)

	valuation.ClearBoundaryCache()
	ses, err := NewSessionOn(b2, p.Name)
	if err != nil {
		t.Fatal(err)
	}
	check("session", ses.Valuation)
}

// storedBoundaries returns the boundaries kept in b's database.
func storedBoundaries(t *testing.T, b storage.Backend) map[string][]byte {
	t.Helper()
	c, ok := b.(interface {
		Cache(string) (map[string][]byte, error)
	})
	if !ok {
		t.Fatalf("%T keeps no cache", b)
	}
	m, err := c.Cache(boundaryCacheName)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBoundariesKeptInEachDatabase: the boundaries of one valuation are
// kept in every database the app opens and keeps them for, not only in
// the first (a boundary kept in one database is still new to another).
func TestBoundariesKeptInEachDatabase(t *testing.T) {
	dir := t.TempDir()
	p := modeltest.Large(20, 80, 7)
	valuation.ClearBoundaryCache()
	if _, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true}); err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, name := range []string{"one.db", "two.db"} {
		b, err := storage.Open(filepath.Join(dir, name), storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Create(p); err != nil {
			t.Fatal(err)
		}
		flushBoundaries(b)
		counts = append(counts, len(storedBoundaries(t, b)))
		b.Close()
	}
	if counts[0] < len(p.Initiatives) || counts[1] != counts[0] {
		t.Errorf("boundaries kept: %d in the first database, %d in the second; want at least %d in each, the same",
			counts[0], counts[1], len(p.Initiatives))
	}
}

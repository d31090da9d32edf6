package ui

import (
	"path/filepath"
	"testing"

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
	testBoundariesKept(t, filepath.Join(t.TempDir(), "b.db"))
}

// TestBoundariesKeptInPostgres: the same on a PostgreSQL team database
// (its caches table), and a session reopened on it values without solving
// a boundary.
func TestBoundariesKeptInPostgres(t *testing.T) {
	testBoundariesKept(t, pgtest.Fresh(t))
}

func testBoundariesKept(t *testing.T, addr string) {
	b, err := storage.Open(addr, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := modeltest.Large(60, 80, 5) // defer options with leakage
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
	b.Close()

	check := func(what string, after *portfolio.Valuation) {
		t.Helper()
		if n := len(valuation.BoundaryCacheEntries()); n != 0 {
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
	b2, err := storage.Open(addr, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	loadBoundaries(b2)
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

package ui

import (
	"sync"

	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/valuation"
)

// boundaryCacheName is the database cache holding the valuation's solved
// exercise boundaries (valuation.BoundaryCacheEntries): with them a
// reopened portfolio's values and triggers S* are priced without solving
// a boundary again.
const boundaryCacheName = "boundaries"

// ledgers holds a valuation.BoundaryLedger per open database
// (storage.Backend), so that a boundary kept in one database is still
// kept in the next one the app opens.
var ledgers sync.Map

// ledgerOf returns b's ledger.
func ledgerOf(b storage.Backend) *valuation.BoundaryLedger {
	l, _ := ledgers.LoadOrStore(b, new(valuation.BoundaryLedger))
	return l.(*valuation.BoundaryLedger)
}

// loadBoundaries puts the boundaries kept in b (a database file's cache
// bucket, or a PostgreSQL database's caches table) into the valuation's
// cache (a database without them has none: they are then solved).
func loadBoundaries(b storage.Backend) {
	if c, ok := b.(interface {
		Cache(string) (map[string][]byte, error)
	}); ok {
		if m, err := c.Cache(boundaryCacheName); err == nil {
			ledgerOf(b).Load(m)
		}
	}
}

// keepBoundaries queues for b the boundaries solved that b does not hold,
// written with the next action (or flushBoundaries).
func keepBoundaries(b storage.Backend) {
	if c, ok := b.(interface {
		SetCache(string, map[string][]byte)
	}); ok {
		c.SetCache(boundaryCacheName, ledgerOf(b).Entries())
	}
}

// flushBoundaries writes the queued boundaries when the window closes,
// with those solved since the last valuation (the triggers S* the
// inspector, a chart or a report asked for, which a valuation leaves
// unsolved where the region does not depend on them).
func flushBoundaries(b storage.Backend) {
	keepBoundaries(b)
	if c, ok := b.(interface{ FlushCache() error }); ok {
		_ = c.FlushCache()
	}
}

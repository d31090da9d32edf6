package ui

import (
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/valuation"
)

// boundaryCacheName is the database cache holding the valuation's solved
// exercise boundaries (valuation.BoundaryCacheEntries): with them a
// reopened portfolio's values and triggers S* are priced without solving
// a boundary again.
const boundaryCacheName = "boundaries"

// loadBoundaries puts the boundaries kept in b (a database file's cache
// bucket, or a PostgreSQL database's caches table) into the valuation's
// cache (a database without them has none: they are then solved).
func loadBoundaries(b storage.Backend) {
	if c, ok := b.(interface {
		Cache(string) (map[string][]byte, error)
	}); ok {
		if m, err := c.Cache(boundaryCacheName); err == nil {
			valuation.LoadBoundaryCache(m)
		}
	}
}

// keepBoundaries queues the boundaries solved since the last call for b,
// written with the next action (or flushBoundaries).
func keepBoundaries(b storage.Backend) {
	if c, ok := b.(interface {
		SetCache(string, map[string][]byte)
	}); ok {
		c.SetCache(boundaryCacheName, valuation.BoundaryCacheEntries())
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

package store

import (
	"bytes"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bCache holds computed caches (for the valuation's exercise boundaries,
// valuation.BoundaryCacheEntries), one bucket per name. They are outside
// the portfolios: not exported, not in the undo history, and a missing or
// unreadable one only costs recomputing.
var bCache = []byte("cache")

// Cache returns the entries stored in the named cache (none when it was
// never written).
func (s *Store) Cache(name string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := s.view(func(tx *bolt.Tx) error {
		root := tx.Bucket(bCache)
		if root == nil {
			return nil
		}
		b := root.Bucket([]byte(name))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if v != nil {
				out[string(k)] = bytes.Clone(v)
			}
			return nil
		})
	})
	return out, err
}

// SetCache queues entries for the named cache. They are written in the
// transaction of this Store's next write (an action, an undo, ...), so
// that keeping the cache costs no transaction of its own and other
// windows do not see a change, or by FlushCache. A read-only Store
// ignores them.
func (s *Store) SetCache(name string, entries map[string][]byte) {
	if s.opt.ReadOnly || len(entries) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending.Add(name, entries)
}

// CacheEntries are computed-cache entries queued to be written with a
// later transaction, by cache name, then key. The nil value is empty and
// ready to use.
type CacheEntries map[string]map[string][]byte

// Add queues entries for the named cache; an entry replaces one queued
// before under the same key.
func (c *CacheEntries) Add(name string, entries map[string][]byte) {
	if *c == nil {
		*c = CacheEntries{}
	}
	if (*c)[name] == nil {
		(*c)[name] = map[string][]byte{}
	}
	maps.Copy((*c)[name], entries)
}

// FlushCache writes the queued cache entries in one transaction (nothing
// when none are queued), e.g. when the window closes.
func (s *Store) FlushCache() error {
	s.mu.Lock()
	none := len(s.pending) == 0
	s.mu.Unlock()
	if none || s.opt.ReadOnly {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		if c := s.cache; c != nil && c.txid == uint64(tx.ID())-1 {
			// The portfolios do not change: the last action's copy
			// stays the file's.
			c.txid = uint64(tx.ID())
		}
		return nil
	})
}

// writeCache writes the queued entries in tx; update forgets them once
// tx has committed. A cache entry that cannot be written is dropped: the
// cache is never worth failing an action for.
//
// Each cache's keys are written in sorted order, and only those whose
// stored value differs: bbolt keeps a bucket's new keys in one sorted node
// until the commit splits it, so a key put before the last is a copy of
// all the node's keys after it (10,000 boundaries in map order were
// quadratic, see BenchmarkFlushCache10000), and a key put in order is
// appended.
func (s *Store) writeCache(tx *bolt.Tx) {
	if len(s.pending) == 0 {
		return
	}
	root, err := tx.CreateBucketIfNotExists(bCache)
	if err != nil {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(s.pending)) {
		entries := s.pending[name]
		b, err := root.CreateBucketIfNotExists([]byte(name))
		if err != nil {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(entries)) {
			key, v := []byte(k), entries[k]
			if old := b.Get(key); old != nil && bytes.Equal(old, v) {
				continue
			}
			_ = b.Put(key, v)
		}
	}
}

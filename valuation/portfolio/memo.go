package portfolio

import "sync"

// memo is a map of computed values safe for concurrent use, emptied
// whenever it reaches its bound, so that a long session's memory stays
// bounded: the lookups after a reset compute again what they need.
type memo[K comparable, V any] struct {
	mu  sync.Mutex
	m   map[K]V
	max int
}

// newMemo returns an empty memo of at most max entries.
func newMemo[K comparable, V any](max int) *memo[K, V] {
	return &memo[K, V]{m: map[K]V{}, max: max}
}

// get returns the value stored under k.
func (c *memo[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

// put stores v under k, emptying the memo first when it is full.
func (c *memo[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[k] = v
}

// reset empties the memo, as when it reaches its bound: the tests and
// benchmarks of a first valuation start from an empty cache with it.
func (c *memo[K, V]) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.m)
}

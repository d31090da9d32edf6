package pgstore

import (
	"bytes"
	"context"
	"maps"

	"github.com/jackc/pgx/v5"
)

// Cache returns the entries stored in the named computed cache (none when
// it was never written), from the caches table: the same as the file
// store's Cache, so that the app keeps the valuation's exercise boundaries
// (valuation.BoundaryCacheEntries) in either. A read-only role reads it too.
func (s *Store) Cache(name string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := s.each(`SELECT key, value FROM caches WHERE name = $1`, []any{name}, func(rows pgx.Rows) error {
		var k, v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		out[string(k)] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SetCache queues entries for the named cache. They are written in the
// transaction of this Store's next write (an action, an undo or a redo),
// so that keeping the cache costs no transaction of its own, or by
// FlushCache. A read-only Store ignores them.
func (s *Store) SetCache(name string, entries map[string][]byte) {
	if s.readOnly || len(entries) == 0 {
		return
	}
	s.pendMu.Lock()
	defer s.pendMu.Unlock()
	s.pending.Add(name, entries)
}

// FlushCache writes the queued cache entries in one transaction (nothing
// when none are queued), e.g. when the window closes.
func (s *Store) FlushCache() error {
	if s.readOnly || s.queued() == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	var written map[string]map[string][]byte
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		written, err = s.writeCache(ctx, tx)
		return err
	})
	if err != nil {
		return s.wrap(err)
	}
	s.forgetCache(written)
	return nil
}

// queued returns a copy of the queued entries, nil when none are.
func (s *Store) queued() map[string]map[string][]byte {
	s.pendMu.Lock()
	defer s.pendMu.Unlock()
	if len(s.pending) == 0 {
		return nil
	}
	out := make(map[string]map[string][]byte, len(s.pending))
	for name, m := range s.pending {
		out[name] = maps.Clone(m)
	}
	return out
}

// writeCache writes the queued entries in tx, under a savepoint, and
// returns what it wrote, for forgetCache once tx has committed. Actions
// ignore its error: when the cache cannot be written (a role that may not,
// a damaged table) the savepoint is rolled back and the action goes on,
// since the cache is never worth failing an action for.
func (s *Store) writeCache(ctx context.Context, tx pgx.Tx) (map[string]map[string][]byte, error) {
	q := s.queued()
	if q == nil {
		return nil, nil
	}
	err := pgx.BeginFunc(ctx, tx, func(sp pgx.Tx) error {
		for name, m := range q {
			keys := make([][]byte, 0, len(m))
			values := make([][]byte, 0, len(m))
			for k, v := range m {
				keys, values = append(keys, []byte(k)), append(values, v)
			}
			if _, err := sp.Exec(ctx, `INSERT INTO caches (name, key, value)
				SELECT $1, k, v FROM unnest($2::bytea[], $3::bytea[]) AS t (k, v)
				ON CONFLICT (name, key) DO UPDATE SET value = excluded.value`, name, keys, values); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// forgetCache drops the written entries from the queue, unless SetCache
// queued another value for the same key meanwhile.
func (s *Store) forgetCache(written map[string]map[string][]byte) {
	if written == nil {
		return
	}
	s.pendMu.Lock()
	defer s.pendMu.Unlock()
	for name, m := range written {
		p := s.pending[name]
		for k, v := range m {
			if w, ok := p[k]; ok && bytes.Equal(w, v) {
				delete(p, k)
			}
		}
		if len(p) == 0 {
			delete(s.pending, name)
		}
	}
}

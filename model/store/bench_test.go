package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// The benchmark portfolio: 1,000 initiatives, 2,000 links, 200 drivers.
func large1000(b *testing.B) *model.Portfolio {
	p := modeltest.Large(1000, 2000, 200)
	if err := p.Validate(); err != nil {
		b.Fatal(err)
	}
	return p
}

// benchStore opens a new database with opt for b, closed when b ends, and
// creates p in it unless p is nil.
func benchStore(b *testing.B, opt Options, p *model.Portfolio) *Store {
	b.Helper()
	s := openWith(b, filepath.Join(b.TempDir(), "bench.db"), opt, p)
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSavePortfolio1000 times one user action on the large portfolio
// with fsync: load it, change one initiative's S, validate, write the
// changed keys and the undo record, commit. Goal: <= 50 ms.
func BenchmarkSavePortfolio1000(b *testing.B) {
	p := large1000(b)
	s := benchStore(b, Options{}, p)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Apply(p.Name, "edit S", func(q *model.Portfolio) error {
			q.Initiatives[i%1000].S = model.Number(float64(1e6 + i))
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSavePortfolio1000Whole times writing the whole large portfolio
// as a new one (an import), with fsync.
func BenchmarkSavePortfolio1000Whole(b *testing.B) {
	s := benchStore(b, Options{}, nil)
	p := large1000(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.Name = fmt.Sprintf("Large %d", i)
		if err := s.Create(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPortfolio1000 times loading the large portfolio. Goal:
// <= 20 ms.
func BenchmarkLoadPortfolio1000(b *testing.B) {
	p := large1000(b)
	s := benchStore(b, Options{}, p)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		q, err := s.Load(p.Name)
		if err != nil || len(q.Initiatives) != 1000 || len(q.Links) != 2000 || len(q.Drivers) != 200 {
			b.Fatalf("load: %v", err)
		}
	}
}

// benchApply times one user action (one initiative's S changed) through
// Apply on a portfolio of n initiatives, with fsync. Issue goal: <= 20 ms
// at 10,000.
func benchApply(b *testing.B, n int) { benchApplyOpt(b, n, Options{}, false, false) }

// benchApplyOpt is benchApply with the store's options; uncached drops the
// Store's decoded copy before each action, as after another process's
// write; paced lets the copy for the next edit (made on its own goroutine
// after each action) finish before the next action, outside the timer, as
// when a user acts: the time is one action's latency.
func benchApplyOpt(b *testing.B, n int, opt Options, uncached, paced bool) {
	p := modeltest.Large(n, 2*n, 200)
	s := benchStore(b, opt, p)
	edit := func(i int) {
		if _, err := s.Apply(p.Name, "edit S", func(q *model.Portfolio) error {
			q.Initiatives[i%n].S = model.Number(float64(1e6 + i))
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	// The session's first action decodes the portfolio once (see
	// BenchmarkApply10000Uncached); the loop times the actions after it.
	edit(n)
	b.ReportAllocs()
	b.ResetTimer()
	k, start := 0, modeltest.CPUTime()
	for i := 0; b.Loop(); i++ {
		k++
		if uncached {
			s.mu.Lock()
			s.cache = nil
			s.mu.Unlock()
		}
		if paced {
			b.StopTimer()
			s.mu.Lock()
			if c := s.cache; c != nil && c.ready != nil {
				<-c.ready
			}
			s.mu.Unlock()
			b.StartTimer()
		}
		edit(i)
	}
	if k > 0 {
		b.ReportMetric(float64(modeltest.CPUTime()-start)/float64(k)/1e6, "cpu-ms/op")
	}
}

// BenchmarkApply1000 is one action on 1,000 initiatives.
func BenchmarkApply1000(b *testing.B) { benchApply(b, 1000) }

// BenchmarkApply10000 is one action on 10,000 initiatives.
func BenchmarkApply10000(b *testing.B) { benchApply(b, 10000) }

// BenchmarkApply10000NoSync is BenchmarkApply10000 without fsync: the CPU
// part of an action (load from the cache, edit, validate, diff, commit).
func BenchmarkApply10000NoSync(b *testing.B) {
	benchApplyOpt(b, 10000, Options{NoSync: true}, false, false)
}

// BenchmarkApply10000Paced is BenchmarkApply10000 with the actions paced
// as a user's (see benchApplyOpt): the latency of one action.
func BenchmarkApply10000Paced(b *testing.B) { benchApplyOpt(b, 10000, Options{}, false, true) }

// BenchmarkApply10000Uncached is one action on 10,000 initiatives that
// finds the file changed by another process (or is the first of a
// session): the portfolio is decoded and validated whole.
func BenchmarkApply10000Uncached(b *testing.B) { benchApplyOpt(b, 10000, Options{}, true, false) }

// boundaryEntries returns n cache entries shaped as the valuation's
// exercise boundaries (valuation.BoundaryCacheEntries): a 50-byte key of a
// version, a method fingerprint and the inputs' float64 bits (little
// endian, so that keys of nearby sigmas differ in their first bytes and
// come in no order), and a 128-byte value; seed varies the sigmas.
func boundaryEntries(n int, seed uint64) map[string][]byte {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make(map[string][]byte, n)
	for len(out) < n {
		k := []byte{2, 1, 2, 3, 4, 5, 6, 7, 8}
		for _, x := range []float64{0.04, 0, 0.1 + 0.7*r.Float64(), 0.1 + 5*r.Float64()} {
			k = binary.LittleEndian.AppendUint64(k, math.Float64bits(x))
		}
		k = append(k, 16, 0, 13, 0, 3, 0, 48, 0, 0)
		v := make([]byte, 128)
		for i := range v {
			v[i] = byte(r.Uint32())
		}
		out[string(k)] = v
	}
	return out
}

// BenchmarkFlushCache10000 times FlushCache as when the window of a
// 10,000-initiative portfolio closes after its first valuation: 10,000
// boundaries (the number a valuation of modeltest.Large(10000, ...)
// solves) queued for an empty cache, written with fsync. Each iteration
// writes a cache of its own name (an empty bucket), in a file holding the
// portfolio. Goal: well under 200 ms. MapOrder is the same transaction
// writing the entries as FlushCache did before (map order, every one).
func BenchmarkFlushCache10000(b *testing.B) {
	for _, mapOrder := range []bool{false, true} {
		name := "Sorted"
		if mapOrder {
			name = "MapOrder"
		}
		b.Run(name, func(b *testing.B) {
			s := benchStore(b, Options{}, modeltest.Large(10000, 20000, 200))
			entries := boundaryEntries(10000, 1)
			b.ReportAllocs()
			b.ResetTimer()
			k, start := 0, modeltest.CPUTime()
			for i := 0; b.Loop(); i++ {
				k++
				cache := fmt.Sprintf("boundaries-%d", i)
				if mapOrder {
					if err := s.update(func(tx *bolt.Tx) error { return putMapOrder(tx, cache, entries) }); err != nil {
						b.Fatal(err)
					}
					continue
				}
				s.SetCache(cache, entries)
				if err := s.FlushCache(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(modeltest.CPUTime()-start)/float64(k)/1e6, "cpu-ms/op")
		})
	}
}

// putMapOrder writes entries to the named cache as writeCache did before
// it sorted them: in map order, each one.
func putMapOrder(tx *bolt.Tx, name string, entries map[string][]byte) error {
	root, err := tx.CreateBucketIfNotExists(bCache)
	if err != nil {
		return err
	}
	b, err := root.CreateBucketIfNotExists([]byte(name))
	if err != nil {
		return err
	}
	for k, v := range entries {
		if err := b.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkFlushCache10000Again is BenchmarkFlushCache10000 when the
// cache holds the queued entries already (a ledger that forgot what its
// database holds queues them again) and 100 are new.
func BenchmarkFlushCache10000Again(b *testing.B) {
	s := benchStore(b, Options{}, modeltest.Large(10000, 20000, 200))
	entries := boundaryEntries(10000, 1)
	s.SetCache("boundaries", entries)
	if err := s.FlushCache(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := maps.Clone(entries)
		maps.Copy(q, boundaryEntries(100, uint64(i)+2))
		s.SetCache("boundaries", q)
		if err := s.FlushCache(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPeekUndoImport10000 times PeekUndo when the newest action is
// the import of a 10,000-initiative portfolio (its record holds the whole
// portfolio): Head reads the record's head (PeekUndo), Whole decodes the
// record as PeekUndo did before the head was recorded (and still does for
// an older build's record).
func BenchmarkPeekUndoImport10000(b *testing.B) {
	s := benchStore(b, Options{NoSync: true}, modeltest.Large(10000, 20000, 200))
	b.Run("Head", func(b *testing.B) {
		for b.Loop() {
			if st, ok := s.PeekUndo(); !ok || len(st.Removes) != 1 || st.Removes[0].Initiatives != 10000 {
				b.Fatalf("%+v %v", st, ok)
			}
		}
	})
	b.Run("Whole", func(b *testing.B) {
		for b.Loop() {
			var st Step
			s.view(func(tx *bolt.Tx) error {
				_, v := tx.Bucket(bUndo).Cursor().Last()
				var a action
				if err := json.Unmarshal(v, &a); err != nil {
					b.Fatal(err)
				}
				a.Removes = nil
				st = a.step(false)
				return nil
			})
			if len(st.Removes) != 1 || st.Removes[0].Initiatives != 10000 {
				b.Fatalf("%+v", st)
			}
		}
	})
}

package valuation

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"sync"
)

// The exercise boundaries of the boundary method (Andersen, Lake and
// Offengelt 2016) depend on r, q, sigma, t and the scheme only, not on S
// or X: a value, a trigger S* (the boundary at tau = t) and a staged
// option's second stage all come from one. BoundaryCacheEntries and
// LoadBoundaryCache carry the solved ones to a persistent cache (the
// portfolio database), so that reopening a portfolio prices every option
// by its price integral alone, without solving a boundary again.
//
// An entry's key holds the exact inputs (r and q of the put the boundary
// is solved for, sigma, t, the scheme) and a fingerprint of the method:
// the bits of a reference boundary solved by this build. An entry written
// by a build whose method gives other numbers, or for other inputs, is
// never used; one that does not decode is skipped.

// boundaryEntryVersion is the layout of the entries.
const boundaryEntryVersion = 2

// referenceBoundary is the boundary whose bits fingerprint the method.
var referenceBoundary = Inputs{S: 100, X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.03}

var boundaryStore struct {
	once        sync.Once
	fingerprint [8]byte
}

// A BoundaryLedger follows what one persistent cache (a database) holds of
// the solved exercise boundaries: those loaded from it and those handed
// out for it, so that each is written to it once. Keep one per database:
// a boundary written to one database is still handed out for another.
// The zero value is ready to use; its methods are safe for concurrent use.
type BoundaryLedger struct {
	mu   sync.Mutex
	held map[boundaryKey]bool
}

// maxLedger bounds a ledger's memory: beyond it the ledger forgets what
// its cache holds, which only costs writing those entries again.
const maxLedger = 4 * maxBoundaries

// processLedger is the ledger of BoundaryCacheEntries and
// LoadBoundaryCache.
var processLedger BoundaryLedger

func (l *BoundaryLedger) hold(k boundaryKey) {
	if l.held == nil || len(l.held) >= maxLedger {
		l.held = map[boundaryKey]bool{}
	}
	l.held[k] = true
}

// methodFingerprint returns the FNV-64a hash of the reference boundary's
// coefficients and trigger, solved by this build (before anything is
// loaded into the cache).
func methodFingerprint() [8]byte {
	boundaryStore.once.Do(func() {
		b := aloPutBoundary(Put, referenceBoundary, ALOStandard)
		h := fnv.New64a()
		var buf [8]byte
		for _, c := range b.a {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(c))
			h.Write(buf[:])
		}
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(b.xmax*math.Exp(-b.sqrtH(1))))
		h.Write(buf[:])
		b.release()
		copy(boundaryStore.fingerprint[:], h.Sum(nil))
	})
	return boundaryStore.fingerprint
}

// keyLen is the length of an entry's key: version, fingerprint, r, q,
// sigma, t, the scheme's four numbers and its flags (bit 0: the
// fixed-point integrals are truncated, ALOScheme.truncate; version 1 had
// no flags, so a truncated boundary would have come back as an untruncated
// scheme's).
const keyLen = 1 + 8 + 4*8 + 4*2 + 1

func encodeBoundaryKey(fp [8]byte, k boundaryKey) []byte {
	out := make([]byte, 0, keyLen)
	out = append(out, boundaryEntryVersion)
	out = append(out, fp[:]...)
	for _, x := range []float64{k.r, k.q, k.sig, k.T} {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(x))
	}
	for _, n := range []int{k.s.Nodes, k.s.FixedPointOrder, k.s.Iterations, k.s.PriceOrder} {
		out = binary.LittleEndian.AppendUint16(out, uint16(n))
	}
	var flags byte
	if k.s.truncate {
		flags |= 1
	}
	return append(out, flags)
}

// decodeBoundaryKey returns the key, false when it is not one of this
// build's (another layout or method) or its numbers are not usable.
func decodeBoundaryKey(fp [8]byte, b []byte) (boundaryKey, bool) {
	if len(b) != keyLen || b[0] != boundaryEntryVersion || [8]byte(b[1:9]) != fp {
		return boundaryKey{}, false
	}
	var x [4]float64
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[9+8*i:]))
	}
	var n [4]int
	for i := range n {
		n[i] = int(binary.LittleEndian.Uint16(b[41+2*i:]))
	}
	flags := b[49]
	if flags&^1 != 0 {
		return boundaryKey{}, false
	}
	k := boundaryKey{r: x[0], q: x[1], sig: x[2], T: x[3], s: ALOScheme{Nodes: n[0], FixedPointOrder: n[1], Iterations: n[2], PriceOrder: n[3], truncate: flags&1 != 0}}
	in := Inputs{S: 1, X: 1, T: k.T, Sigma: k.sig, R: k.r, Q: k.q}
	if aloCheck(in, k.s) != nil || !(k.sig > 0 && k.T > 0) {
		return boundaryKey{}, false
	}
	if single, early := aloDefined(Put, k.r, k.q); !single || !early {
		return boundaryKey{}, false
	}
	return k, true
}

// BoundaryCacheEntries returns the exercise boundaries solved since the
// last call (or LoadBoundaryCache) as entries of a persistent cache, for
// a process that keeps one database (Entries of one ledger for the whole
// process); see BoundaryLedger.Entries.
func BoundaryCacheEntries() map[string][]byte { return processLedger.Entries() }

// LoadBoundaryCache loads entries as BoundaryLedger.Load does, on the
// process's ledger of BoundaryCacheEntries.
func LoadBoundaryCache(entries map[string][]byte) int { return processLedger.Load(entries) }

// Entries returns the exercise boundaries in the valuation's cache that
// l's database does not hold yet, as entries of a persistent cache: key
// the inputs and the method's fingerprint, value the boundary's trigger
// at tau = t and its Chebyshev coefficients, as float64 bits. They are
// then held: a later call returns only boundaries solved since.
func (l *BoundaryLedger) Entries() map[string][]byte {
	fp := methodFingerprint()
	out := map[string][]byte{}
	l.mu.Lock()
	defer l.mu.Unlock()
	boundaryCache.Lock()
	defer boundaryCache.Unlock()
	for k, cb := range boundaryCache.m {
		if l.held[k] {
			continue
		}
		v := make([]byte, 0, 8*(1+len(cb.a)))
		v = binary.LittleEndian.AppendUint64(v, math.Float64bits(cb.bp))
		for _, c := range cb.a {
			v = binary.LittleEndian.AppendUint64(v, math.Float64bits(c))
		}
		out[string(encodeBoundaryKey(fp, k))] = v
		l.hold(k)
	}
	return out
}

// Load puts the boundaries of entries (from Entries, possibly of another
// process) into the valuation's cache, held by l's database, and returns
// how many it took. Entries of another layout or method, for unusable
// inputs, or whose numbers do not decode (a damaged cache) are skipped:
// those boundaries are solved again when needed.
func (l *BoundaryLedger) Load(entries map[string][]byte) int {
	fp := methodFingerprint()
	n := 0
	l.mu.Lock()
	defer l.mu.Unlock()
	for ks, v := range entries {
		k, ok := decodeBoundaryKey(fp, []byte(ks))
		if !ok || len(v) != 8*(k.s.Nodes+2) {
			continue
		}
		cb := &cachedBoundary{bp: math.Float64frombits(binary.LittleEndian.Uint64(v)), a: make([]float64, k.s.Nodes+1)}
		good := cb.bp > 0 && cb.bp <= 1
		for i := range cb.a {
			cb.a[i] = math.Float64frombits(binary.LittleEndian.Uint64(v[8+8*i:]))
			good = good && !math.IsNaN(cb.a[i]) && !math.IsInf(cb.a[i], 0)
		}
		if !good {
			continue
		}
		boundaryCache.put(k, cb)
		l.hold(k)
		n++
	}
	return n
}

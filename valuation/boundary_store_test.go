package valuation

import (
	"math"
	"testing"
)

// boundaryGrid is a few American calls and puts with early exercise.
func boundaryGrid() []struct {
	typ OptionType
	in  Inputs
} {
	var out []struct {
		typ OptionType
		in  Inputs
	}
	for _, sig := range []float64{0.1, 0.4} {
		for _, T := range []float64{0.5, 3} {
			out = append(out,
				struct {
					typ OptionType
					in  Inputs
				}{Call, Inputs{S: 110, X: 100, T: T, Sigma: sig, R: 0.04, Q: 0.07}},
				struct {
					typ OptionType
					in  Inputs
				}{Put, Inputs{S: 90, X: 100, T: T, Sigma: sig, R: 0.05, Q: 0.01}})
		}
	}
	return out
}

// TestBoundaryCacheRoundTrip: boundaries written out and loaded into an
// empty cache give the same values and triggers, bit for bit, without
// solving a boundary again (the cache does not grow); entries changed in
// any way (another method's fingerprint, another layout, damaged numbers,
// truncated) are skipped and those boundaries solved again, to the same
// numbers; and an input that changes changes the trigger (a cached one is
// never used for other inputs).
func TestBoundaryCacheRoundTrip(t *testing.T) {
	ClearBoundaryCache()
	grid := boundaryGrid()
	type res struct{ v, trig float64 }
	want := make([]res, len(grid))
	for i, c := range grid {
		v, err := ALOValue(c.typ, c.in, ALOStandard)
		if err != nil {
			t.Fatal(err)
		}
		trig, err := ALOBoundary(c.typ, c.in, ALOStandard)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = res{v, trig}
	}
	entries := BoundaryCacheEntries()
	if len(entries) < len(grid) {
		t.Fatalf("%d entries for %d boundaries", len(entries), len(grid))
	}
	if again := BoundaryCacheEntries(); len(again) != 0 {
		t.Errorf("%d entries returned twice", len(again))
	}
	check := func(what string) {
		t.Helper()
		for i, c := range grid {
			v, _ := ALOValue(c.typ, c.in, ALOStandard)
			trig, _ := ALOBoundary(c.typ, c.in, ALOStandard)
			if v != want[i].v || trig != want[i].trig {
				t.Errorf("%s: %v %+v: value %v trigger %v, want %v %v", what, c.typ, c.in, v, trig, want[i].v, want[i].trig)
			}
		}
	}
	ClearBoundaryCache()
	if n := LoadBoundaryCache(entries); n != len(entries) {
		t.Fatalf("loaded %d of %d", n, len(entries))
	}
	size := len(boundaryCache.m)
	check("loaded")
	if len(boundaryCache.m) != size {
		t.Errorf("the cache grew from %d to %d: a loaded boundary was solved again", size, len(boundaryCache.m))
	}

	// Damaged and foreign entries are skipped.
	bad := map[string][]byte{}
	for k, v := range entries {
		kb := []byte(k)
		other := append([]byte(nil), kb...)
		other[1] ^= 1 // another method's fingerprint
		bad[string(other)] = v
		layout := append([]byte(nil), kb...)
		layout[0] = 99
		bad[string(layout)] = v
		bad[k[:len(k)-1]] = v // a truncated key
		nan := append([]byte(nil), v...)
		copy(nan[8:], []byte{0, 0, 0, 0, 0, 0, 0xf8, 0x7f}) // NaN coefficient
		bad[k] = nan
	}
	bad["garbage"] = []byte("garbage")
	ClearBoundaryCache()
	if n := LoadBoundaryCache(bad); n != 0 {
		t.Errorf("loaded %d damaged or foreign entries", n)
	}
	check("solved again")

	// A changed input is another key: its trigger is its own.
	c := grid[0]
	moved := c.in
	moved.Q += 0.01
	ClearBoundaryCache()
	LoadBoundaryCache(entries)
	got, _ := ALOBoundary(c.typ, moved, ALOStandard)
	ClearBoundaryCache()
	fresh, _ := ALOBoundary(c.typ, moved, ALOStandard)
	if got != fresh || got == want[0].trig || math.IsNaN(got) {
		t.Errorf("q moved: trigger %v (fresh %v, before %v)", got, fresh, want[0].trig)
	}
}

// TestBoundaryLedgersPerDatabase: a boundary handed out for one database
// is handed out for another too, once each, and one loaded from a
// database is not handed back to it.
func TestBoundaryLedgersPerDatabase(t *testing.T) {
	ClearBoundaryCache()
	grid := boundaryGrid()
	for _, c := range grid {
		if _, err := ALOBoundary(c.typ, c.in, ALOStandard); err != nil {
			t.Fatal(err)
		}
	}
	var a, b BoundaryLedger
	ea := a.Entries()
	if len(ea) < len(grid) {
		t.Fatalf("%d entries for %d boundaries", len(ea), len(grid))
	}
	eb := b.Entries()
	if len(eb) != len(ea) {
		t.Errorf("second database: %d entries, want the first's %d", len(eb), len(ea))
	}
	for k, v := range ea {
		if w, ok := eb[k]; !ok || string(w) != string(v) {
			t.Errorf("second database: entry %x missing or different", k)
			break
		}
	}
	if n := len(a.Entries()) + len(b.Entries()); n != 0 {
		t.Errorf("%d entries handed out twice for the same database", n)
	}
	// A third database loads what the first holds: nothing to write back.
	ClearBoundaryCache()
	var c BoundaryLedger
	if n := c.Load(ea); n != len(ea) {
		t.Fatalf("loaded %d of %d", n, len(ea))
	}
	if n := len(c.Entries()); n != 0 {
		t.Errorf("%d loaded entries handed back to the database they came from", n)
	}
	// A boundary solved after the load is new to all three.
	moved := grid[0].in
	moved.Sigma *= 1.01
	if _, err := ALOBoundary(grid[0].typ, moved, ALOStandard); err != nil {
		t.Fatal(err)
	}
	for i, l := range []*BoundaryLedger{&a, &b, &c} {
		if n := len(l.Entries()); n != 1 {
			t.Errorf("database %d: %d new entries, want 1", i, n)
		}
	}
}

// TestBoundaryKeyKeepsTruncation: a key of a scheme whose fixed-point
// integrals are truncated (ALOFast's stiffest tier) and the key of the
// same counts untruncated are different entries, and each decodes to its
// own scheme; a key with an unknown flag is skipped.
func TestBoundaryKeyKeepsTruncation(t *testing.T) {
	fp := [8]byte{1, 2, 3, 4, 5, 6, 7, 8}
	s := ALOFast.effective(0.15, -0.02, 0.05, 10) // aloStiffIn's call as a put
	if !s.truncate {
		t.Fatal("ALOFast's stiffest tier is not truncated: pick another scheme for this test")
	}
	k := boundaryKey{r: 0.15, q: -0.02, sig: 0.05, T: 10, s: s.cacheKey()}
	plain := k
	plain.s.truncate = false
	ek, ep := encodeBoundaryKey(fp, k), encodeBoundaryKey(fp, plain)
	if string(ek) == string(ep) {
		t.Fatal("the truncated and the untruncated scheme have the same key")
	}
	for _, c := range []struct {
		enc  []byte
		want boundaryKey
	}{{ek, k}, {ep, plain}} {
		got, ok := decodeBoundaryKey(fp, c.enc)
		if !ok || got != c.want {
			t.Errorf("decoded %+v (%v), want %+v", got, ok, c.want)
		}
	}
	odd := append([]byte(nil), ek...)
	odd[len(odd)-1] |= 2
	if _, ok := decodeBoundaryKey(fp, odd); ok {
		t.Error("a key with an unknown flag was decoded")
	}
}

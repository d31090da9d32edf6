package valuation

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"
)

// TestALOTune reports, per tier of each scheme, the boundaries it solves
// over the reference grid, their Newton steps, the largest value and
// trigger errors against testdata/alo_reference.csv and the time per
// boundary solved cold (a tuning aid: set OPTIONSPACE_ALO_TUNE=1).
func TestALOTune(t *testing.T) {
	if os.Getenv("OPTIONSPACE_ALO_TUNE") == "" {
		t.Skip("set OPTIONSPACE_ALO_TUNE=1")
	}
	cases := readReference(t)
	for _, sc := range []struct {
		name string
		s    ALOScheme
	}{{"fast", ALOFast}, {"standard", ALOStandard}, {"standard, at most 2 steps", aloWithIterations(ALOStandard, 2)}} {
		aloTuneReport(t, sc.name, sc.s, cases)
	}
}

type aloTierStat struct {
	n, steps   int
	ve, te     float64
	dur        time.Duration
	boundaries int
	worstV     string
}

func aloTuneReport(t *testing.T, name string, s ALOScheme, cases []refCase) {
	stats := map[string]*aloTierStat{}
	tier := func(c refCase) string {
		r, q := c.in.R, c.in.Q
		if c.typ == Call {
			r, q = q, r
		}
		e := s.effective(r, q, c.in.Sigma, c.in.T)
		return fmt.Sprintf("%d/%d/%d/%d", e.Nodes+1, e.FixedPointOrder, e.Iterations, e.PriceOrder)
	}
	for _, c := range cases {
		k := tier(c)
		st := stats[k]
		if st == nil {
			st = &aloTierStat{}
			stats[k] = st
		}
		ClearBoundaryCache()
		v, err := ALOValue(c.typ, c.in, s)
		if err != nil {
			t.Fatal(err)
		}
		st.n++
		if e := relErr(v, c.ref, c.in.X); e > st.ve {
			st.ve, st.worstV = e, fmt.Sprintf("%v %+v", c.typ, c.in)
		}
		if c.in.S != c.in.X {
			continue
		}
		ClearBoundaryCache()
		in := c.in
		in.S = in.X
		const reps = 20
		var bnd float64
		runtime.LockOSThread()
		c0, _ := threadCPU()
		for range reps {
			ClearBoundaryCache()
			bnd, _ = ALOBoundary(c.typ, in, s)
		}
		c1, _ := threadCPU()
		runtime.UnlockOSThread()
		st.dur += time.Duration((c1 - c0) / reps)
		st.te = math.Max(st.te, math.Abs(bnd/c.trig-1))
		b := aloPutBoundary(c.typ, in, s)
		st.steps += b.steps
		b.release()
		st.boundaries++
	}
	keys := make([]string, 0, len(stats))
	for k := range stats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var tot time.Duration
	nb := 0
	for _, k := range keys {
		st := stats[k]
		tot += st.dur
		nb += st.boundaries
		t.Logf("%s tier %s: %d boundaries, steps %.2f, value err %.2g, trigger err %.2g, %.1f us/boundary (worst %s)", name, k, st.boundaries,
			float64(st.steps)/float64(st.boundaries), st.ve, st.te, float64(st.dur.Microseconds())/float64(st.boundaries), st.worstV)
	}
	t.Logf("%s: grid mean %.1f us", name, float64(tot.Microseconds())/float64(nb))
}

// TestALOTuneTrigger: candidate single-tier trigger schemes, their largest
// trigger error and mean CPU time per band of kappa.
func TestALOTuneTrigger(t *testing.T) {
	if os.Getenv("OPTIONSPACE_ALO_TUNE") == "" {
		t.Skip("set OPTIONSPACE_ALO_TUNE=1")
	}
	cases := readReference(t)
	bands := []float64{0.5, 1, 2, 4, math.Inf(1)}
	for _, s := range []ALOScheme{
		{Nodes: 16, FixedPointOrder: 16, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 12, FixedPointOrder: 16, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 12, FixedPointOrder: 12, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 14, FixedPointOrder: 14, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 10, FixedPointOrder: 16, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 16, FixedPointOrder: 12, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 16, FixedPointOrder: 20, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 18, FixedPointOrder: 20, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
		{Nodes: 16, FixedPointOrder: 24, Iterations: 3, PriceOrder: 2, Tolerance: 1e-6},
	} {
		te := make([]float64, len(bands))
		dur := make([]float64, len(bands))
		cnt := make([]int, len(bands))
		for _, c := range cases {
			if c.in.S != c.in.X {
				continue
			}
			k := kappaOf(c.typ, c.in)
			bi := 0
			for k > bands[bi] {
				bi++
			}
			const reps = 10
			var bnd float64
			runtime.LockOSThread()
			c0, _ := threadCPU()
			for range reps {
				ClearBoundaryCache()
				bnd, _ = ALOBoundary(c.typ, c.in, s)
			}
			c1, _ := threadCPU()
			runtime.UnlockOSThread()
			dur[bi] += (c1 - c0) / reps / 1e3
			cnt[bi]++
			te[bi] = math.Max(te[bi], math.Abs(bnd/c.trig-1))
		}
		line := fmt.Sprintf("%d/%d:", s.Nodes+1, s.FixedPointOrder)
		for i := range bands {
			line += fmt.Sprintf("  k<=%g: %.2g %.1fus (%d)", bands[i], te[i], dur[i]/float64(cnt[i]), cnt[i])
		}
		t.Log(line)
	}
}

// aloWithIterations is s with every tier's Iterations set to it.
func aloWithIterations(s ALOScheme, it int) ALOScheme {
	s.Iterations = it
	if s.Stiff != nil {
		st := aloWithIterations(*s.Stiff, it)
		s.Stiff = &st
	}
	if s.lowQ != nil {
		lq := aloWithIterations(*s.lowQ, it)
		s.lowQ = &lq
	}
	return s
}

// TestALOTuneStiff: candidate single-tier schemes for ALOFast's stiffest
// band (kappa > 4), with and without truncation, and their largest value
// error over the grid's cases there (against the reference) and over the
// random inputs there (against ALOAccurate). Time them with
// BenchmarkALOFastStiffCold (the thread's CPU clock is too coarse for
// these few solves).
func TestALOTuneStiff(t *testing.T) {
	if os.Getenv("OPTIONSPACE_ALO_TUNE") == "" {
		t.Skip("set OPTIONSPACE_ALO_TUNE=1")
	}
	const band = 4
	var typs []OptionType
	var ins []Inputs
	var refs []float64
	for _, c := range readReference(t) {
		if kappaOf(c.typ, c.in) > band {
			typs, ins, refs = append(typs, c.typ), append(ins, c.in), append(refs, c.ref)
		}
	}
	ng := len(ins)
	rt, ri := aloRandomGrid(3000)
	for i, in := range ri {
		if kappaOf(rt[i], in) > band {
			v, _ := ALOValue(rt[i], in, ALOAccurate)
			typs, ins, refs = append(typs, rt[i]), append(ins, in), append(refs, v)
		}
	}
	for _, s := range aloTuneStiffSchemes {
		var eg, er float64
		for i, in := range ins {
			ClearBoundaryCache()
			v, _ := ALOValue(typs[i], in, s)
			e := relErr(v, refs[i], in.X)
			if i < ng {
				eg = max(eg, e)
			} else {
				er = max(er, e)
			}
		}
		t.Logf("%d/%d/%d/%d truncate %v: grid %.2g (%d), random %.2g (%d)", s.Nodes+1, s.FixedPointOrder, s.Iterations, s.PriceOrder, s.truncate, eg, ng, er, len(ins)-ng)
	}
}

var aloTuneStiffSchemes = []ALOScheme{
	{Nodes: 14, FixedPointOrder: 20, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1},
	{Nodes: 14, FixedPointOrder: 12, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1},
	{Nodes: 14, FixedPointOrder: 20, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1, truncate: true},
	{Nodes: 14, FixedPointOrder: 14, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1, truncate: true},
	{Nodes: 14, FixedPointOrder: 12, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1, truncate: true},
	{Nodes: 14, FixedPointOrder: 10, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1, truncate: true},
	{Nodes: 12, FixedPointOrder: 12, Iterations: 2, PriceOrder: 64, Tolerance: 1e-5, chordFrom: 1, truncate: true},
	{Nodes: 14, FixedPointOrder: 12, Iterations: 2, PriceOrder: 48, Tolerance: 1e-5, chordFrom: 1, truncate: true},
}

// TestALOTuneChord: ALOStandard with chord steps from the second Newton
// step (chordFrom 1) in some of its tiers: Newton steps and largest
// trigger error over the random inputs (against ALOAccurate), largest
// trigger and value errors over the grid (measured: chord steps from the
// second step in any of the first three tiers take more steps and leave
// triggers up to 1.9e-6 and values up to 1.4e-6 off).
func TestALOTuneChord(t *testing.T) {
	if os.Getenv("OPTIONSPACE_ALO_TUNE") == "" {
		t.Skip("set OPTIONSPACE_ALO_TUNE=1")
	}
	rt, ri := aloRandomGrid(3000)
	var acc []float64
	for i, in := range ri {
		a, _ := ALOBoundary(rt[i], in, ALOAccurate)
		acc = append(acc, a)
	}
	cases := readReference(t)
	for _, cf := range [][4]int8{{0, 0, 0, 1}, {1, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 1}, {1, 1, 1, 1}} {
		s := ALOStandard
		tiers := []*ALOScheme{&s}
		for p := &s; p.Stiff != nil; {
			c := *p.Stiff
			p.Stiff = &c
			p = &c
			tiers = append(tiers, p)
		}
		for i, p := range tiers {
			p.chordFrom = cf[i]
		}
		steps, worst, wg, wv := 0, 0.0, 0.0, 0.0
		for i, in := range ri {
			ClearBoundaryCache()
			x, _ := ALOBoundary(rt[i], in, s)
			worst = max(worst, math.Abs(x/acc[i]-1))
			in.S = in.X
			b := aloPutBoundary(rt[i], in, s)
			steps += b.steps
			b.release()
		}
		for _, c := range cases {
			ClearBoundaryCache()
			v, _ := ALOValue(c.typ, c.in, s)
			wv = max(wv, relErr(v, c.ref, c.in.X))
			x, _ := ALOBoundary(c.typ, c.in, s)
			wg = max(wg, math.Abs(x/c.trig-1))
		}
		t.Logf("chordFrom %v: random steps %.3f trigger %.2g; grid trigger %.2g value %.2g", cf, float64(steps)/float64(len(ri)), worst, wg, wv)
	}
}

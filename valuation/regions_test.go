package valuation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRegionClassifierIsRegionOf checks RegionsAt(v, th).Of against
// RegionOf on many positions: NPVq at random, at and within a few ulps of
// every bound and of each contour's crossing, and at the special values,
// for cumulative volatilities from 1e-8 to beyond maxBandCumVol and for
// several thresholds; positions with NPVq > 1 or another CumVol too.
func TestRegionClassifierIsRegionOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ths := []Thresholds{DefaultThresholds(), {InvestNowPremium: 0.02, MaybeLater: 0.3, ProbablyNever: 0.05},
		{MaybeLater: 0, ProbablyNever: 0}, {MaybeLater: 0.999, ProbablyNever: 1e-12}, {MaybeLater: 0.05, ProbablyNever: 0.2}}
	vs := []float64{0, 1e-8, 1e-4, 0.01, 0.1, 0.3, 0.5, 1, 2, 5, 20, 100, 150, math.Inf(1), math.NaN()}
	for range 40 {
		vs = append(vs, 3*rng.Float64())
	}
	special := []float64{0, math.Copysign(0, -1), -1, math.Inf(-1), math.NaN(), 1, math.Nextafter(1, 0), math.Nextafter(1, 2), 2, math.Inf(1),
		math.SmallestNonzeroFloat64, 1e-300}
	var checked, fast int
	check := func(c RegionClassifier, th Thresholds, p Position) {
		t.Helper()
		if p.NPVq <= 1 && p.CumVol == c.cumvol {
			checked++
		}
		if p.NPVq <= 1 && p.CumVol == c.cumvol && (p.NPVq >= c.hi[0] || p.NPVq < c.lo[0] && (p.NPVq >= c.hi[1] || p.NPVq < c.lo[1])) {
			fast++
		}
		if got, want := c.Of(p), RegionOf(p, th); got != want {
			t.Fatalf("v %v, %+v, NPVq %v (bounds lo %v hi %v): Of %d, RegionOf %d (C/S %v)",
				c.cumvol, th, p.NPVq, c.lo, c.hi, got, want, CallShare(p.NPVq, p.CumVol))
		}
	}
	for _, th := range ths {
		for _, v := range vs {
			c := RegionsAt(v, th)
			qs := append([]float64(nil), special...)
			for range 200 {
				qs = append(qs, rng.Float64(), math.Exp(-30*rng.Float64()))
			}
			for _, level := range []float64{th.MaybeLater, th.ProbablyNever} {
				if b, a := shareCrossing(level, v); a <= 1 {
					qs = append(qs, b, a)
				}
			}
			qs = append(qs, c.lo[0], c.lo[1], c.hi[0], c.hi[1])
			for _, q := range qs[:] {
				x := q
				for range 4 { // a few ulps either side
					x = math.Nextafter(x, math.Inf(-1))
					qs = append(qs, x)
				}
				x = q
				for range 4 {
					x = math.Nextafter(x, math.Inf(1))
					qs = append(qs, x)
				}
			}
			for _, q := range qs {
				check(c, th, Position{NPVq: q, CumVol: v})
				// Another CumVol, and the rules for NPVq > 1.
				check(c, th, Position{NPVq: q, CumVol: v * 1.5})
				check(c, th, Position{NPVq: 1 + q, CumVol: v, NPV: q - 0.5, Value: q, Underlying: 1, Trigger: 2 * q})
			}
		}
	}
	// The test can fail only where Of decides alone: most positions with
	// NPVq <= 1 and the classifier's CumVol must be decided so.
	if fast < checked/2 {
		t.Errorf("Of decided %d of %d positions with NPVq <= 1 without CallShare", fast, checked)
	}
}

// TestRegionClassifierBandsNarrow: for ordinary cumulative volatilities
// the bands where Of computes CallShare are narrow (relative width under
// 1e-6 in NPVq), so Of rarely does, and they hold the contours: the
// computed CallShare is below the level at lo and at or above it at hi, and at v = 2 N^-1((1+c)/2) the
// contour of level c passes through NPVq = 1 (CallShare(1, v) = 2N(v/2) - 1).
func TestRegionClassifierBandsNarrow(t *testing.T) {
	th := DefaultThresholds()
	for v := 0.05; v <= 3; v += 0.05 {
		c := RegionsAt(v, th)
		for k, level := range []float64{th.MaybeLater, th.ProbablyNever} {
			lo, hi := c.lo[k], c.hi[k]
			if math.IsInf(lo, 1) { // the level is not reached at NPVq <= 1
				if CallShare(1, v) >= level {
					t.Errorf("v %.2f level %v: no bound, yet C/S(1) = %v", v, level, CallShare(1, v))
				}
				continue
			}
			if !(lo > 0 && lo <= hi && hi <= 1 && (hi-lo)/hi < 1e-6) {
				t.Errorf("v %.2f level %v: band [%v, %v]", v, level, lo, hi)
			}
			if cl, ch := CallShare(lo, v), CallShare(hi, v); !(cl < level && ch >= level) {
				t.Errorf("v %.2f level %v: C/S %v at lo, %v at hi", v, level, cl, ch)
			}
		}
	}
	for _, level := range []float64{th.MaybeLater, th.ProbablyNever} {
		v := 2 * math.Sqrt2 * math.Erfinv(level) // 2 N^-1((1+c)/2)
		c := RegionsAt(v, th)
		k := 0
		if level == th.ProbablyNever {
			k = 1
		}
		if !(c.lo[k] < 1 && 1-c.lo[k] < 1e-6 && (math.IsInf(c.hi[k], 1) || math.Abs(c.hi[k]-1) < 1e-6)) {
			t.Errorf("level %v at v %v: band [%v, %v], want from about 1", level, v, c.lo[k], c.hi[k])
		}
	}
}

// TestCallShareRoundingUnderGuard checks the assumption RegionClassifier
// rests on: the computed CallShare may decrease from one NPVq to a larger
// one (rounding), but by far less than shareGuard. It walks 4,000
// consecutive NPVq ulps around each contour's crossing and 2,000 NPVq
// from 1e-6 to 1 for cumulative volatilities up to maxBandCumVol, and
// bounds the largest drop below the running maximum by shareGuard/100.
func TestCallShareRoundingUnderGuard(t *testing.T) {
	worst := 0.0
	walk := func(v, q float64, next func(float64) float64, n int) {
		top := math.Inf(-1)
		for range n {
			cs := CallShare(q, v)
			top = math.Max(top, cs)
			worst = math.Max(worst, top-cs)
			q = next(q)
		}
	}
	for _, v := range []float64{1e-6, 1e-3, 0.05, 0.3, 1, 3, 10, 30, maxBandCumVol} {
		for _, level := range []float64{0.02, 0.1, 0.5} {
			if _, a := shareCrossing(level, v); a <= 1 {
				start := a
				for range 2000 {
					start = math.Nextafter(start, 0)
				}
				walk(v, start, func(q float64) float64 { return math.Nextafter(q, 2) }, 4000)
			}
		}
		walk(v, 1e-6, func(q float64) float64 { return math.Min(q*math.Pow(1e6, 1.0/2000), 1) }, 2001)
	}
	if worst > shareGuard/100 {
		t.Errorf("computed CallShare drops by %g as NPVq grows, want under %g", worst, shareGuard/100)
	}
	t.Logf("largest drop %g", worst)
}

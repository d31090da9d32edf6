package valuation

import "math"

// RegionClassifier classifies positions as RegionOf does, cheaply for many
// positions that share one cumulative volatility (a simulation's paths of
// one initiative at the horizon: only NPVq changes from path to path).
//
// RegionOf's rule for NPVq <= 1 compares CallShare(NPVq, v) with
// th.MaybeLater and th.ProbablyNever, and CallShare is increasing in NPVq
// at fixed v (its derivative is N(d2)/NPVq^2 > 0). So RegionsAt brackets
// each level's contour once: below lo the computed CallShare is surely
// under the level, at or above hi surely at or over it, and Of compares
// NPVq with those bounds, computing CallShare (through RegionOf) only
// between them. The bounds are NPVq values whose computed CallShare is at
// least shareGuard (1e-11) from the level; CallShare's rounding error is
// below 1e-13 for cumvol <= maxBandCumVol (its absolute error is a few
// ulps of 1 plus about v ulps from rounding d2, whose effect on N(d2)/NPVq
// is bounded by v phi(d1)), so a position outside [lo, hi) cannot be
// classified differently by RegionOf. The zero value is not usable: make
// one with RegionsAt.
type RegionClassifier struct {
	cumvol float64
	th     Thresholds
	// lo[k] and hi[k] bracket the contour of level k (0 MaybeLater, 1
	// ProbablyNever): NPVq < lo[k] has CallShare below the level, NPVq >=
	// hi[k] at or above it.
	lo, hi [2]float64
}

// shareGuard is how far from a level the computed CallShare at the bounds
// of RegionClassifier must be, far above CallShare's rounding error.
const shareGuard = 1e-11

// maxBandCumVol is the largest cumulative volatility for which RegionsAt
// computes bounds: CallShare's rounding error grows with v (see
// RegionClassifier); above it Of is RegionOf.
const maxBandCumVol = 100

// RegionsAt returns the classifier of positions with cumulative volatility
// cumvol under the thresholds th: its Of(p) is RegionOf(p, th) for every
// p, and is cheap when p.CumVol == cumvol. It calls CallShare a few hundred
// times, so it pays off from about that many positions.
func RegionsAt(cumvol float64, th Thresholds) RegionClassifier {
	c := RegionClassifier{cumvol: cumvol, th: th}
	for k, level := range [2]float64{th.MaybeLater, th.ProbablyNever} {
		c.lo[k], c.hi[k] = shareBounds(level, cumvol)
	}
	return c
}

// shareBounds returns lo and hi such that CallShare(q, v) < level for
// q < lo and >= level for lo <= hi <= q <= 1 (see RegionClassifier); -Inf
// and +Inf, which leave every q to CallShare, where v or level is out of
// the bounds' scope.
func shareBounds(level, v float64) (lo, hi float64) {
	if !(v > 0 && v <= maxBandCumVol && level > 0 && level <= 1) {
		return math.Inf(-1), math.Inf(1)
	}
	lo, _ = shareCrossing(level-shareGuard, v)
	_, hi = shareCrossing(level+shareGuard, v)
	return lo, hi
}

// shareCrossing bisects ln NPVq over [ln MinNormal, 0] for the crossing of
// CallShare(., v) with y and returns below, an NPVq in (0, 1] whose
// CallShare is < y, and above, one whose CallShare is >= y, as close to
// each other as the bisection gets: below = +Inf when CallShare(1, v) < y
// (every q <= 1 is below), 0 when even the smallest normal NPVq reaches y
// (only q < 0 is surely below; CallShare is 0 there); above = +Inf when
// CallShare(1, v) < y.
func shareCrossing(y, v float64) (below, above float64) {
	f := func(x float64) float64 { return CallShare(math.Exp(x), v) }
	a, b := math.Log(math.SmallestNonzeroFloat64*(1<<52)), 0.0 // MinNormal, 1
	if f(b) < y {
		return math.Inf(1), math.Inf(1)
	}
	if f(a) >= y {
		return 0, math.Exp(a)
	}
	for range 200 {
		m := 0.5 * (a + b)
		if m <= a || m >= b {
			break
		}
		if f(m) < y {
			a = m
		} else {
			b = m
		}
	}
	return math.Exp(a), math.Exp(b)
}

// Of returns RegionOf(p, th) for the thresholds th of RegionsAt, for every
// p: without calling CallShare when p.CumVol is the classifier's and p.NPVq
// is outside the narrow bands around the contours of regions 4 to 6.
func (c RegionClassifier) Of(p Position) Region {
	if p.NPVq > 1 || p.CumVol != c.cumvol {
		return RegionOf(p, c.th)
	}
	// NPVq <= 1 (or NaN, which fails every comparison).
	switch q := p.NPVq; {
	case q >= c.hi[0]:
		return RegionMaybeLater
	case q < c.lo[0] && q >= c.hi[1]:
		return RegionProbablyNever
	case q < c.lo[0] && q < c.lo[1]:
		return RegionNever
	}
	return RegionOf(p, c.th)
}

package chart

import (
	"math"

	"github.com/optionspace/optionspace/valuation"
)

// npvqAtShare returns the NPVq at which valuation.CallShare(NPVq, v)
// equals level, for 0 < level < 1 and v >= 0. CallShare is strictly
// increasing in NPVq, so the C/S contour is a function NPVq(v) and this
// solves it by bisection on ln NPVq to about 1e-12 relative.
func npvqAtShare(level, v float64) float64 {
	if !(level > 0 && level < 1) {
		panic("chart: npvqAtShare level outside (0, 1)")
	}
	if !(v > 0) {
		return 1 / (1 - level) // CallShare(q, 0) = 1 - 1/q
	}
	lo, hi := math.Log(1e-12), math.Log(1e12)
	for range 100 {
		mid := 0.5 * (lo + hi)
		if valuation.CallShare(math.Exp(mid), v) < level {
			lo = mid
		} else {
			hi = mid
		}
		if hi-lo < 1e-13 {
			break
		}
	}
	return math.Exp(0.5 * (lo + hi))
}

// shareAtParity returns the v at which the contour C/S = level crosses
// NPVq = 1: CallShare(1, v) = 2N(v/2) - 1, so v = 2 N^-1((1+level)/2).
func shareAtParity(level float64) float64 {
	return 2 * math.Sqrt2 * math.Erfinv(level)
}

// spaceGeom holds what the map's region boundaries depend on.
type spaceGeom struct {
	th       valuation.Thresholds
	rate     float64 // continuous
	refSigma float64
}

// refT returns the time t = (v/RefSigma)^2 the 1/2/3 boundaries are drawn
// for.
func (g spaceGeom) refT(v float64) float64 {
	r := v / g.refSigma
	return r * r
}

// npvZero returns the NPVq of the NPV = 0 curve at cumulative volatility v:
// S = X exactly when NPVq = X/PV(X) = exp(rc t).
func (g spaceGeom) npvZero(v float64) float64 {
	return math.Exp(g.rate * g.refT(v))
}

// timeValueShare returns (C - (S - X))/S for an option without leakage at
// (q, v) with t = refT(v): C/S - 1 + X/S, X/S = exp(rc t)/q.
func (g spaceGeom) timeValueShare(q, v float64) float64 {
	return valuation.CallShare(q, v) - 1 + g.npvZero(v)/q
}

// investNowEdge returns the NPVq of the 1/2 boundary at v for an option
// without leakage: the smallest q above the NPV = 0 curve whose time value
// share is at most th.InvestNowPremium. The time value share decreases as q
// grows (the call's delta is below 1), so bisection finds it.
func (g spaceGeom) investNowEdge(v float64) float64 {
	lo := math.Max(g.npvZero(v), 1)
	if g.timeValueShare(lo, v) <= g.th.InvestNowPremium {
		return lo
	}
	a, b := math.Log(lo), math.Log(lo)+math.Log(1e6)
	if g.timeValueShare(math.Exp(b), v) > g.th.InvestNowPremium {
		return math.Inf(1)
	}
	for range 100 {
		mid := 0.5 * (a + b)
		if g.timeValueShare(math.Exp(mid), v) > g.th.InvestNowPremium {
			a = mid
		} else {
			b = mid
		}
		if b-a < 1e-12 {
			break
		}
	}
	return math.Exp(b)
}

// regionAt returns the region at (q, v) by the boundaries the map draws:
// valuation.RegionOf's rules, exact for regions 4 to 6 and for the
// NPVq = 1 line; for 1 to 3 those of an option without leakage at
// t = refT(v).
func (g spaceGeom) regionAt(q, v float64) valuation.Region {
	if !(q > 1) {
		switch cs := valuation.CallShare(q, v); {
		case cs >= g.th.MaybeLater:
			return valuation.RegionMaybeLater
		case cs >= g.th.ProbablyNever:
			return valuation.RegionProbablyNever
		}
		return valuation.RegionNever
	}
	if q <= g.npvZero(v) {
		return valuation.RegionProbablyLater
	}
	if g.timeValueShare(q, v) <= g.th.InvestNowPremium {
		return valuation.RegionInvestNow
	}
	return valuation.RegionMaybeNow
}

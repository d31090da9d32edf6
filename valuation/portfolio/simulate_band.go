package portfolio

import (
	"math"
	"math/rand/v2"

	"github.com/optionspace/optionspace/valuation"
)

// Early exercise of a leg whose exercise band is closed today.
//
// With two exercise boundaries (a call with r < q < 0, a put with
// q < r < 0) the band where exercising now pays is empty beyond the time
// left at which its two boundaries meet, and opens, as a point, when the
// time left falls to it; from then on it only widens (Battauz, De Donno
// and Sbuelz, "Real options and American derivatives: the double
// continuation region", Management Science 61(5), 2015). A leg whose band
// is closed today is exercised the first time its path is inside the band
// once it has opened: the band's two boundaries are computed at the
// monitor's dates where it is open (valuation.Trigger or PutTrigger, the
// near one, and valuation.FarTrigger, both cached by their inputs), and
// the path, built at those dates as in monitor, is exercised
// - at a date where it is inside the band and the band was closed at the
//   date before (the band opened in between: at that date and S, an
//   approximation that misses a path passing through the band's first
//   narrow stretch between two dates);
// - between two dates at which the band is open, where it crosses the
//   boundary on its side at the first: certainly when it is inside the
//   band, or on the other side, at the second date, with the
//   Brownian-bridge probability exp(-2 d_{k-1} d_k / (vol^2 dt_k)) for
//   that boundary, linear in t in ln S, otherwise (Glasserman, Monte Carlo
//   Methods in Financial Engineering, 2004, sect. 6.4), placed as monitor
//   places a crossing.

// closedBand reports whether the plain call (put false) or put with inputs
// in has two exercise boundaries at sigma > 0 and its band is closed at
// the time left in.T.
func closedBand(put bool, in valuation.Inputs) (bool, error) {
	typ := valuation.Call
	if put {
		typ = valuation.Put
	}
	if !valuation.TwoBoundaries(typ, in.R, in.Q) {
		return false, nil
	}
	b, err := cachedTrigger(put, in)
	if err != nil {
		return false, err
	}
	return !put && math.IsInf(b, 1) || put && b <= 0, nil
}

// setClosedBand fills m (its dates, bridge coefficients and inverse
// variances set) for a leg whose band is closed today: lnB and lnFar are
// the ln of the near and far boundaries over scale at each date, NaN
// where the band is closed. The dates are visited from the last, where
// the band is widest, back to the first at which it is closed; it returns
// false when the band is closed at the last date too (it does not open
// before the span's end: nothing to watch).
func (m *monitor) setClosedBand(put bool, scale float64, in valuation.Inputs) (bool, error) {
	n := len(m.t) - 1
	m.band = true
	m.lnFar = make([]float64, n+1)
	for k := range m.lnB {
		m.lnB[k], m.lnFar[k] = math.NaN(), math.NaN()
	}
	for k := n; k >= 1; k-- {
		x := in
		x.T = in.T - m.t[k]
		closed, err := closedBand(put, x)
		if err != nil {
			return false, err
		}
		if closed {
			break
		}
		near, err := cachedTrigger(put, x)
		if err != nil {
			return false, err
		}
		far, err := valuation.FarTrigger(exerciseType(put), x)
		if err != nil {
			return false, err
		}
		if !(far > 0) {
			break
		}
		m.lnB[k], m.lnFar[k] = math.Log(near/scale), math.Log(far/scale)
	}
	return !math.IsNaN(m.lnB[n]), nil
}

// bandSide returns where ln S x is against the band of date k: 0 inside,
// -1 below it, +1 above it, and the distance to the boundary on that side
// (> 0) with that boundary's ln; ok is false where the band is closed.
func (m *monitor) bandSide(k int, x float64) (side int, d, lnb float64, ok bool) {
	lo, hi := m.lnB[k], m.lnFar[k]
	if math.IsNaN(lo) {
		return 0, 0, 0, false
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	switch {
	case x < lo:
		return -1, lo - x, lo, true
	case x > hi:
		return 1, x - hi, hi, true
	}
	return 0, 0, 0, true
}

// crossBand is cross for a leg whose band is closed today (see
// setClosedBand): when (years from today) and at which S its path, whose
// Brownian motion ends at sqrt(span) z, is first in the band, false when
// it is not by the last monitoring date.
func (m *monitor) crossBand(z float64, rng *rand.Rand) (t, s float64, ok bool) {
	we := m.sqrtSpan * z
	vol := math.Abs(m.sv)
	w := 0.0
	prevSide, prevD, prevOpen := 0, 0.0, false
	var prevLnB float64
	for k := 1; k < len(m.t); k++ {
		wk := w + m.a[k]*(we-w) + m.c[k]*rng.NormFloat64()
		x := m.lnS + m.drift*m.t[k] + vol*wk
		side, d, lnb, open := m.bandSide(k, x)
		if open && !prevOpen && side == 0 {
			return m.t[k], math.Exp(x), true // the band opened around it
		}
		if open && prevOpen {
			// The boundary on the path's side at k-1, at date k: the
			// distance to it (< 0 once crossed).
			dk := d
			bk := lnb
			if side != prevSide {
				if prevSide < 0 {
					bk = math.Min(m.lnB[k], m.lnFar[k])
					dk = bk - x
				} else {
					bk = math.Max(m.lnB[k], m.lnFar[k])
					dk = x - bk
				}
			}
			crossed := !(dk > 0)
			if !crossed {
				if e := prevD * dk * m.inv[k]; e < bridgeCut {
					crossed = rng.Float64() < math.Exp(-e)
				}
			}
			if crossed {
				dep := placeDepth
				if dk > 0 {
					dep = placeDepthBridge
				}
				f := m.place(prevD, dk, 1/m.inv[k], 0, 1, dep, rng)
				return m.t[k-1] + f*(m.t[k]-m.t[k-1]), math.Exp(prevLnB + f*(bk-prevLnB)), true
			}
		}
		w = wk
		prevSide, prevD, prevLnB, prevOpen = side, d, lnb, open
	}
	return 0, 0, false
}

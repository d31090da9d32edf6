package valuation

import (
	"math"
	"sync"
)

// Two exercise boundaries.
//
// With negative rates an American call with r < q < 0 (a put with
// q < r < 0) can be worth exercising now only inside a band of S: below
// the band the option is too far from the money, above it (below it, for
// the put) S's drift r - q makes waiting pay again. The continuation
// region is split in two, the "double continuation region" of Battauz, De
// Donno and Sbuelz ("Real options and American derivatives: the double
// continuation region", Management Science 61(5), 2015); Healy ("Pricing
// American options under negative rates", Journal of Computational
// Finance 25(1), 2021) gives the two boundaries' integral equation. In the
// exercise region the value is the payoff, which must not grow faster than
// the discounting: for the call (r - q) S - r (S - X) = r X - q S <= 0,
// that is S <= X r/q; for the put q S - r X <= 0, S >= X r/q. So the band
// lies within [X, X r/q] (call) or [X r/q, X] (put). It is exactly that
// interval at sigma = 0 (the discounted payoff S e^{-q tau} - X e^{-r tau}
// then falls in tau from tau = 0 on), shrinks as sigma or t grows, and is
// empty beyond the time at which its two boundaries meet (Battauz et al.).

// FarTrigger returns the second exercise boundary of the American call
// (typ Call) or put with inputs in (in.S is ignored) at tau = in.T, where
// there are two (a call with r < q < 0, a put with q < r < 0, t > 0): then
// investing now beats waiting exactly for S between Trigger (PutTrigger)
// and FarTrigger, Trigger <= S <= FarTrigger for the call and
// FarTrigger <= S <= PutTrigger for the put. It returns 0 where there is
// no second boundary: one boundary (the call's exercise region is
// S >= Trigger, the put's S <= PutTrigger), no early exercise, or a band
// that has closed (Trigger is then +Inf, PutTrigger 0). At sigma = 0 it is
// X r/q. The method: a point inside the band is found on a Leisen-Reimer
// lattice (as LatticeTrigger does), and from it the far boundary is
// bisected on a Cox-Ross-Rubinstein lattice's exercise decision at its
// root, at FarSteps and 2*FarSteps steps and extrapolated (the
// Leisen-Reimer far boundary does not converge regularly: see crrFar);
// the two boundaries are cached together by their inputs.
func FarTrigger(typ OptionType, in Inputs) (float64, error) {
	checkTypeStyle(typ, American)
	in, err := atTheMoney(in)
	if err != nil {
		return 0, err
	}
	if !twoBoundaries(typ, in.R, in.Q) || in.T == 0 || in.X == 0 {
		return 0, nil
	}
	if in.Sigma == 0 {
		return in.X * in.R / in.Q, nil
	}
	_, far := latticeBand(typ, in, true)
	return far, nil
}

// twoBoundaries reports whether the American option typ with rates r and q
// has two exercise boundaries at sigma > 0: a call with r < q < 0, a put
// with q < r < 0 (see aloDefined).
func twoBoundaries(typ OptionType, r, q float64) bool {
	single, early := aloDefined(typ, r, q)
	return early && !single
}

// TwoBoundaries reports whether the American option typ with rates r and
// q has two exercise boundaries at sigma > 0 (a call with r < q < 0, a put
// with q < r < 0; Battauz, De Donno and Sbuelz 2015).
func TwoBoundaries(typ OptionType, r, q float64) bool { return twoBoundaries(typ, r, q) }

// bandKey is what a band depends on: not S.
type bandKey struct {
	typ               OptionType
	x, t, sigma, r, q float64
}

// bandEntry is a cached band: near and far in units of X; mid (X = 1) a
// point inside the Leisen-Reimer band from which crrFar bisects, 0 when
// there is none; farDone when far is crrFar's (or crrFar was tried).
type bandEntry struct {
	near, far, mid float64
	farDone        bool
}

// bandCache memoises latticeBand: its searches roll back about 200
// lattices of up to 401 steps and, for the far boundary, about 100 of up
// to 1,000.
var bandCache struct {
	sync.Mutex
	m map[bandKey]bandEntry
}

const maxBands = 1 << 12

// latticeBand returns the near and far boundaries of the two-boundary
// option typ with inputs in (sigma > 0, t > 0, X > 0). The near one is the
// Leisen-Reimer lattice's boundary at TriggerSteps and 2*TriggerSteps - 1
// steps, extrapolated as in LatticeTrigger (exponent 1/2); the far one,
// computed only when wantFar (Trigger does not need it), crrFar's. An
// empty band is near = +Inf (call) or 0 (put) and far = 0. Where the band
// is empty on one lattice only, the finer lattice's boundaries are
// returned as they are; where an extrapolation crosses the other boundary
// (the band about to close), the finer Leisen-Reimer lattice's.
func latticeBand(typ OptionType, in Inputs, wantFar bool) (near, far float64) {
	k := bandKey{typ, in.X, in.T, in.Sigma, in.R, in.Q}
	bandCache.Lock()
	e, ok := bandCache.m[k]
	bandCache.Unlock()
	if ok && (e.farDone || !wantFar) {
		return e.near, e.far
	}
	x := in.X
	in.X, in.S = 1, 1
	if !ok {
		e = lrBand(typ, in, x)
	}
	if wantFar && !e.farDone {
		e.farDone = true
		if e.mid > 0 {
			if g, ok := crrFar(typ, in, e.mid); ok {
				g = clamp(g, math.Min(1, in.R/in.Q), math.Max(1, in.R/in.Q)) * x
				if typ == Call && g >= e.near || typ == Put && g <= e.near {
					e.far = g
				}
			}
		}
	}
	bandCache.Lock()
	if bandCache.m == nil || len(bandCache.m) >= maxBands {
		bandCache.m = map[bandKey]bandEntry{}
	}
	bandCache.m[k] = e
	bandCache.Unlock()
	return e.near, e.far
}

// lrBand is latticeBand's Leisen-Reimer part for X = 1 (in.X = 1), its
// boundaries scaled to x: the near boundary, the far one of the finer
// lattice (extrapolated where that keeps the band in order), and the
// middle of the finer lattice's band.
func lrBand(typ OptionType, in Inputs, x float64) bandEntry {
	n1, f1, ok1 := bandN(typ, in, TriggerSteps)
	n2, f2, ok2 := bandN(typ, in, 2*TriggerSteps-1)
	switch {
	case !ok2:
		near, far := emptyBand(typ)
		return bandEntry{near: near, far: far}
	case !ok1:
		return bandEntry{near: n2 * x, far: f2 * x}
	}
	c := 1 / (math.Sqrt2 - 1)
	near, far := n2+(n2-n1)*c, f2+(f2-f1)*c
	// Keep the extrapolation within the band's bounds (X and X r/q)
	// and its two boundaries in order.
	bl, bh := 1.0, in.R/in.Q
	if typ == Put {
		bl, bh = bh, bl
	}
	near, far = clamp(near, bl, bh), clamp(far, bl, bh)
	if typ == Call && near > far || typ == Put && near < far {
		near, far = n2, f2
	}
	return bandEntry{near: near * x, far: far * x, mid: math.Sqrt(n2 * f2)}
}

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

// emptyBand is the near and far boundary of a band that has closed: no
// trigger (+Inf for a call, 0 for a put) and no second boundary.
func emptyBand(typ OptionType) (near, far float64) {
	if typ == Call {
		return math.Inf(1), 0
	}
	return 0, 0
}

// FarSteps is the smaller Cox-Ross-Rubinstein step count used to find the
// far boundary of a band (see crrFar); the larger is 2*FarSteps.
const FarSteps = 500

// crrFar returns the far boundary of the two-boundary option typ with
// inputs in (X = 1) from the exercise decision at the root of
// Cox-Ross-Rubinstein lattices (Cox, Ross and Rubinstein, "Option pricing:
// a simplified approach", Journal of Financial Economics 7, 1979) of
// FarSteps and 2*FarSteps steps, each bisected from mid (a point inside
// the band) outwards and extrapolated with exponent 1/2 as the near
// boundary is; ok is false when either lattice does not exercise at mid.
//
// The near boundary's Leisen-Reimer error falls like n^{-1/2} from 201
// steps on, but the far one's does not yet: for the call at r -0.05,
// q -0.01, sigma 0.2, t 1 (X 100) it is 451.80, 448.83, 447.18, 446.25 at
// 201 to 1601 steps, successive differences in the ratios 0.56, 0.56, 0.59
// (n^{-1/2} gives 0.71), so the extrapolation from 201 and 401 steps gave
// 441.65 against a limit of 444.75. The Leisen-Reimer lattice is built
// around the strike, which is far from this boundary (X r/q = 5 X). The
// CRR lattice's is 446.10, 445.71, 445.43, 445.23, 445.09 at 1,000 to
// 16,000 steps (ratios 0.71, 0.71, 0.71), and its extrapolation from 500
// and 1,000 steps 444.757.
func crrFar(typ OptionType, in Inputs, mid float64) (float64, bool) {
	rq := in.R / in.Q
	var b [2]float64
	for i, steps := range [2]int{FarSteps, 2 * FarSteps} {
		ex := func(s float64) bool {
			pay := s - 1
			if typ == Put {
				pay = -pay
			}
			if !(pay > 0) {
				return false
			}
			in.S = s
			v, err := CRRValue(typ, American, in, steps)
			return err == nil && v <= pay*(1+1e-13)
		}
		if !ex(mid) {
			return 0, false
		}
		out := rq
		for k := 0; k < 60 && ex(out); k++ {
			if typ == Call {
				out *= 1.25
			} else {
				out /= 1.25
			}
		}
		b[i] = bisectExercise(out, mid, ex)
	}
	return b[1] + (b[1]-b[0])/(math.Sqrt2-1), true
}

// bandN finds the exercise band of the two-boundary option typ with
// inputs in (X = 1) on the Leisen-Reimer lattice of steps steps: the
// boundary nearest the money (near) and the far one, or ok false when the
// lattice exercises nowhere.
//
// The band lies within [1, r/q] (call) or [r/q, 1] (put). V(S) - payoff(S)
// is convex there (the American value is convex in S, the payoff linear),
// zero on the band and positive off it, so a golden-section search of its
// minimum over ln S finds a point inside the band when there is one; from
// there each boundary is bisected on the exercise decision (the lattice's
// own, exerciseNowN), between the band's point and a point outside it on
// that side: S = X (payoff 0, never exercised) on the near side, the bound
// X r/q, moved outwards while the lattice still exercises there, on the
// far side.
func bandN(typ OptionType, in Inputs, steps int) (near, far float64, ok bool) {
	rq := in.R / in.Q
	ex := func(s float64) bool { return exerciseNowN(typ, in, s, steps) }
	// gap is V - payoff and whether the lattice exercises at s, as
	// exerciseNowN decides it, from one roll-back.
	gap := func(s float64) (float64, bool) {
		in.S = s
		pay := s - 1
		if typ == Put {
			pay = -pay
		}
		v := lrValue(typ, American, in, steps)
		return v - pay, pay > 0 && v <= pay*(1+1e-13)
	}
	m, found := bandPoint(math.Log(rq), gap)
	if !found {
		return 0, 0, false
	}
	out := rq
	for i := 0; i < 60 && ex(out); i++ {
		if typ == Call {
			out *= 1.25
		} else {
			out /= 1.25
		}
	}
	near = bisectExercise(1, m, ex)
	far = bisectExercise(out, m, ex)
	return near, far, true
}

// bandPoint searches ln S between 0 (S = X = 1) and lnRQ (S = r/q) for a
// point the lattice exercises at, by golden section on the convex gap
// V - payoff (f returns the gap and the exercise decision); found is false
// when none of its points is exercised.
func bandPoint(lnRQ float64, f func(float64) (float64, bool)) (m float64, found bool) {
	a, b := math.Min(0, lnRQ), math.Max(0, lnRQ)
	const g = 0.6180339887498949 // (sqrt(5) - 1)/2
	c, d := b-g*(b-a), a+g*(b-a)
	gc, exc := f(math.Exp(c))
	if exc {
		return math.Exp(c), true
	}
	gd, exd := f(math.Exp(d))
	if exd {
		return math.Exp(d), true
	}
	for it := 0; it < 100 && b-a > 1e-12; it++ {
		var e bool
		if gc < gd {
			b, d, gd = d, c, gc
			c = b - g*(b-a)
			if gc, e = f(math.Exp(c)); e {
				return math.Exp(c), true
			}
		} else {
			a, c, gc = c, d, gd
			d = a + g*(b-a)
			if gd, e = f(math.Exp(d)); e {
				return math.Exp(d), true
			}
		}
	}
	return 0, false
}

// bisectExercise bisects between out (not exercised) and in (exercised)
// to a relative 1e-9 and returns the exercised end: the lattice's
// boundary on out's side of in.
func bisectExercise(out, in float64, ex func(float64) bool) float64 {
	for it := 0; it < 64 && math.Abs(out-in) > 1e-9*math.Max(out, in); it++ {
		mid := 0.5 * (out + in)
		if ex(mid) {
			in = mid
		} else {
			out = mid
		}
	}
	return in
}

package valuation

import "math"

// TriggerSteps is the smaller Leisen-Reimer step count used to find
// triggers; the larger is 2*TriggerSteps - 1.
const TriggerSteps = 201

// Trigger returns the early-exercise trigger S* of the American call with
// inputs in (in.S is ignored): the smallest S at which investing now
// (S - X) is worth at least as much as keeping the option, so for S >= S*
// investing now beats waiting. It is the Andersen-Lake-Offengelt exercise
// boundary at tau = t (see ALOBoundary and ALOStandard: within 5e-7
// relative over the tested grid and 6.4e-7 over 3,000 random inputs in its
// ranges, typically 1e-7; cached by its inputs).
//
// Trigger returns +Inf when waiting always pays (q <= 0 with r >= q: the
// American call is never exercised early; with q = 0 > r it is, and the
// boundary method gives its trigger), X when t = 0, and the
// deterministic trigger X max(1, r/q) when sigma = 0. When q < 0 and r < q
// (two exercise boundaries, outside the boundary method) it bisects on the
// Leisen-Reimer lattice's exercise decision (see LatticeTrigger) for the
// lower boundary of the band where investing now pays (FarTrigger is the
// upper: above it waiting pays again; +Inf when the band has closed), and
// at sigma = 0 returns X, the lower of the deterministic boundaries X and
// X r/q (the limit of the lattice's as sigma -> 0). A
// positive X below the smallest normal float64 is an *InputError: no input
// runs for long.
func Trigger(in Inputs) (float64, error) {
	return boundaryTrigger(Call, in)
}

// NoTriggerReason says why the American call with continuously compounded
// rates r and q has no finite trigger S* (Trigger returns +Inf), for a
// front end's "none (...)": waiting always pays where the call is never
// exercised early (q <= 0 with r >= q); with two exercise boundaries
// (r < q < 0) exercising can pay before expiry, but the lattice's search
// found no S at which investing now beats waiting.
func NoTriggerReason(r, q float64) string {
	single, early := aloDefined(Call, r, q)
	switch {
	case !early && q == 0:
		return "waiting always pays: no leakage"
	case !early:
		return "waiting always pays: leakage q < 0, and r >= q"
	case !single:
		return "two exercise boundaries, r < q < 0: no S found at which investing now beats waiting, though exercising later can pay"
	}
	return "no S found at which investing now beats waiting"
}

// PutTrigger returns the early-exercise trigger S** of the American put with
// inputs in (in.S is ignored): the largest S at which exercising now (X - S)
// is worth at least as much as keeping the option. It returns 0 when
// exercise never pays early (r <= 0 with q >= r), X when t = 0, and
// X min(1, r/q) when sigma = 0. The method is that of Trigger; with two
// boundaries (q < r < 0) it is the band's upper boundary, FarTrigger the
// lower (below it waiting pays again), 0 when the band has closed.
func PutTrigger(in Inputs) (float64, error) {
	return boundaryTrigger(Put, in)
}

// atTheMoney returns in with S = X, checked as a trigger's inputs (a
// trigger does not depend on S; X must be usable).
func atTheMoney(in Inputs) (Inputs, error) {
	in.S = in.X
	if err := in.Validate(); err != nil {
		return in, err
	}
	return in, checkTiny("X", in.X)
}

func boundaryTrigger(typ OptionType, in Inputs) (float64, error) {
	in, err := atTheMoney(in)
	if err != nil {
		return 0, err
	}
	if single, early := aloDefined(typ, in.R, in.Q); early && !single && in.T > 0 && in.X > 0 {
		if in.Sigma == 0 {
			// Deterministic, two boundaries: exercising now beats every
			// later date for S between X and X r/q (calls, r < q < 0;
			// puts, q < r < 0: between X r/q and X), where the payoff's
			// growth rate no longer beats waiting; the trigger is the
			// boundary at X, the one the lattice's search finds as
			// sigma -> 0.
			return in.X, nil
		}
		return trigger(typ, in)
	}
	tr, err := ALOBoundary(typ, in, aloTriggerScheme)
	if err != nil {
		return tr, err
	}
	return smallVolTrigger(typ, in, tr), nil
}

// LatticeTrigger returns the trigger of the American call (typ Call) or put
// found by bisection, to a relative precision of 1e-9, on the sign of
// V(S) - (S - X) where V is the American option on a Leisen-Reimer lattice
// (the lattice compares exercise with continuation at its root node, so the
// bisection finds the lattice's own exercise boundary at time 0). That
// boundary converges like n^{-1/2} in the step count n, so it is found for
// n = TriggerSteps (201) and 401 and extrapolated (Richardson, exponent
// 1/2): S* = S*_401 + (S*_401 - S*_201)/(sqrt(2) - 1), about 1e-3
// relative. It is the independent check of Trigger and its fallback where
// the boundary method does not apply. With two exercise boundaries (a call
// with r < q < 0, a put with q < r < 0) the lattice exercises only inside
// a band, and LatticeTrigger returns the band's boundary nearest the money
// (the call's lower, the put's upper; FarTrigger gives the other): a
// point inside the band is found first (golden section on V - payoff,
// convex in S) and each boundary bisected from it.
func LatticeTrigger(typ OptionType, in Inputs) (float64, error) {
	checkTypeStyle(typ, American)
	in, err := atTheMoney(in)
	if err != nil {
		return 0, err
	}
	return trigger(typ, in)
}

func exerciseNowN(typ OptionType, in Inputs, S float64, steps int) bool {
	in.S = S
	ex := S - in.X
	if typ == Put {
		ex = -ex
	}
	if ex <= 0 {
		return false
	}
	return lrValue(typ, American, in, steps) <= ex*(1+1e-13)
}

func trigger(typ OptionType, in Inputs) (float64, error) {
	if twoBoundaries(typ, in.R, in.Q) && in.T > 0 && in.Sigma > 0 && in.X > 0 {
		// Two boundaries: the band's near boundary (see latticeBand);
		// the searches below start outside the band on the wrong side.
		near, _ := latticeBand(typ, in, false)
		return near, nil
	}
	// The trigger scales with X: find it for X = 1, so that the bisection's
	// bounds and steps do not depend on the magnitude of X.
	if in.X > 0 && in.X != 1 {
		k := in.X
		in.X, in.S = 1, 1
		s, err := trigger(typ, in)
		return s * k, err
	}
	a, err := triggerN(typ, in, TriggerSteps)
	if err != nil || in.T == 0 || in.Sigma == 0 || math.IsInf(a, 0) || a == 0 {
		return a, err
	}
	b, err := triggerN(typ, in, 2*TriggerSteps-1)
	if err != nil || math.IsInf(b, 0) || b == 0 {
		return b, err
	}
	s := b + (b-a)/(math.Sqrt2-1)
	if typ == Call {
		return math.Max(s, in.X), nil
	}
	return math.Max(math.Min(s, in.X), 0), nil
}

func triggerN(typ OptionType, in Inputs, steps int) (float64, error) {
	switch {
	case in.T == 0:
		return in.X, nil
	case typ == Call && in.Q <= 0 && in.R >= 0:
		return math.Inf(1), nil
	case typ == Put && in.R <= 0 && in.Q >= 0:
		return 0, nil
	case in.X == 0:
		// Call with strike 0: S - 0 = S beats S e^{-qT} (q > 0) at once.
		if typ == Call {
			return 0, nil
		}
		return 0, nil
	}
	if typ == Call {
		lo, hi := in.X, 2*in.X
		for !exerciseNowN(Call, in, hi, steps) && hi <= MaxAmount {
			lo, hi = hi, 2*hi
			if hi > MaxAmount {
				return math.Inf(1), nil
			}
		}
		// At most 64 halvings: the loop ends for every input, subnormal
		// or not.
		for it := 0; it < 64 && hi-lo > 1e-9*hi; it++ {
			mid := 0.5 * (lo + hi)
			if exerciseNowN(Call, in, mid, steps) {
				hi = mid
			} else {
				lo = mid
			}
		}
		return hi, nil
	}
	lo, hi := 0.0, in.X
	if !exerciseNowN(Put, in, in.X*1e-12, steps) {
		return 0, nil
	}
	for it := 0; it < 64 && hi-lo > 1e-9*hi; it++ {
		mid := 0.5 * (lo + hi)
		if exerciseNowN(Put, in, mid, steps) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}

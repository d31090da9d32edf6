package valuation

import "math"

// PayoffCurve is what RealOption.CurveWith needs of a choose option's
// lattices to value it at many spots: the rows of its two lattices (the
// Richardson pair, n and n/2 steps) started early, as RealOption.Curve
// rolls them back, computed by RealOption.ValueOnlyCurve along with the
// option's value, whose lattices they contain.
type PayoffCurve struct {
	o          RealOption
	lo, hi     float64 // the spots the rows cover
	full, half chooseGrid
}

// covers reports whether pc holds o's rows for the spots [lo, hi].
func (pc *PayoffCurve) covers(o RealOption, lo, hi float64) bool {
	return pc != nil && pc.o == o && pc.lo <= lo && hi <= pc.hi
}

// ValueOnlyCurve returns RealOption.ValueOnly's value and method of o
// and, for a choose option valued on its lattice, a *PayoffCurve for the
// spots [lo, hi] (0 < lo <= hi), nil otherwise. The choose option's
// lattices are then Curve's, started early so that their last rows cover
// [lo, hi] and S, and the value is read at S's node: a lattice from S
// contained in a wider one, with the same node prices, so the value is
// ValueOnly's (TestValueOnlyCurveIsValueOnly: to the bit on 2,000
// random options). It costs the curve's lattices instead of the value's
// and the curve's.
func (o RealOption) ValueOnlyCurve(lo, hi float64) (float64, string, *PayoffCurve, error) {
	if o.Kind != Choose || !o.chooseOnLattice() || !(lo > 0) || !(hi >= lo) || math.IsInf(hi, 1) {
		v, method, err := o.ValueOnly()
		return v, method, nil, err
	}
	if err := o.Validate(); err != nil {
		return 0, "", nil, err
	}
	env := newEnvelope(o.choosePieces())
	n := chooseSteps(o.Inputs)
	full, ok1 := o.chooseNodes(&env, n, lo, hi)
	half, ok2 := o.chooseNodes(&env, n/2, lo, hi)
	if !ok1 || !ok2 {
		v, method, err := o.ValueOnly()
		return v, method, nil, err
	}
	r := o.chooseRaised(2*full.v[full.root]-half.v[half.root], Greeks{}, n)
	return r.Value, r.Method, &PayoffCurve{o: o, lo: lo, hi: hi, full: full, half: half}, nil
}

// CurveWith is RealOption.Curve taking the choose lattices' rows from pc
// where pc is ValueOnlyCurve's for o and covers the positive spots of s;
// otherwise (pc nil, or another option's) it is Curve.
func (o RealOption) CurveWith(pc *PayoffCurve, s []float64) ([]float64, error) {
	return o.curve(s, pc)
}

package valuation

import "math"

// ValueOnly returns o's value and method as Value does, without the
// Greeks where they cost extra work: defer, expand, abandon and contract
// options priced by the exercise boundary solve one boundary instead of
// four (the Greeks' bumps); staged options skip the two bumped valuations
// of their delta. The other kinds, and where Value does not use the
// boundary method (two boundaries, sigma sqrt(t) below minSmallVolCumVol,
// S or X 0), return Value's
// value; where Value takes the closed-form bounds of smallVolOption, so
// does ValueOnly.
func (o RealOption) ValueOnly() (float64, string, error) { return o.valueOnly(ALOStandard) }

// valueOnly is ValueOnly with the boundary method at scheme s where it
// takes the boundary method (ValueOnly: ALOStandard).
func (o RealOption) valueOnly(s ALOScheme) (float64, string, error) {
	if err := o.Validate(); err != nil {
		return 0, "", err
	}
	switch o.Kind {
	case Defer, Expand, Abandon, Contract:
	case Staged:
		v, method := o.stagedAt(o.Inputs)
		return v, method, nil
	default:
		r, err := o.Value()
		return r.Value, r.Method, err
	}
	typ, in, _ := o.plain()
	if single, _ := aloDefined(typ, in.R, in.Q); earlyNeverOptimal(typ, in) || !single || in.Sigma*math.Sqrt(in.T) < minSmallVolCumVol || in.S == 0 || in.X == 0 {
		r, err := o.Value()
		return r.Value, r.Method, err
	}
	if smallVolCase(typ, in) {
		if r, ok := smallVolOption(typ, in); ok {
			return r.Value, r.Method, nil
		}
	}
	// ALOValue keeps its value within smallVolBracket's bounds, as Value.
	v, err := ALOValue(typ, in, s)
	return v, aloMethod(aloSchemeFor(typ, in, s)), err
}

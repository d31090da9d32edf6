package valuation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestValueOnlyCurveIsValueOnly: ValueOnlyCurve's value and method are
// ValueOnly's to the bit (its lattices from S contained in the curve's
// wider ones, with the same node prices) but where the value is rounding
// noise (within 1e-18 of X), and CurveWith's values at the payoff chart's
// spots are Curve's within 1e-12 relative plus 1e-18 of X (the rows of
// lattices started earlier, placed on the same nodes), on 2,000 random
// choose options of the band's gate (bandCases) and 200 of the curve's
// tests (randomChoose), with the spots' range the report asks for (up to
// max(4 X, 1.3 S), from a 60th of 2.5 X). It also checks that a curve
// for other inputs, or too narrow for the spots, is not used.
func TestValueOnlyCurveIsValueOnly(t *testing.T) {
	count := 2000
	if testing.Short() {
		count = 200
	}
	rng := rand.New(rand.NewPCG(7, 19))
	opts := bandCases(rng, count)
	for range 200 {
		opts = append(opts, randomChoose(rng))
	}
	withCurve, differ, worst := 0, 0, 0.0
	for _, o := range opts {
		lo, hi := 2.5*o.X/60, math.Max(4*o.X, 1.3*o.S)
		v, method, pc, err := o.ValueOnlyCurve(lo, hi)
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		want, wantMethod, err := o.ValueOnly()
		if err != nil {
			t.Fatal(err)
		}
		if math.Float64bits(v) != math.Float64bits(want) {
			differ++
			// Only where the value is rounding noise (measured: one
			// option, 6.45e-15 for X 94, 1.4e-26 apart).
			if math.Abs(v-want) > 1e-18*o.X {
				t.Errorf("%+v: ValueOnlyCurve %.17g, ValueOnly %.17g", o, v, want)
			}
		}
		if method != wantMethod {
			t.Errorf("%+v: ValueOnlyCurve's method %q, ValueOnly's %q", o, method, wantMethod)
		}
		if pc == nil {
			continue
		}
		withCurve++
		s := chartSpots(o)
		got, err := o.CurveWith(pc, s)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := o.Curve(s)
		if err != nil {
			t.Fatal(err)
		}
		for i := range s {
			d := math.Abs(got[i] - ref[i])
			if d > 1e-12*math.Abs(ref[i])+1e-18*o.X {
				t.Errorf("%+v S %g: CurveWith %.17g, Curve %.17g", o, s[i], got[i], ref[i])
			}
			if math.Abs(ref[i]) > 1e-9*o.X {
				worst = math.Max(worst, d/math.Abs(ref[i]))
			}
		}
		if !pc.covers(o, s[1], s[len(s)-1]) {
			t.Errorf("%+v: the curve for [%g, %g] does not cover the chart's spots to %g", o, lo, hi, s[len(s)-1])
		}
		other := o
		other.Sigma *= 1.01
		if pc.covers(other, s[1], s[len(s)-1]) || pc.covers(o, lo/2, hi) || pc.covers(o, lo, 2*hi) {
			t.Errorf("%+v: the curve would be used for other inputs or spots", o)
		}
	}
	if withCurve < len(opts)*9/10 {
		t.Errorf("only %d of %d options had a curve: the test compares too little", withCurve, len(opts))
	}
	t.Logf("%d options, %d with a curve, %d values not to the bit; CurveWith against Curve at most %.3g relative (values above 1e-9 X)", len(opts), withCurve, differ, worst)
}

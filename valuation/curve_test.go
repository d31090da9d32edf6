package valuation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// chartSpots are the 61 spots of the payoff chart, 0 to max(2.5 X, 1.3 S).
func chartSpots(o RealOption) []float64 {
	hi := math.Max(2.5*o.X, 1.3*o.S)
	s := make([]float64, 61)
	for i := range s {
		s[i] = hi * float64(i) / 60
	}
	return s
}

// chartCurve returns the payoff chart's spots of o and o.Curve at them.
func chartCurve(t *testing.T, o RealOption) (s, curve []float64) {
	t.Helper()
	s = chartSpots(o)
	curve, err := o.Curve(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, curve
}

// valueOnlyAt is o.ValueOnly's value at S = x, the reference a curve is
// checked against spot by spot.
func valueOnlyAt(t *testing.T, o RealOption, x float64) float64 {
	t.Helper()
	o.S = x
	v, _, err := o.ValueOnly()
	if err != nil {
		t.Fatalf("%+v at S %g: %v", o, x, err)
	}
	return v
}

// randomChoose draws a choose option as the acceptance script does (half
// with expand_factor 1e-6, half with leakage).
func randomChoose(rng *rand.Rand) RealOption {
	e := 1e-6
	if rng.IntN(2) == 0 {
		e = 0.01 + 2*rng.Float64()
	}
	q := 0.0
	if rng.IntN(2) == 0 {
		q = 0.1 * rng.Float64()
	}
	return RealOption{Kind: Choose, Inputs: Inputs{S: 20 + 280*rng.Float64(), X: 10 + 290*rng.Float64(), T: 0.1 + 10*rng.Float64(),
		Sigma: 0.05 + 0.75*rng.Float64(), R: 0.04, Q: q}, ExpandFactor: e, ContractFactor: 0.01 + 0.89*rng.Float64(), Salvage: 300 * rng.Float64()}
}

// TestCurveMatchesValueOnly checks the choose curve against one
// RealOption.ValueOnly per spot over the payoff chart's 61 spots, for
// random options: within 2e-3 of the value plus 2e-5 of the chart's S range
// (the cubic interpolation in ln S between nodes; the largest seen, 8e-3 on
// a value of 2.7 with an S range of 403, is at the contract exercise
// boundary where the second derivative jumps), and exact at S = 0.
func TestCurveMatchesValueOnly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for c := 0; c < 16; c++ {
		o := randomChoose(rng)
		s, got := chartCurve(t, o)
		for i, x := range s {
			want := valueOnlyAt(t, o, x)
			tol := 2e-3*math.Abs(want) + 2e-5*s[len(s)-1]
			if i == 0 {
				tol = 0
			}
			if math.Abs(got[i]-want) > tol {
				t.Errorf("%+v S %g: curve %.10g, ValueOnly %.10g (tolerance %.3g)", o, x, got[i], want, tol)
			}
		}
	}
}

// TestCurveNodesArePerSpotLattices checks the claim the curve rests on: a
// choose lattice started k steps early holds at step k the values an
// n-step lattice from each node's spot gives, to 1e-12 relative (only the
// rounding of node prices differs).
func TestCurveNodesArePerSpotLattices(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for c := 0; c < 3; c++ {
		o := randomChoose(rng)
		env := newEnvelope(o.choosePieces())
		n := chooseSteps(o.Inputs)
		for _, m := range []int{n, n / 2} {
			g, ok := o.chooseNodes(&env, m, o.X/10, 3*o.X)
			if !ok {
				t.Fatalf("%+v: no grid", o)
			}
			for _, j := range []int{0, 1, len(g.v) / 3, len(g.v) / 2, len(g.v) - 1} {
				at := o
				at.S = math.Exp(g.x0 + float64(j)*g.h)
				want := at.chooseLattice(&env, m, false).v0
				if d := math.Abs(g.v[j] - want); d > 1e-12*math.Max(math.Abs(want), 1e-9*o.X) {
					t.Errorf("%+v, %d steps, node %d S %g: grid %.17g, lattice from the spot %.17g", o, m, j, at.S, g.v[j], want)
				}
			}
		}
	}
}

// TestCurveChooseEuropeanCall checks a choose option that reduces to a
// European call (contract factor 0, salvage 0, no leakage, r >= 0: a call
// on e*S at X never exercised early) against Black-Scholes-Merton at every
// chart spot, to 2e-5 of the value plus 1e-6 of X, and that the curve is
// nondecreasing and convex in S.
func TestCurveChooseEuropeanCall(t *testing.T) {
	for _, in := range []Inputs{
		{S: 100, X: 110, T: 1, Sigma: 0.3, R: 0.05},
		{S: 2e6, X: 1e6, T: 6, Sigma: 0.6, R: 0.04},
		{S: 50, X: 40, T: 0.25, Sigma: 0.15, R: 0.01},
	} {
		o := RealOption{Kind: Choose, Inputs: in, ExpandFactor: 0.8}
		s, got := chartCurve(t, o)
		for i, x := range s {
			call := in
			call.S = 0.8 * x
			want, err := BlackScholes(Call, call)
			if err != nil {
				t.Fatal(err)
			}
			if d := math.Abs(got[i] - want); d > 2e-5*want+1e-6*in.X {
				t.Errorf("%+v S %g: curve %.10g, Black-Scholes %.10g", in, x, got[i], want)
			}
			if i > 0 && got[i] < got[i-1]-1e-9*in.X {
				t.Errorf("%+v: curve decreases from S %g to %g: %g to %g", in, s[i-1], x, got[i-1], got[i])
			}
			if i > 1 && got[i]-2*got[i-1]+got[i-2] < -1e-6*in.X {
				t.Errorf("%+v: curve not convex at S %g: %g %g %g", in, s[i-1], got[i-2], got[i-1], got[i])
			}
		}
	}
}

// TestCurveOtherKinds checks that the kinds valued spot by spot give
// ValueOnly's values exactly, and the input errors.
func TestCurveOtherKinds(t *testing.T) {
	in := Inputs{S: 120, X: 100, T: 4.3, Sigma: 0.45, R: 0.04, Q: 0.06}
	for _, o := range []RealOption{
		{Kind: Defer, Inputs: in}, {Kind: Expand, Inputs: in, ExpandFactor: 0.6},
		{Kind: Contract, Inputs: in, ContractFactor: 0.3}, {Kind: Abandon, Inputs: in},
		{Kind: Staged, Inputs: in, StageCost: 5, StageT: 0.25},
		{Kind: Choose, Inputs: Inputs{S: 120, X: 100, T: 0, Sigma: 0.45, R: 0.04}, ExpandFactor: 0.6, ContractFactor: 0.3, Salvage: 40},
	} {
		s, got := chartCurve(t, o)
		for i, x := range s {
			want := valueOnlyAt(t, o, x)
			if got[i] != want {
				t.Errorf("%s S %g: curve %g, ValueOnly %g", o.Kind, x, got[i], want)
			}
		}
	}
	o := RealOption{Kind: Defer, Inputs: in}
	for _, bad := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := o.Curve([]float64{1, bad}); err == nil {
			t.Errorf("spot %g: no error", bad)
		}
	}
	if v, err := o.Curve(nil); err != nil || len(v) != 0 {
		t.Errorf("no spots: %v, %v", v, err)
	}
}

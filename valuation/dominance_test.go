package valuation

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/valuation/internal/reftest"
)

// TestStagedAmericanAboveGeske: with leakage the second stage may be
// exercised early, so the staged value is at least Geske's European
// compound (S 500, X 520, K1 50, t1 0.25, T 0.5, r 0.08, q 0.03,
// sigma 0.35: 17.5945, where the staged value was 17.5913) and agrees with
// an independent CRR compound lattice (mean of 4000 and 4004 steps) to 1e-3
// relative; the reference itself moves by up to 3e-4 between step counts.
func TestStagedAmericanAboveGeske(t *testing.T) {
	haug := Inputs{S: 500, X: 520, T: 0.5, Sigma: 0.35, R: 0.08, Q: 0.03}
	if g, _ := Geske(haug, 50, 0.25); math.Abs(g-17.5945) > 5e-5 {
		t.Errorf("Geske %.6f, want 17.5945", g)
	}
	for _, c := range []struct {
		in     Inputs
		k1, t1 float64
	}{
		{haug, 50, 0.25},
		{Inputs{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01}, 10, 1},
		{Inputs{S: 100, X: 100, T: 2, Sigma: 0.2, R: 0.05, Q: 0.08}, 5, 0.5},
		{Inputs{S: 80, X: 100, T: 5, Sigma: 0.9, R: 0.02, Q: 0.04}, 3, 4},
		{Inputs{S: 150, X: 100, T: 4, Sigma: 0.25, R: 0.03, Q: 0.10}, 20, 1},
	} {
		r, err := RealOption{Kind: Staged, Inputs: c.in, StageCost: c.k1, StageT: c.t1}.Value()
		if err != nil {
			t.Fatal(err)
		}
		g, _ := Geske(c.in, c.k1, c.t1)
		if r.Value < g {
			t.Errorf("%+v: staged %.8f below Geske %.8f", c.in, r.Value, g)
		}
		crr := func(n int) float64 {
			return reftest.CompoundCRR(c.in.S, c.in.X, c.in.T, c.in.Sigma, c.in.R, c.in.Q, c.k1, c.t1, n)
		}
		want := 0.5 * (crr(4000) + crr(4004))
		if math.Abs(r.Value-want) > 1e-3*want+1e-6 {
			t.Errorf("%+v K1=%g t1=%g: staged %.6f, plain CRR %.6f (Geske %.6f)", c.in, c.k1, c.t1, r.Value, want, g)
		}
	}
}

// TestDominance checks, over 300 random draws, what no-arbitrage demands
// of every kind whatever the method: choose >= each component alone;
// Geske's European compound <= staged <= the plain American call (the
// pilot only costs); abandon rises with its salvage and expand with its
// factor. Tolerances: 0 for choose and the Geske bound (both guaranteed by
// construction), 1e-6 of S for staged <= call (two methods), 1e-9 of S for
// monotonicity.
func TestDominance(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 1))
	u := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	for k := 0; k < 300; k++ {
		in := Inputs{S: u(10, 200), X: u(10, 200), T: u(0.05, 10), Sigma: u(0.02, 1), R: u(-0.02, 0.12), Q: u(-0.02, 0.12)}
		if in.Sigma*math.Sqrt(in.T) > MaxCumVol {
			continue
		}
		ch := RealOption{Kind: Choose, Inputs: in, ExpandFactor: math.Pow(10, u(-6, 0.5)), ContractFactor: u(0, 1), Salvage: u(0, 1.5) * in.S}
		if k%3 != 0 {
			// The heavy part (choose) on a third of the draws.
			ch.Kind = ""
		}
		if ch.Kind == Choose {
			cv, err := ch.Value()
			if err != nil {
				t.Fatal(err)
			}
			for _, kind := range []Kind{Expand, Contract, Abandon} {
				r, err := ch.component(kind).Value()
				if err != nil {
					t.Fatal(err)
				}
				if cv.Value < r.Value {
					t.Errorf("%+v: choose %.8f below its %s alone %.8f", ch, cv.Value, kind, r.Value)
				}
			}
		}
		k1, t1 := u(0, 0.3)*in.X, u(0, 1)*in.T
		st, err := RealOption{Kind: Staged, Inputs: in, StageCost: k1, StageT: t1}.Value()
		if err != nil {
			t.Fatal(err)
		}
		call, _ := RealOption{Kind: Defer, Inputs: in}.Value()
		g, _ := Geske(in, k1, t1)
		if st.Value < g || st.Value > call.Value+1e-6*in.S {
			t.Errorf("%+v K1=%g t1=%g: staged %.8f outside [Geske %.8f, call %.8f]", in, k1, t1, st.Value, g, call.Value)
		}
		prev := -1.0
		for _, salv := range []float64{0.2, 0.6, 1, 1.4, 2} {
			r, err := RealOption{Kind: Abandon, Inputs: Inputs{S: in.S, X: salv * in.S, T: in.T, Sigma: in.Sigma, R: in.R, Q: in.Q}}.Value()
			if err != nil {
				t.Fatal(err)
			}
			if r.Value < prev-1e-9*in.S {
				t.Errorf("%+v: abandon falls to %.8f from %.8f as salvage rises to %g S", in, r.Value, prev, salv)
			}
			prev = r.Value
		}
		prev = -1
		for _, e := range []float64{0.1, 0.5, 1, 2, 5} {
			r, err := RealOption{Kind: Expand, Inputs: in, ExpandFactor: e}.Value()
			if err != nil {
				t.Fatal(err)
			}
			if r.Value < prev-1e-9*in.S {
				t.Errorf("%+v: expand falls to %.8f from %.8f as its factor rises to %g", in, r.Value, prev, e)
			}
			prev = r.Value
		}
	}
}

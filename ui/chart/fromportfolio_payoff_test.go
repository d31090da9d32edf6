package chart

import (
	"math"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// payoffKinds are one option of each kind, with leakage so that the
// American kinds have early exercise (the boundary method, not the
// closed form), for the payoff benchmarks and tests.
func payoffKinds() map[string]valuation.RealOption {
	in := valuation.Inputs{S: 1.2e6, X: 1e6, T: 4.3, Sigma: 0.45, R: 0.04, Q: 0.06}
	return map[string]valuation.RealOption{
		"defer":    {Kind: valuation.Defer, Inputs: in},
		"expand":   {Kind: valuation.Expand, Inputs: in, ExpandFactor: 0.6},
		"contract": {Kind: valuation.Contract, Inputs: in, ContractFactor: 0.3},
		"abandon":  {Kind: valuation.Abandon, Inputs: in},
		"choose":   {Kind: valuation.Choose, Inputs: in, ExpandFactor: 0.6, ContractFactor: 0.3, Salvage: 4e5},
		"staged":   {Kind: valuation.Staged, Inputs: in, StageCost: 5e4, StageT: 0.25},
	}
}

// payoffPerSpot is PayoffFor as it was before RealOption.Curve: one
// ValueOnly per spot and curve (the reference of the test and the "old"
// side of the benchmark).
func payoffPerSpot(o valuation.RealOption, trigger float64, name, unit string) (PayoffInput, error) {
	hi := 2.5 * math.Max(o.X, 1e-9)
	hi = math.Max(hi, 1.3*o.S)
	if finite(trigger) && trigger > 0 {
		hi = math.Max(hi, math.Min(1.2*trigger, 4*o.X))
	}
	in := PayoffInput{Title: "Payoff: " + name, Unit: unit, X: o.X, Trigger: trigger, S: o.S}
	const n = 60
	for i := 0; i <= n; i++ {
		s := hi * float64(i) / n
		today, end := o, o
		today.S, end.S = s, s
		end.T = 0
		if end.Kind == valuation.Staged {
			end.StageT = 0
		}
		vt, _, err := today.ValueOnly()
		if err != nil {
			return PayoffInput{}, err
		}
		ve, _, err := end.ValueOnly()
		if err != nil {
			return PayoffInput{}, err
		}
		in.Today = append(in.Today, XY{s, vt})
		in.AtDeadline = append(in.AtDeadline, XY{s, ve})
		switch o.Kind {
		case valuation.Defer, valuation.Staged:
			in.NPV = append(in.NPV, XY{s, s - o.X})
		case valuation.Abandon:
			in.NPV = append(in.NPV, XY{s, o.X - s})
		}
	}
	return in, nil
}

// TestPayoffForMatchesPerSpot checks PayoffFor against one valuation per
// spot: the same spots, deadline and NPV lines exactly, today's curve
// exactly for the kinds valued spot by spot and, for choose (one lattice
// pass, cubic interpolation in ln S between its nodes), within 2e-3 of the
// value plus 2e-5 of the chart's S range (see valuation's
// TestCurveMatchesValueOnly).
func TestPayoffForMatchesPerSpot(t *testing.T) {
	for k, o := range payoffKinds() {
		got, err := PayoffFor(o, 1.5e6, "x", "EUR")
		if err != nil {
			t.Fatal(err)
		}
		want, err := payoffPerSpot(o, 1.5e6, "x", "EUR")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Today) != 61 || len(got.Today) != len(want.Today) || len(got.NPV) != len(want.NPV) {
			t.Fatalf("%s: %d/%d points today, %d/%d NPV", k, len(got.Today), len(want.Today), len(got.NPV), len(want.NPV))
		}
		hi := want.Today[60].X
		for i := range want.Today {
			g, w := got.Today[i], want.Today[i]
			tol := 0.0
			if k == "choose" {
				tol = 2e-3*math.Abs(w.Y) + 2e-5*hi
			}
			if g.X != w.X || math.Abs(g.Y-w.Y) > tol {
				t.Errorf("%s today point %d: %v, per spot %v", k, i, g, w)
			}
			if got.AtDeadline[i] != want.AtDeadline[i] {
				t.Errorf("%s deadline point %d: %v, per spot %v", k, i, got.AtDeadline[i], want.AtDeadline[i])
			}
		}
		for i := range want.NPV {
			if got.NPV[i] != want.NPV[i] {
				t.Errorf("%s NPV point %d: %v, per spot %v", k, i, got.NPV[i], want.NPV[i])
			}
		}
	}
}

// BenchmarkPayoffForChoose compares the payoff chart input of one choose
// option by RealOption.Curve (new) and one valuation per spot (old).
func BenchmarkPayoffForChoose(b *testing.B) {
	o := payoffKinds()["choose"]
	for _, c := range []struct {
		name string
		f    func(valuation.RealOption, float64, string, string) (PayoffInput, error)
	}{{"new", PayoffFor}, {"old", payoffPerSpot}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.f(o, 1.5e6, "x", "EUR"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPayoffForKinds measures PayoffFor for one option of each kind.
func BenchmarkPayoffForKinds(b *testing.B) {
	for _, k := range []string{"defer", "expand", "contract", "abandon", "choose", "staged"} {
		o := payoffKinds()[k]
		b.Run(k, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := PayoffFor(o, 1.5e6, "x", "EUR"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

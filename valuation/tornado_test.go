package valuation

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTornadoIsTheFullRevaluation: every bar of Tornado against a brute
// force full revaluation, RealOption.Value (with its Greeks) of the option
// with that one input at the bar's low and high, written here from the
// input's name: the same values to the bit, for every kind (choose and
// staged too) over random options; the base is Value's value; the low and
// high inputs are (1 -/+ rel) times S, X, t and sigma and r, q -/+ the shift
// (t and sigma not below 0, t not before a staged option's stage).
func TestTornadoIsTheFullRevaluation(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 5))
	kinds := []Kind{Defer, Expand, Contract, Abandon, Choose, Staged}
	const rel, shift = 0.2, 0.02
	for c := 0; c < 36; c++ {
		o := RealOption{Kind: kinds[c%len(kinds)], Inputs: Inputs{S: 40 + 160*rng.Float64(), X: 50 + 100*rng.Float64(),
			T: 0.2 + 5*rng.Float64(), Sigma: 0.1 + 0.6*rng.Float64(), R: 0.01 + 0.07*rng.Float64(), Q: 0.08 * rng.Float64()},
			ExpandFactor: 0.5, ContractFactor: 0.3, Salvage: 40}
		if o.Kind == Staged {
			o.StageCost, o.StageT = 10, 0.5*o.T
		}
		sw, err := Tornado(o, rel, shift)
		if err != nil {
			t.Fatalf("%s %+v: %v", o.Kind, o.Inputs, err)
		}
		base, err := o.Value()
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, s := range sw {
			seen[s.Input] = true
			if s.Base != base.Value {
				t.Errorf("%s %+v: base %v, Value %v", o.Kind, o.Inputs, s.Base, base.Value)
			}
			at := func(v float64) float64 {
				x := o
				switch s.Input {
				case "S":
					x.S = v
				case "X":
					x.X = v
				case "t":
					x.T = v
				case "sigma":
					x.Sigma = v
				case "r":
					x.R = v
				case "q":
					x.Q = v
				default:
					t.Fatalf("unknown input %q", s.Input)
				}
				r, err := x.Value()
				if err != nil {
					t.Fatalf("%s %s = %v: %v", o.Kind, s.Input, v, err)
				}
				return r.Value
			}
			want := map[string][2]float64{
				"S": {o.S * (1 - rel), o.S * (1 + rel)}, "X": {o.X * (1 - rel), o.X * (1 + rel)},
				"t": {o.T * (1 - rel), o.T * (1 + rel)}, "sigma": {o.Sigma * (1 - rel), o.Sigma * (1 + rel)},
				"r": {o.R - shift, o.R + shift}, "q": {o.Q - shift, o.Q + shift}}[s.Input]
			lo, hi := want[0], want[1]
			if s.Input == "t" && o.Kind == Staged {
				lo = math.Max(lo, o.StageT)
			}
			if s.Low != lo || s.High != hi {
				t.Errorf("%s %s: bar from %v to %v, want %v to %v", o.Kind, s.Input, s.Low, s.High, lo, hi)
			}
			if vl, vh := at(s.Low), at(s.High); s.ValueLow != vl || s.ValueHigh != vh || s.Impact != math.Abs(vh-vl) {
				t.Errorf("%s %+v %s: values %v, %v (impact %v); full revaluation %v, %v", o.Kind, o.Inputs, s.Input, s.ValueLow, s.ValueHigh, s.Impact, vl, vh)
			}
		}
		if len(seen) != 6 {
			t.Errorf("%s: bars %v, want the six inputs", o.Kind, seen)
		}
	}
}

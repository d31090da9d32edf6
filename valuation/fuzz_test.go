package valuation

import (
	"errors"
	"math"
	"testing"
)

// FuzzPricing checks that every entry point either returns finite numbers or
// an *InputError for invalid inputs, and never panics. Seeds are the table
// cases.
func FuzzPricing(f *testing.F) {
	for _, in := range latticeCases {
		f.Add(in.S, in.X, in.T, in.Sigma, in.R, in.Q, uint8(0))
	}
	for _, c := range publishedBSM {
		f.Add(c.in.S, c.in.X, c.in.T, c.in.Sigma, c.in.R, c.in.Q, uint8(1))
	}
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, uint8(2))
	f.Add(100.0, 100.0, 1.0, 1e-300, 0.05, 0.2, uint8(3))
	f.Add(-1.0, math.NaN(), math.Inf(1), -0.2, 2.0, -3.0, uint8(4))
	f.Fuzz(func(t *testing.T, S, X, T, sigma, rate, q float64, sel uint8) {
		in := Inputs{S: S, X: X, T: T, Sigma: sigma, R: rate, Q: q}
		valid := in.Validate() == nil
		typ := OptionType(sel & 1)
		style := Style((sel >> 1) & 1)
		check := func(name string, vals []float64, err error) {
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("%s %+v: error %v is not an *InputError", name, in, err)
				}
				// CRR may reject valid inputs whose p falls outside (0, 1).
				if valid && !(name == "crr" && ie.Input == "sigma") {
					t.Fatalf("%s %+v: valid inputs rejected: %v", name, in, err)
				}
				return
			}
			if !valid {
				t.Fatalf("%s %+v: invalid inputs accepted", name, in)
			}
			for i, v := range vals {
				if i == 4 && len(vals) == 6 && in.T == 0 && math.IsInf(v, -1) {
					// Theta at T = 0 on the payoff's kink: -Inf
					// (expiryKinkTheta).
					continue
				}
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s %+v: non-finite result %v", name, in, vals)
				}
			}
		}
		res := func(r Result) []float64 {
			g := r.Greeks
			return []float64{r.Value, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho}
		}
		v, err := BlackScholes(typ, in)
		check("bs", []float64{v}, err)
		r, err := BlackScholesGreeks(typ, in)
		check("bsg", res(r), err)
		r, err = CRR(typ, style, in, 40)
		check("crr", res(r), err)
		r, err = LeisenReimer(typ, style, in, 41)
		check("lr", res(r), err)
		kinds := []Kind{Defer, Expand, Contract, Abandon, Choose, Staged}
		o := RealOption{Kind: kinds[int(sel)%len(kinds)], Inputs: in, ExpandFactor: 0.5, ContractFactor: 0.3, Salvage: X / 2, StageCost: X / 10, StageT: T / 2}
		if valid && sel%3 == 0 {
			p, err := Place(o, DefaultThresholds())
			check("place", []float64{p.NPV, p.CumVol, p.CallShare, p.Value}, err)
			if err == nil && (p.Region < 1 || p.Region > 6) {
				t.Fatalf("place %+v: region %d", o, p.Region)
			}
		} else {
			r, err = o.Value()
			check("value", res(r), err)
		}
		cs := CallShare(NPVq(S, X, rate, T), CumulativeVolatility(sigma, T))
		if valid && math.IsNaN(cs) {
			t.Fatalf("CallShare NaN for %+v", in)
		}
	})
}

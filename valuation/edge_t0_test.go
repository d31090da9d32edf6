package valuation

import (
	"math"
	"testing"
)

// TestAmericanGreeksAtExpiry checks every American model at T = 0 against
// independent references: delta, gamma, vega and rho are the European
// closed form's at T = 0 (BlackScholesGreeks), and theta is -dV/dT as
// T -> 0+, taken as a forward difference of Leisen-Reimer American values at
// T = h and the payoff at T = 0. An American option is exercised at once
// where the European limit rX - qS (put) or qS - rX (call) is positive, so
// its theta is 0 there, not that limit (the boundary method printed theta 5
// for a put with S = 90, X = 100, r = 0.05: its value cannot fall with more
// time). At the kink S = X the reference is the average of the one-sided
// limits, as for the European delta and theta. (Theta there, from
// another session, was that average; it is -Inf now, -dV/dT from above:
// TestExpiryKinkTheta. The average is still checked, as the mean of the
// two one-sided thetas just off the kink.)
func TestAmericanGreeksAtExpiry(t *testing.T) {
	const h = 1e-4
	fd := func(typ OptionType, in Inputs) float64 {
		t.Helper()
		in.T = h
		vh, err := LeisenReimerValue(typ, American, in, 2001)
		if err != nil {
			t.Fatal(err)
		}
		in.T = 0
		pay := math.Max(in.S-in.X, 0)
		if typ == Put {
			pay = math.Max(in.X-in.S, 0)
		}
		return -(vh - pay) / h
	}
	cases := []struct {
		name string
		typ  OptionType
		in   Inputs
		kink bool
	}{
		{"put exercised (q = 0)", Put, Inputs{S: 90, X: 100, Sigma: 0.2, R: 0.05}, false},
		{"put exercised (qS < rX)", Put, Inputs{S: 80, X: 100, Sigma: 0.2, R: 0.05, Q: 0.03}, false},
		{"put held (qS > rX)", Put, Inputs{S: 95, X: 100, Sigma: 0.2, R: 0.02, Q: 0.06}, false},
		{"put out of the money", Put, Inputs{S: 110, X: 100, Sigma: 0.2, R: 0.05}, false},
		{"put at the money", Put, Inputs{S: 100, X: 100, Sigma: 0.2, R: 0.05}, true},
		{"put at the money (q > r)", Put, Inputs{S: 100, X: 100, Sigma: 0.2, R: 0.02, Q: 0.06}, true},
		{"call exercised (qS > rX)", Call, Inputs{S: 200, X: 100, Sigma: 0.2, R: 0.05, Q: 0.03}, false},
		{"call held (qS < rX)", Call, Inputs{S: 150, X: 100, Sigma: 0.2, R: 0.05, Q: 0.03}, false},
		{"call at the money", Call, Inputs{S: 100, X: 100, Sigma: 0.2, R: 0.05, Q: 0.03}, true},
		{"call at the money (q > r)", Call, Inputs{S: 100, X: 100, Sigma: 0.2, R: 0.02, Q: 0.06}, true},
	}
	models := map[string]func(OptionType, Inputs) (Result, error){
		"alo": func(typ OptionType, in Inputs) (Result, error) { return ALO(typ, in, ALOStandard) },
		"lr":  func(typ OptionType, in Inputs) (Result, error) { return LeisenReimer(typ, American, in, 101) },
		"crr": func(typ OptionType, in Inputs) (Result, error) { return CRR(typ, American, in, 101) },
	}
	for _, c := range cases {
		var wantTheta float64
		if c.kink {
			lo, hi := c.in, c.in
			lo.S, hi.S = c.in.X*0.9, c.in.X*1.1
			// One-sided limits at S = X: the theta of each side's
			// formula (checked by the difference on that side) at S = X.
			left, right := fd(c.typ, lo), fd(c.typ, hi)
			// theta is affine in S on each side (0, or rX - qS / qS - rX).
			sl := (left - fd(c.typ, Inputs{S: c.in.X * 0.85, X: c.in.X, Sigma: c.in.Sigma, R: c.in.R, Q: c.in.Q})) / (0.05 * c.in.X)
			sr := (fd(c.typ, Inputs{S: c.in.X * 1.15, X: c.in.X, Sigma: c.in.Sigma, R: c.in.R, Q: c.in.Q}) - right) / (0.05 * c.in.X)
			wantTheta = 0.5 * ((left + sl*0.1*c.in.X) + (right - sr*0.1*c.in.X))
		} else {
			wantTheta = fd(c.typ, c.in)
		}
		eu, err := BlackScholesGreeks(c.typ, c.in)
		if err != nil {
			t.Fatal(err)
		}
		for name, price := range models {
			r, err := price(c.typ, c.in)
			if err != nil {
				t.Fatalf("%s %s: %v", name, c.name, err)
			}
			if c.kink {
				if !math.IsInf(r.Greeks.Theta, -1) {
					t.Errorf("%s %s: theta %g, want -Inf at the kink", name, c.name, r.Greeks.Theta)
				}
				off := func(k float64) float64 {
					x := c.in
					x.S = c.in.X * k
					o, err := price(c.typ, x)
					if err != nil {
						t.Fatal(err)
					}
					return o.Greeks.Theta
				}
				r.Greeks.Theta = 0.5 * (off(1-1e-9) + off(1+1e-9))
			}
			if math.Abs(r.Greeks.Theta-wantTheta) > 1e-3*math.Max(1, math.Abs(wantTheta)) {
				t.Errorf("%s %s: theta %g, want %g (-dV/dT as T -> 0+)", name, c.name, r.Greeks.Theta, wantTheta)
			}
			if r.Value != eu.Value || r.Greeks.Delta != eu.Greeks.Delta || r.Greeks.Gamma != eu.Greeks.Gamma || r.Greeks.Vega != eu.Greeks.Vega || r.Greeks.Rho != eu.Greeks.Rho {
				t.Errorf("%s %s: value %g delta %g gamma %g vega %g rho %g, want the T = 0 closed form's %g %g %g %g %g",
					name, c.name, r.Value, r.Greeks.Delta, r.Greeks.Gamma, r.Greeks.Vega, r.Greeks.Rho, eu.Value, eu.Greeks.Delta, eu.Greeks.Gamma, eu.Greeks.Vega, eu.Greeks.Rho)
			}
		}
	}
}

// TestExpiryKinkTheta: at T = 0 with S = X theta is -dV/dT from above.
// With sigma > 0 it is -Inf: the forward differences -(V(h) - V(0))/h of
// the closed form grow like h^{-1/2} (each quarter of h doubles them,
// within 1%), for the European and the American (Leisen-Reimer, 2001
// steps) call and put. With sigma = 0 it is -(r - q)+ X (call),
// -(q - r)+ X (put), the slope of max(±(S e^{-qT} - X e^{-rT}), 0).
func TestExpiryKinkTheta(t *testing.T) {
	for _, typ := range []OptionType{Call, Put} {
		for _, in := range []Inputs{{S: 100, X: 100, Sigma: 0.2, R: 0.05}, {S: 50, X: 50, Sigma: 0.4, R: 0.02, Q: 0.06}} {
			for _, style := range []Style{European, American} {
				var r Result
				var err error
				if style == European {
					r, err = BlackScholesGreeks(typ, in)
				} else {
					r, err = LeisenReimer(typ, American, in, 101)
				}
				if err != nil {
					t.Fatal(err)
				}
				if !math.IsInf(r.Greeks.Theta, -1) {
					t.Errorf("%v %v %+v: theta %v, want -Inf", style, typ, in, r.Greeks.Theta)
				}
				fd := func(h float64) float64 {
					x := in
					x.T = h
					var v float64
					if style == European {
						v, _ = BlackScholes(typ, x)
					} else {
						v, _ = LeisenReimerValue(typ, American, x, 2001)
					}
					return -v / h
				}
				if a, b := fd(1e-4), fd(2.5e-5); !(b < 0 && math.Abs(b/a-2) < 0.02) {
					t.Errorf("%v %v %+v: -(V(h) - V(0))/h %g at h 1e-4, %g at h/4: not growing like h^-1/2", style, typ, in, a, b)
				}
			}
		}
		for _, in := range []Inputs{{S: 100, X: 100, R: 0.05, Q: 0.02}, {S: 100, X: 100, R: 0.02, Q: 0.05}} {
			r, err := BlackScholesGreeks(typ, in)
			if err != nil {
				t.Fatal(err)
			}
			x := in
			x.T = 1e-7
			v, _ := BlackScholes(typ, x)
			if want := -v / x.T; math.Abs(r.Greeks.Theta-want) > 1e-4*in.X {
				t.Errorf("%v sigma 0 %+v: theta %g, want %g", typ, in, r.Greeks.Theta, want)
			}
		}
	}
}

package valuation

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/integrate/quad"
)

// Published Black-Scholes-Merton values (four decimals).
var publishedBSM = []struct {
	src   string
	typ   OptionType
	in    Inputs
	value float64
}{
	// Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., 1.1.1.
	{"Haug 1.1.1 call", Call, Inputs{S: 60, X: 65, T: 0.25, Sigma: 0.30, R: 0.08}, 2.1334},
	// Haug 1.1.6 (generalized BSM, b = r - q = 0.05): put.
	{"Haug 1.1.6 put", Put, Inputs{S: 100, X: 95, T: 0.5, Sigma: 0.20, R: 0.10, Q: 0.05}, 2.4648},
	// Haug 1.1.4 Black-76 on a future (q = r): F = 19, X = 19.
	{"Haug 1.1.4 call", Call, Inputs{S: 19, X: 19, T: 0.75, Sigma: 0.28, R: 0.10, Q: 0.10}, 1.7011},
	{"Haug 1.1.4 put", Put, Inputs{S: 19, X: 19, T: 0.75, Sigma: 0.28, R: 0.10, Q: 0.10}, 1.7011},
	// Haug 1.1.6 Garman-Kohlhagen currency option: q = foreign rate.
	{"Haug 1.1.6 FX call", Call, Inputs{S: 1.56, X: 1.60, T: 0.5, Sigma: 0.12, R: 0.06, Q: 0.08}, 0.0291},
	// Hull, Options, Futures and Other Derivatives, example 15.6.
	{"Hull 15.6 call", Call, Inputs{S: 42, X: 40, T: 0.5, Sigma: 0.2, R: 0.10}, 4.7594},
	{"Hull 15.6 put", Put, Inputs{S: 42, X: 40, T: 0.5, Sigma: 0.2, R: 0.10}, 0.8086},
}

func TestBlackScholesPublished(t *testing.T) {
	for _, c := range publishedBSM {
		got, err := BlackScholes(c.typ, c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		// Published to four decimals: half a unit in the last place.
		if !scalar.EqualWithinAbs(got, c.value, 5e-5) {
			t.Errorf("%s: got %.6f, want %.4f", c.src, got, c.value)
		}
		r, _ := BlackScholesGreeks(c.typ, c.in)
		if r.Value != got {
			t.Errorf("%s: BlackScholesGreeks value %v != BlackScholes %v", c.src, r.Value, got)
		}
	}
}

// integratedValue is an independent reference: the discounted expected
// payoff under the lognormal law, integrated numerically over the standard
// normal variable z with 2000-point Gauss-Legendre on [-12, 12].
func integratedValue(typ OptionType, in Inputs) float64 {
	v := in.Sigma * math.Sqrt(in.T)
	mu := math.Log(in.S) + (in.R-in.Q-0.5*in.Sigma*in.Sigma)*in.T
	f := func(z float64) float64 {
		st := math.Exp(mu + v*z)
		pay := st - in.X
		if typ == Put {
			pay = -pay
		}
		return math.Max(pay, 0) * math.Exp(-0.5*z*z) / math.Sqrt(2*math.Pi)
	}
	// Split at the kink so the quadrature sees smooth pieces.
	k := (math.Log(in.X) - mu) / v
	k = math.Max(-12, math.Min(12, k))
	return math.Exp(-in.R*in.T) * (quad.Fixed(f, -12, k, 1000, quad.Legendre{}, 0) + quad.Fixed(f, k, 12, 1000, quad.Legendre{}, 0))
}

func TestBlackScholesIntegrated(t *testing.T) {
	cases := []Inputs{
		{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01},
		{S: 100, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02},
		{S: 50, X: 80, T: 0.5, Sigma: 0.6, R: 0.0, Q: 0.0},
		{S: 120, X: 80, T: 10, Sigma: 1.5, R: 0.03, Q: 0.06},
		{S: 90, X: 100, T: 2, Sigma: 3, R: 0.04, Q: 0},
	}
	for _, in := range cases {
		for _, typ := range []OptionType{Call, Put} {
			got, err := BlackScholes(typ, in)
			if err != nil {
				t.Fatal(err)
			}
			want := integratedValue(typ, in)
			if !scalar.EqualWithinAbsOrRel(got, want, 1e-6, 1e-6) {
				t.Errorf("%v %+v: got %.10f, integrated %.10f", typ, in, got, want)
			}
		}
	}
}

func TestPutCallParity(t *testing.T) {
	for _, in := range []Inputs{
		{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01},
		{S: 100, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02},
		{S: 10, X: 100, T: 0.1, Sigma: 0.05, R: -0.01, Q: 0.2},
		{S: 200, X: 1, T: 30, Sigma: 2.5, R: 0.1, Q: 0},
		{S: 100, X: 100, T: 0, Sigma: 0.3, R: 0.05, Q: 0},
		{S: 100, X: 90, T: 2, Sigma: 0, R: 0.05, Q: 0.01},
	} {
		c, _ := BlackScholes(Call, in)
		p, _ := BlackScholes(Put, in)
		fwd := in.S*math.Exp(-in.Q*in.T) - in.X*math.Exp(-in.R*in.T)
		if !scalar.EqualWithinAbsOrRel(c-p, fwd, 1e-12, 1e-12) {
			t.Errorf("%+v: C - P = %.15g, S e^-qT - X e^-rT = %.15g", in, c-p, fwd)
		}
	}
}

func TestBlackScholesGreeksFiniteDifference(t *testing.T) {
	for _, in := range []Inputs{
		{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01},
		{S: 60, X: 65, T: 0.25, Sigma: 0.3, R: 0.08, Q: 0.03},
		{S: 150, X: 100, T: 5, Sigma: 0.8, R: 0.02, Q: 0.05},
	} {
		for _, typ := range []OptionType{Call, Put} {
			r, err := BlackScholesGreeks(typ, in)
			if err != nil {
				t.Fatal(err)
			}
			v := func(f func(*Inputs)) float64 {
				x := in
				f(&x)
				p, _ := BlackScholes(typ, x)
				return p
			}
			hS, h := 1e-3*in.S, 1e-5
			delta := (v(func(x *Inputs) { x.S += hS }) - v(func(x *Inputs) { x.S -= hS })) / (2 * hS)
			gamma := (v(func(x *Inputs) { x.S += hS }) - 2*r.Value + v(func(x *Inputs) { x.S -= hS })) / (hS * hS)
			vega := (v(func(x *Inputs) { x.Sigma += h }) - v(func(x *Inputs) { x.Sigma -= h })) / (2 * h)
			theta := -(v(func(x *Inputs) { x.T += h }) - v(func(x *Inputs) { x.T -= h })) / (2 * h)
			rho := (v(func(x *Inputs) { x.R += h }) - v(func(x *Inputs) { x.R -= h })) / (2 * h)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"delta", r.Greeks.Delta, delta}, {"gamma", r.Greeks.Gamma, gamma}, {"vega", r.Greeks.Vega, vega}, {"theta", r.Greeks.Theta, theta}, {"rho", r.Greeks.Rho, rho}} {
				if !scalar.EqualWithinAbsOrRel(c.got, c.want, 1e-5, 1e-5) {
					t.Errorf("%v %+v %s: analytic %.10g, finite difference %.10g", typ, in, c.name, c.got, c.want)
				}
			}
		}
	}
}

func TestBlackScholesEdgeCases(t *testing.T) {
	cases := []struct {
		name     string
		typ      OptionType
		in       Inputs
		want     float64
		wantDelt float64
	}{
		// t = 0: intrinsic value.
		{"t=0 call ITM", Call, Inputs{S: 120, X: 100, Sigma: 0.3, R: 0.05}, 20, 1},
		{"t=0 put OTM", Put, Inputs{S: 120, X: 100, Sigma: 0.3, R: 0.05}, 0, 0},
		{"t=0 at the money", Call, Inputs{S: 100, X: 100, Sigma: 0.3}, 0, 0.5},
		// sigma = 0: discounted forward payoff 100 e^{-0.01} - 90 e^{-0.05}.
		{"sigma=0 call", Call, Inputs{S: 100, X: 90, T: 1, R: 0.05, Q: 0.01}, 100*math.Exp(-0.01) - 90*math.Exp(-0.05), math.Exp(-0.01)},
		{"sigma=0 put", Put, Inputs{S: 100, X: 90, T: 1, R: 0.05, Q: 0.01}, 0, 0},
		// S = 0 and X = 0.
		{"S=0 call", Call, Inputs{S: 0, X: 90, T: 1, Sigma: 0.3, R: 0.05}, 0, 0},
		{"S=0 put", Put, Inputs{S: 0, X: 90, T: 1, Sigma: 0.3, R: 0.05}, 90 * math.Exp(-0.05), -1},
		{"X=0 call", Call, Inputs{S: 100, X: 0, T: 2, Sigma: 0.3, R: 0.05, Q: 0.01}, 100 * math.Exp(-0.02), math.Exp(-0.02)},
		{"X=0 put", Put, Inputs{S: 100, X: 0, T: 2, Sigma: 0.3, R: 0.05, Q: 0.01}, 0, 0},
		{"S=X=0", Call, Inputs{T: 2, Sigma: 0.3}, 0, 0},
		// Tiny cumulative volatility: still the deterministic value.
		{"tiny sigma", Call, Inputs{S: 100, X: 90, T: 1, Sigma: 1e-300, R: 0.05}, 100 - 90*math.Exp(-0.05), 1},
	}
	for _, c := range cases {
		r, err := BlackScholesGreeks(c.typ, c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !scalar.EqualWithinAbsOrRel(r.Value, c.want, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(r.Greeks.Delta, c.wantDelt, 1e-12, 1e-12) {
			t.Errorf("%s: got value %v delta %v, want %v and %v", c.name, r.Value, r.Greeks.Delta, c.want, c.wantDelt)
		}
		g := r.Greeks
		vals := []float64{r.Value, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho}
		if c.in.T == 0 && c.in.S == c.in.X && c.in.S > 0 && c.in.Sigma > 0 {
			// Theta at the expiry kink is -dV/dT from above: -Inf
			// (expiryKinkTheta; TestExpiryKinkTheta).
			if !math.IsInf(g.Theta, -1) {
				t.Errorf("%s: theta %v, want -Inf", c.name, g.Theta)
			}
			vals = []float64{r.Value, g.Delta, g.Gamma, g.Vega, g.Rho}
		}
		for _, x := range vals {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%s: non-finite result %+v", c.name, r)
			}
		}
	}
}

func TestInputErrors(t *testing.T) {
	good := Inputs{S: 100, X: 100, T: 1, Sigma: 0.2, R: 0.05}
	cases := []struct {
		input string
		mod   func(*Inputs)
	}{
		{"S", func(in *Inputs) { in.S = -1 }},
		{"X", func(in *Inputs) { in.X = math.NaN() }},
		{"t", func(in *Inputs) { in.T = -0.5 }},
		{"sigma", func(in *Inputs) { in.Sigma = -0.1 }},
		{"sigma", func(in *Inputs) { in.Sigma = math.Inf(1) }},
		{"r", func(in *Inputs) { in.R = math.NaN() }},
		{"q", func(in *Inputs) { in.Q = math.Inf(-1) }},
		{"S", func(in *Inputs) { in.S = math.Inf(1) }},
	}
	for _, c := range cases {
		in := good
		c.mod(&in)
		_, err := BlackScholes(Call, in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Input != c.input {
			t.Errorf("%+v: got error %v, want an *InputError on %s", in, err, c.input)
			continue
		}
		if ie.Reason == "" || ie.Error() == "" {
			t.Errorf("%s: empty reason", c.input)
		}
		for name, f := range map[string]func() error{
			"greeks": func() error { _, err := BlackScholesGreeks(Put, in); return err },
			"crr":    func() error { _, err := CRR(Put, American, in, 100); return err },
			"lr":     func() error { _, err := LeisenReimer(Call, European, in, 101); return err },
			"value":  func() error { _, err := RealOption{Kind: Defer, Inputs: in}.Value(); return err },
		} {
			if err := f(); !errors.As(err, &ie) || ie.Input != c.input {
				t.Errorf("%s %+v: got %v, want an *InputError on %s", name, in, err, c.input)
			}
		}
	}
}

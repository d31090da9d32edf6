package valuation

import (
	"math"
	"testing"
)

// perpetual is the perpetual American call or put in closed form
// (McKean 1965; Merton 1973): with beta the root of
// sigma^2/2 b(b-1) + (r-q) b - r = 0 (positive for the call, negative for
// the put), S* = X beta/(beta-1) and V = (S* - X)(S/S*)^beta for the call,
// (X - S*)(S/S*)^beta for the put. At small sigma the exercise decision is
// settled within a short time (of order sigma^2/r^2), so an option of a
// year is its perpetual twin to far better than the 1% the test asks.
func perpetual(typ OptionType, s, x, sigma, r, q float64) float64 {
	a := sigma * sigma / 2
	bq := r - q - a
	disc := math.Sqrt(bq*bq + 4*a*r)
	beta := (-bq - disc) / (2 * a)
	if typ == Call {
		beta = (-bq + disc) / (2 * a)
	}
	trigger := x * beta / (beta - 1)
	if typ == Call {
		return (trigger - x) * math.Pow(s/trigger, beta)
	}
	return (x - trigger) * math.Pow(s/trigger, beta)
}

// TestALOGreeksSmallSigma: delta, gamma, vega and rho of the boundary
// method at sigma 0.001-0.01 against central differences of the
// perpetual option's closed form. An acceptance tester found delta -0.5
// (reference -0.368) and gamma 93 (368) at sigma 0.001, where the S bump
// of 1e-4 S straddled the boundary 0.001 away, and vega 5-45% high,
// where the sigma bump of 1e-3 was one-sided and as large as sigma.
func TestALOGreeksSmallSigma(t *testing.T) {
	type c struct {
		typ         OptionType
		sigma, r, q float64
	}
	var cases []c
	for _, sg := range []float64{0.001, 0.002, 0.005, 0.01} {
		cases = append(cases, c{Put, sg, 0.05, 0}, c{Call, sg, 0.02, 0.06})
	}
	for _, k := range cases {
		in := Inputs{S: 100, X: 100, T: 1, Sigma: k.sigma, R: k.r, Q: k.q}
		got, err := ALO(k.typ, in, ALOStandard)
		if err != nil {
			t.Fatalf("%v sigma %g: %v", k.typ, k.sigma, err)
		}
		ref := func(s, sg, r float64) float64 { return perpetual(k.typ, s, 100, sg, r, k.q) }
		v := ref(100, k.sigma, k.r)
		// V is a power of S: delta = beta V/S, gamma = beta(beta-1) V/S^2,
		// with beta = S dV/dS / V from a tiny relative step.
		hs, hv, hr := 1e-7, 1e-4*k.sigma, 1e-6
		beta := math.Log(ref(100*(1+hs), k.sigma, k.r)/ref(100*(1-hs), k.sigma, k.r)) / math.Log((1+hs)/(1-hs))
		want := Greeks{
			Delta: beta * v / 100,
			Gamma: beta * (beta - 1) * v / (100 * 100),
			Vega:  (ref(100, k.sigma+hv, k.r) - ref(100, k.sigma-hv, k.r)) / (2 * hv),
			Rho:   (ref(100, k.sigma, k.r+hr) - ref(100, k.sigma, k.r-hr)) / (2 * hr),
		}
		check := func(name string, g, w float64) {
			if math.Abs(g-w) > 0.01*math.Abs(w) {
				t.Errorf("%v sigma %g: %s %.6g, perpetual %.6g", k.typ, k.sigma, name, g, w)
			}
		}
		check("value", got.Value, v)
		check("delta", got.Greeks.Delta, want.Delta)
		check("gamma", got.Greeks.Gamma, want.Gamma)
		check("vega", got.Greeks.Vega, want.Vega)
		check("rho", got.Greeks.Rho, want.Rho)
	}
}

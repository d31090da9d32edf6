package valuation

import (
	"math"
	"testing"
)

// geskeQuadrature is the compound call by brute force, independent of
// the bivariate normal: e^{-r t1} E[max(C(S_t1) - K1, 0)], C the
// Black-Scholes-Merton call over T - t1, by a 20,000-point midpoint rule
// in z over [-10, 10] (+ sigma sqrt t1 at the top, where S_t1 grows like
// e^{sigma sqrt(t1) z}).
func geskeQuadrature(in Inputs, k1, t1 float64) float64 {
	s := in.Sigma * math.Sqrt(t1)
	mu := (in.R - in.Q - in.Sigma*in.Sigma/2) * t1
	inner := in
	inner.T = in.T - t1
	lo, hi := -10.0, 10+s
	const n = 20000
	h := (hi - lo) / n
	sum := 0.0
	for i := 0; i < n; i++ {
		z := lo + (float64(i)+0.5)*h
		st := in.S * math.Exp(mu+s*z)
		// The call in closed form here: BlackScholes rejects S beyond
		// MaxAmount, which S_t1 passes at sigma 5.
		c := math.Max(st-in.X, 0)
		if tau := inner.T; tau > 0 {
			v := in.Sigma * math.Sqrt(tau)
			d1 := (math.Log(st/in.X)+(in.R-in.Q)*tau)/v + v/2
			c = st*math.Exp(-in.Q*tau)*normCDF(d1) - in.X*math.Exp(-in.R*tau)*normCDF(d1-v)
		}
		sum += math.Max(c-k1, 0) * math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) * h
	}
	return math.Exp(-in.R*t1) * sum
}

// TestGeskeAtTheEdges: Geske's compound call against geskeQuadrature
// within 1e-6 of the value or 1e-8 of X (plus 1e-7 of S at sigma 2 or
// more, the midpoint rule's own error where S_t1 spreads over decades)
// at the edges: the stage date at 0, 1e-9 of t, half and the whole of t
// (stage deadline = final deadline: the call on S at X + K1), sigma 0.001
// to MaxSigma, r < 0, q > r, S and X small against each other.
func TestGeskeAtTheEdges(t *testing.T) {
	for _, sg := range []float64{0.001, 0.2, 2, MaxSigma} {
		for _, c := range []struct{ s, x, r, q float64 }{
			{100, 100, 0.05, 0}, {100, 100, -0.02, 0.1}, {1e-3, 100, 0.05, 0.02}, {100, 1e-3, 0.05, 0.02}, {80, 120, 0.1, 0.15},
		} {
			for _, frac := range []float64{1e-9, 0.5, 1 - 1e-9, 1} {
				T := 2.0
				if sg*math.Sqrt(T) > MaxCumVol {
					continue
				}
				in := Inputs{S: c.s, X: c.x, T: T, Sigma: sg, R: c.r, Q: c.q}
				k1, t1 := 0.1*c.x, frac*T
				got, err := Geske(in, k1, t1)
				if err != nil {
					t.Fatalf("%+v: %v", in, err)
				}
				want := geskeQuadrature(in, k1, t1)
				tol := smallVolTolTest(want, in.X)
				if sg >= 2 {
					tol += 1e-7 * in.S
				}
				if math.Abs(got-want) > tol {
					t.Errorf("%+v K1 %g t1 %g: Geske %.12g, quadrature %.12g", in, k1, t1, got, want)
				}
			}
		}
	}
}

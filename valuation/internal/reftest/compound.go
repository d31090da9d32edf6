// Package reftest holds independent references for the tests of valuation
// and its users: textbook computations that use none of the engine's code.
package reftest

import "math"

// CompoundCRR values a compound call, the option to pay k1 at time t1 for
// an American call on s at strike x expiring at t (continuous rate r,
// leakage q, volatility sigma), on the binomial lattice of Cox, Ross and
// Rubinstein (1979) with n steps: the stage date on the nearest step
// n1 = round(t1/t n) (an error of O(t/n)), the inner call American from
// n1 to n, max(inner - k1, 0) at n1, European before.
func CompoundCRR(s, x, t, sigma, r, q, k1, t1 float64, n int) float64 {
	dt := t / float64(n)
	n1 := int(math.Round(t1 / dt))
	u := math.Exp(sigma * math.Sqrt(dt))
	p := (math.Exp((r-q)*dt) - 1/u) / (u - 1/u)
	disc := math.Exp(-r * dt)
	price := func(i, j int) float64 { return s * math.Pow(u, float64(2*j-i)) }
	v := make([]float64, n+1)
	for j := 0; j <= n; j++ {
		v[j] = math.Max(price(n, j)-x, 0)
	}
	for i := n - 1; i >= 0; i-- {
		for j := 0; j <= i; j++ {
			c := disc * (p*v[j+1] + (1-p)*v[j])
			if i >= n1 {
				c = math.Max(c, price(i, j)-x)
			}
			v[j] = c
		}
		if i == n1 {
			for j := 0; j <= i; j++ {
				v[j] = math.Max(v[j]-k1, 0)
			}
		}
	}
	return v[0]
}

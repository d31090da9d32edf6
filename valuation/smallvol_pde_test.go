package valuation

import "math"

// pdePut is an independent reference for the American put at small sigma:
// the Black-Scholes-Merton equation in z = (ln S - ln S0)/(sigma sqrt T)
// and s = tau/T, V_s = V_zz/2 + lambda V_z - rT V with
// lambda = (r - q - sigma^2/2) sqrt(T)/sigma, on z in [-L, L] with
// L = 9 + |lambda| (the paths from z = 0 leave it with probability below
// 1e-18, so the edge values, max(payoff, European), do not matter),
// nz cells, Crank-Nicolson in s with four half steps of implicit Euler
// first (Rannacher), and the early-exercise constraint solved exactly in
// each step by Brennan and Schwartz's elimination (the exercise region of
// a put is one interval at low z). Central differences need
// |lambda| dz < 1, which callers keep.
func pdePut(s0, x, t, sig, r, q float64, nz, nt int) float64 {
	lam := (r - q - sig*sig/2) * math.Sqrt(t) / sig
	L := 9 + math.Abs(lam)
	dz := 2 * L / float64(nz)
	rt := r * t
	z := make([]float64, nz+1)
	g := make([]float64, nz+1)
	for i := range z {
		z[i] = -L + float64(i)*dz
		g[i] = math.Max(x-s0*math.Exp(sig*math.Sqrt(t)*z[i]), 0)
	}
	v := append([]float64(nil), g...)
	edge := func(i int, sv float64) float64 {
		e, _ := BlackScholes(Put, Inputs{S: s0 * math.Exp(sig*math.Sqrt(t)*z[i]), X: x, T: sv * t, Sigma: sig, R: r, Q: q})
		return math.Max(g[i], e)
	}
	// Operator: (A V)_i = lo V_{i-1} + di V_i + up V_{i+1}.
	lo := 0.5/(dz*dz) - lam/(2*dz)
	di := -1/(dz*dz) - rt
	up := 0.5/(dz*dz) + lam/(2*dz)
	bp := make([]float64, nz+1)
	dp := make([]float64, nz+1)
	rhs := make([]float64, nz+1)
	step := func(ds, theta float64, sNew float64) {
		// (I - theta ds A) V^{n+1} = (I + (1-theta) ds A) V^n.
		for i := 1; i < nz; i++ {
			rhs[i] = v[i] + (1-theta)*ds*(lo*v[i-1]+di*v[i]+up*v[i+1])
		}
		a, b, c := -theta*ds*lo, 1-theta*ds*di, -theta*ds*up
		v0, vn := edge(0, sNew), edge(nz, sNew)
		// Eliminate from the top.
		bp[nz-1] = b
		dp[nz-1] = rhs[nz-1] - c*vn
		for i := nz - 2; i >= 1; i-- {
			m := c / bp[i+1]
			bp[i] = b - m*a
			dp[i] = rhs[i] - m*dp[i+1]
		}
		v[0] = v0
		for i := 1; i < nz; i++ {
			v[i] = math.Max((dp[i]-a*v[i-1])/bp[i], g[i])
		}
		v[nz] = vn
	}
	ds := 1 / float64(nt)
	sNow := 0.0
	for k := 0; k < 4; k++ {
		sNow += ds / 2
		step(ds/2, 1, sNow)
	}
	for k := 2; k < nt; k++ {
		sNow += ds
		step(ds, 0.5, sNow)
	}
	// V at z = 0 (L/dz is a whole number of cells when nz is even).
	return v[nz/2]
}

package portfolio

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// refExercisedBy is the reference of TestMonitorClosedBand: the
// probability that the American call (put true: put) on S at X over T is
// exercised by h (risk-neutral drift), on a Cox-Ross-Rubinstein lattice
// (Cox, Ross and Rubinstein, "Option pricing: a simplified approach",
// Journal of Financial Economics 7, 1979) of n steps written out here:
// the lattice's own exercise decision at every node (payoff positive and
// at least the discounted expected value one step on), then the
// probability mass carried forward from the root with the lattice's
// probabilities, absorbed at the first exercised node, summed to the last
// step at or before h.
func refExercisedBy(put bool, S, X, T, sigma, r, q, h float64, n int) float64 {
	sgn := 1.0
	if put {
		sgn = -1
	}
	dt := T / float64(n)
	u := math.Exp(sigma * math.Sqrt(dt))
	d := 1 / u
	p := (math.Exp((r-q)*dt) - d) / (u - d)
	disc := math.Exp(-r * dt)
	ih := int(h/dt + 1e-9)
	pw := make([]float64, 2*n+1) // pw[n+k] = S u^k
	pw[n] = S
	for k := 1; k <= n; k++ {
		pw[n+k], pw[n-k] = pw[n+k-1]*u, pw[n-k+1]*d
	}
	node := func(i, j int) float64 { return pw[n+2*j-i] }
	v := make([]float64, n+1)
	for j := 0; j <= n; j++ {
		v[j] = math.Max(sgn*(node(n, j)-X), 0)
	}
	ex := make([][]bool, ih+1)
	for i := n - 1; i >= 0; i-- {
		if i <= ih {
			ex[i] = make([]bool, i+1)
		}
		for j := 0; j <= i; j++ {
			c := disc * (p*v[j+1] + (1-p)*v[j])
			e := sgn * (node(i, j) - X)
			if e > 0 && e >= c {
				c = e
				if i <= ih {
					ex[i][j] = true
				}
			}
			v[j] = c
		}
	}
	mass := []float64{1}
	if ex[0][0] {
		return 1
	}
	absorbed := 0.0
	for i := 1; i <= ih; i++ {
		next := make([]float64, i+1)
		for j, m := range mass {
			next[j] += (1 - p) * m
			next[j+1] += p * m
		}
		for j := range next {
			if ex[i][j] {
				absorbed += next[j]
				next[j] = 0
			}
		}
		mass = next
	}
	return absorbed
}

// TestMonitorClosedBand: a defer (call) option with two exercise
// boundaries (r < q < 0) whose band is closed today (t 10 at sigma 0.3:
// the boundaries meet near t 8.9) opens nearer the deadline; the share of
// paths exercised by the horizon h 3 (the time left falls to 7, band 273
// to 321) is the lattice's probability of reaching an exercised node by
// then (refExercisedBy at 2,000, 4,000 and 8,000 steps, extrapolated in
// n^{-1/2}, the lattice's discrete monitoring), within 4 standard errors
// of 20,000 paths plus the extrapolation's change (measured: 0.5635
// against 0.5643, 0.6153 against 0.6103; with 200,000 paths 0.5665 and
// 0.6107, se 0.0011); the put (q < r < 0) at S X^2/300 is its put-call
// symmetric twin. Every exercise is after the last date at which the
// band is closed and at an S within the band's hull over the dates. The
// monitor used not to watch such a leg at all: no path was exercised.
func TestMonitorClosedBand(t *testing.T) {
	const h = 3.0
	for _, c := range []struct {
		kind valuation.Kind
		in   valuation.Inputs
	}{
		{valuation.Defer, valuation.Inputs{S: 300, X: 100, T: 10, Sigma: 0.3, R: -0.05, Q: -0.01}},
		{valuation.Abandon, valuation.Inputs{S: 1e4 / 300, X: 100, T: 10, Sigma: 0.3, R: -0.01, Q: -0.05}},
	} {
		in := c.in
		put := c.kind == valuation.Abandon
		if closed, err := closedBand(put, in); err != nil || !closed {
			t.Fatalf("%v: band closed today %v, %v: the test wants it closed", c.kind, closed, err)
		}
		drift := in.R - in.Q - in.Sigma*in.Sigma/2
		mon, err := newMonitor(valuation.RealOption{Kind: c.kind, Inputs: in}, drift, h)
		if err != nil || mon == nil {
			t.Fatalf("%v: monitor %v, %v", c.kind, mon, err)
		}
		rng := rand.New(rand.NewPCG(3, 4))
		const paths = 20000
		hit := 0
		// The band's hull over the dates, and the last date it is closed.
		lo, hi, shut := math.Inf(1), 0.0, 0.0
		for k := range mon.t {
			if math.IsNaN(mon.lnB[k]) {
				shut = mon.t[k]
				continue
			}
			lo = math.Min(lo, math.Exp(math.Min(mon.lnB[k], mon.lnFar[k])))
			hi = math.Max(hi, math.Exp(math.Max(mon.lnB[k], mon.lnFar[k])))
		}
		for range paths {
			tc, s, ok := mon.cross(rng.NormFloat64(), rng)
			if !ok {
				continue
			}
			hit++
			if !(tc > shut && tc <= h) || s < lo*(1-1e-9) || s > hi*(1+1e-9) {
				t.Fatalf("%v: exercised at t %g, S %g: want %g < t <= %g (the band closed until %g) and S in the band's hull %g to %g", c.kind, tc, s, shut, h, shut, lo, hi)
			}
		}
		got := float64(hit) / paths
		se := math.Sqrt(got * (1 - got) / paths)
		var ref [3]float64
		for i, n := range [3]int{2000, 4000, 8000} {
			ref[i] = refExercisedBy(put, in.S, in.X, in.T, in.Sigma, in.R, in.Q, h, n)
		}
		want := ref[2] + (ref[2]-ref[1])/(math.Sqrt2-1)
		t.Logf("%v: exercised %.4f (se %.4f); lattice %.4f, %.4f, %.4f at 2,000 to 8,000 steps, extrapolated %.4f", c.kind, got, se, ref[0], ref[1], ref[2], want)
		if tol := 4*se + math.Abs(want-ref[2]); math.Abs(got-want) > tol {
			t.Errorf("%v: share exercised %.4f, want %.4f within %.4f", c.kind, got, want, tol)
		}
	}
}

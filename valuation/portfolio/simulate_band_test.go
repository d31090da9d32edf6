package portfolio

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// TestMonitorBeyondBand: a defer (call) option with two exercise
// boundaries (r < q < 0) whose S is above its exercise band today, or an
// abandon (put) option (q < r < 0) whose S is below its band, is watched
// on the band's far boundary, crossed back towards the band: the share of
// paths exercised before the horizon is the first-passage probability of
// the drifted Brownian motion ln S + mu t + sigma W to ln b (Harrison,
// "Brownian motion and stochastic flow systems", 1985, sect. 1.8: for a
// level a = |ln(S/b)| away, in the direction with drift m = -mu (down)
// or mu (up), P = N((-a + m h)/(sigma sqrt h)) +
// e^{2 m a/sigma^2} N((-a - m h)/(sigma sqrt h))), with b between the far
// boundary today and at the horizon (the band widens as the time left
// falls, so those bound it), within 4 standard errors of 20,000 paths;
// and every exercise is at a far boundary between those two. The monitor
// used to watch the near boundary, which S was already beyond: every path
// was exercised today at the near boundary's S.
func TestMonitorBeyondBand(t *testing.T) {
	const h = 0.25
	for _, c := range []struct {
		kind valuation.Kind
		in   valuation.Inputs
	}{
		{valuation.Defer, valuation.Inputs{S: 380, X: 100, T: 5, Sigma: 0.3, R: -0.05, Q: -0.01}},
		{valuation.Abandon, valuation.Inputs{S: 26.3, X: 100, T: 5, Sigma: 0.3, R: -0.01, Q: -0.05}},
	} {
		in := c.in
		put := c.kind == valuation.Abandon
		typ := exerciseType(put)
		o := valuation.RealOption{Kind: c.kind, Inputs: in}
		drift := in.R - in.Q - in.Sigma*in.Sigma/2
		b0, err := valuation.FarTrigger(typ, in)
		if err != nil {
			t.Fatal(err)
		}
		end := in
		end.T -= h
		b1, err := valuation.FarTrigger(typ, end)
		if err != nil {
			t.Fatal(err)
		}
		m := -drift // drift towards the boundary (down, for the call)
		if put {
			b0, b1, m = b1, b0, drift
		}
		// Now b0 <= b1 either way; S must be beyond both.
		if !(b0 > 0 && b0 <= b1) || !put && !(b1 < in.S) || put && !(b0 > in.S) {
			t.Fatalf("%v: far boundary %g to %g, S %g: the test wants S beyond both, the band widening", c.kind, b0, b1, in.S)
		}
		mon, err := newMonitor(o, drift, h)
		if err != nil || mon == nil {
			t.Fatalf("%v: monitor %v, %v", c.kind, mon, err)
		}
		pass := func(b float64) float64 {
			a, sd := math.Abs(math.Log(in.S/b)), in.Sigma*math.Sqrt(h)
			n := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
			return n((-a+m*h)/sd) + math.Exp(2*m*a/(in.Sigma*in.Sigma))*n((-a-m*h)/sd)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		const paths = 20000
		hit := 0
		for range paths {
			tc, s, ok := mon.cross(rng.NormFloat64(), rng)
			if !ok {
				continue
			}
			hit++
			if !(tc > 0 && tc <= h) || s < b0*(1-1e-9) || s > b1*(1+1e-9) {
				t.Fatalf("%v: exercised at t %g, S %g: want 0 < t <= %g and S on the far boundary, %g to %g", c.kind, tc, s, h, b0, b1)
			}
		}
		p := float64(hit) / paths
		se := math.Sqrt(p * (1 - p) / paths)
		lo, hi := pass(b0), pass(b1)
		if put {
			lo, hi = hi, lo // S is below: b0 is the nearer level, the likelier passage
		}
		t.Logf("%v: exercised %.4f (se %.4f); first passage to %.3f: %.4f, to %.3f: %.4f", c.kind, p, se, b0, pass(b0), b1, pass(b1))
		if p < lo-4*se || p > hi+4*se {
			t.Errorf("%v: share exercised %.4f, want within %.4f to %.4f (4 se %.4f)", c.kind, p, lo, hi, 4*se)
		}
	}
}

package valuation

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// crrRootExercises is the independent reference of the band tests: a
// Cox-Ross-Rubinstein lattice (Cox, Ross and Rubinstein, "Option pricing:
// a simplified approach", Journal of Financial Economics 7, 1979) of n
// steps for the American call (put true: put) on S at X over T, written
// out here and sharing nothing with the package's lattices, and whether it
// exercises at its root: the payoff is positive and at least the
// discounted expected value one step on.
func crrRootExercises(put bool, S, X, T, sigma, r, q float64, n int, v, pw []float64) bool {
	sgn := 1.0
	if put {
		sgn = -1
	}
	if sgn*(S-X) <= 0 {
		return false
	}
	dt := T / float64(n)
	u := math.Exp(sigma * math.Sqrt(dt))
	d := 1 / u
	p := (math.Exp((r-q)*dt) - d) / (u - d)
	disc := math.Exp(-r * dt)
	pu, pd := disc*p, disc*(1-p)
	// pw[k+n] = S u^k, k = -n..n: the node j of step i is S u^(2j-i).
	pw[n] = S
	for k := 1; k <= n; k++ {
		pw[n+k] = pw[n+k-1] * u
		pw[n-k] = pw[n-k+1] * d
	}
	for j := 0; j <= n; j++ {
		v[j] = math.Max(sgn*(pw[2*j]-X), 0)
	}
	for i := n - 1; i >= 1; i-- {
		w, row := v[:i+2], pw[n-i:]
		for j := 0; j <= i; j++ {
			c, e := pu*w[j+1]+pd*w[j], sgn*(row[2*j]-X)
			if e > c {
				c = e
			}
			w[j] = c
		}
	}
	return sgn*(S-X) >= pu*v[1]+pd*v[0]
}

// refBand is the reference band of the American call (put true: put) at
// X over T: a brute-force scan of S over a log grid of 161 points from
// just outside X to just outside X r/q (the bounds of the exercise region,
// see FarTrigger) with the reference lattice of 1,000 steps, which must
// exercise on one run of points (one band: the test fails otherwise),
// then each end bisected (to 1e-6 relative) on lattices of 1,000 and
// 4,000 steps, from the band's middle outwards, and extrapolated to
// infinitely many steps: the root decision's boundary converges like
// n^{-1/2} (on this lattice cleanly: successive differences at 1,000 to
// 16,000 steps in the ratio 0.71 at r -0.05, q -0.01, sigma 0.2, t 1), so
// b = 2 b_4000 - b_1000. ok is false when the scan finds no exercise.
// near is the end nearest the money (X), far the other. Without refine
// they are the first and last exercised points of the scan, within its
// spacing (1% of S for r/q = 5) of the lattice's.
func refBand(t *testing.T, put bool, X, T, sigma, r, q float64, refine bool) (near, far float64, ok bool) {
	t.Helper()
	ex := func(n int) func(float64) bool {
		v, pw := make([]float64, n+1), make([]float64, 2*n+1)
		return func(s float64) bool { return crrRootExercises(put, s, X, T, sigma, r, q, n, v, pw) }
	}
	coarse := ex(1000)
	a, b := math.Log(X*0.995), math.Log(X*r/q*1.005)
	if put {
		a, b = math.Log(X*1.005), math.Log(X*r/q/1.005)
	}
	const m = 160
	s := func(k int) float64 { return math.Exp(a + (b-a)*float64(k)/m) }
	first, last := -1, -1
	for k := 0; k <= m; k++ {
		if coarse(s(k)) {
			if first < 0 {
				first = k
			} else if last != k-1 {
				t.Fatalf("reference lattice exercises at S %g and %g but not between: not one band", s(last), s(k))
			}
			last = k
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	if first == 0 || last == m {
		t.Fatalf("reference band reaches the scan's end: %g to %g", s(first), s(last))
	}
	if !refine {
		return s(first), s(last), true
	}
	mid := math.Sqrt(s(first) * s(last))
	edge := func(out float64) float64 {
		var e [2]float64
		for i, n := range [2]int{1000, 4000} {
			f := ex(n)
			if f(out) || !f(mid) {
				t.Fatalf("reference lattice of %d steps: exercise at %g %v, at the band's middle %g %v", n, out, f(out), mid, f(mid))
			}
			o, in := out, mid
			for math.Abs(o-in) > 1e-6*in {
				if h := 0.5 * (o + in); f(h) {
					in = h
				} else {
					o = h
				}
			}
			e[i] = in
		}
		return 2*e[1] - e[0]
	}
	return edge(s(max(first-3, 0))), edge(s(min(last+3, m))), true
}

// TestTwoBoundaryBandAgainstScan: with two exercise boundaries (calls with
// r < q < 0, puts with q < r < 0) at sigma > 0, Trigger (PutTrigger) is
// the band's boundary nearest the money and FarTrigger the other, within
// 1e-3 of the boundary (relative) of the brute-force scan of a reference
// lattice (refBand). The largest difference measured is 3.2e-4, on the
// near boundary at t 5 and 8.5, where the reference's own near end moves
// most with its step count (its far end, extrapolated from 1,000 and
// 4,000 steps, is within 1e-5 of that from 2,000 and 8,000 at the first
// case). Just before the two boundaries meet (t 8.5: a band 2.5% wide) it
// holds too; where they have met (t 12) the reference exercises nowhere
// and there is no trigger. The put's search used to start from S = 0,
// below its band, and found no trigger.
func TestTwoBoundaryBandAgainstScan(t *testing.T) {
	cases := []struct {
		typ            OptionType
		r, q, sigma, t float64
	}{
		{Call, -0.05, -0.01, 0.2, 1},
		{Call, -0.02, -0.01, 0.1, 0.7},
		{Call, -0.05, -0.01, 0.3, 5},
		{Call, -0.03, -0.02, 0.05, 2},
		{Put, -0.01, -0.05, 0.2, 2},
		{Put, -0.01, -0.03, 0.15, 0.5},
		{Call, -0.05, -0.01, 0.3, 8.5}, // a narrow band (300.6 to 308.3), about to close
		{Call, -0.05, -0.01, 0.3, 12},
		{Put, -0.01, -0.05, 0.3, 12},
	}
	const tol = 1e-3
	for _, c := range cases {
		put := c.typ == Put
		in := Inputs{S: 100, X: 100, T: c.t, Sigma: c.sigma, R: c.r, Q: c.q}
		wantNear, wantFar, ok := refBand(t, put, in.X, in.T, in.Sigma, in.R, in.Q, true)
		near, err := DefaultTrigger(put, in)
		if err != nil {
			t.Fatalf("%v %+v: %v", c.typ, in, err)
		}
		far, err := FarTrigger(c.typ, in)
		if err != nil {
			t.Fatalf("%v %+v: %v", c.typ, in, err)
		}
		if !ok {
			none := math.Inf(1)
			if put {
				none = 0
			}
			if near != none || far != 0 {
				t.Errorf("%v r %g q %g sigma %g t %g: the reference exercises nowhere, but trigger %g, far %g", c.typ, c.r, c.q, c.sigma, c.t, near, far)
			}
			continue
		}
		t.Logf("%v r %g q %g sigma %g t %g: band near %.6g (ref %.6g, %.1e), far %.6g (ref %.6g, %.1e)", c.typ, c.r, c.q, c.sigma, c.t,
			near, wantNear, near/wantNear-1, far, wantFar, far/wantFar-1)
		if math.Abs(near/wantNear-1) > tol || math.Abs(far/wantFar-1) > tol {
			t.Errorf("%v r %g q %g sigma %g t %g: trigger %g, far %g; reference %g, %g", c.typ, c.r, c.q, c.sigma, c.t, near, far, wantNear, wantFar)
		}
		if lt, err := LatticeTrigger(c.typ, in); err != nil || lt != near {
			t.Errorf("LatticeTrigger %g (%v), want the trigger %g", lt, err, near)
		}
	}
}

// TestTwoBoundaryRegionRule: with two exercise boundaries the region rule
// says "invest now" (region 1, with no time-value allowance) exactly where
// a reference lattice of 4,000 steps (crrRootExercises) exercises at time
// 0: inside the band, not below it and not above it (the old rule, which
// read one trigger, said region 1 for every S above the lower boundary),
// for a defer option (call), an expand option (call on e S) and an
// abandon option (put). The points are at least 1% of S from the band's
// ends (refBand's scan, within 1%), far beyond both methods' errors.
func TestTwoBoundaryRegionRule(t *testing.T) {
	th := DefaultThresholds()
	th.InvestNowPremium = 0
	const n = 4000
	v, pw := make([]float64, n+1), make([]float64, 2*n+1)
	cases := []struct {
		kind           Kind
		r, q, sigma, t float64
	}{
		{Defer, -0.05, -0.01, 0.2, 1},
		{Expand, -0.02, -0.01, 0.1, 0.7},
		{Abandon, -0.01, -0.05, 0.2, 2},
	}
	for _, c := range cases {
		put := c.kind == Abandon
		X, e := 100.0, 1.0
		if c.kind == Expand {
			e = 1.5
		}
		near, far, ok := refBand(t, put, X, c.t, c.sigma, c.r, c.q, false)
		if !ok {
			t.Fatalf("%v: the reference exercises nowhere", c.kind)
		}
		lo, hi := math.Min(near, far), math.Max(near, far)
		// Underlying values below, inside and above the band, with
		// NPVq > 1 and NPV > 0 (else the region rule does not read the
		// trigger).
		for _, u := range []float64{lo / 1.05, lo * 1.02, math.Sqrt(lo * hi), hi / 1.02, hi * 1.02, hi * 1.2, hi * 2} {
			if put && (u >= X || X*math.Exp(-c.r*c.t)/u <= 1) || !put && u/(X*math.Exp(-c.r*c.t)) <= 1 {
				continue
			}
			o := RealOption{Kind: c.kind, Inputs: Inputs{S: u / e, X: X, T: c.t, Sigma: c.sigma, R: c.r, Q: c.q}}
			if c.kind == Expand {
				o.ExpandFactor = e
			}
			p, err := Place(o, th)
			if err != nil {
				t.Fatalf("%v S %g: %v", c.kind, o.S, err)
			}
			want := crrRootExercises(put, u, X, c.t, c.sigma, c.r, c.q, n, v, pw)
			if got := p.Region == RegionInvestNow; got != want {
				t.Errorf("%v underlying %g (band %.5g to %.5g): region %v (%s), reference lattice exercises: %v", c.kind, u, lo, hi, p.Region, p.Explain(th, fmtTest), want)
			}
			// The reason names the band, and says that waiting pays again
			// only beyond its far end (above it for a call, below it for a
			// put), not on the side of the money.
			ex := p.Explain(th, fmtTest)
			farSide := !put && u > hi || put && u < lo
			if !strings.Contains(ex, "exercise band") || strings.Contains(ex, "waiting pays again") != (farSide && !want) {
				t.Errorf("%v underlying %g (band %.5g to %.5g): reason %q", c.kind, u, lo, hi, ex)
			}
		}
	}
}

func fmtTest(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

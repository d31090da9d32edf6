package valuation

import (
	"math"
	"testing"
)

// refBreakEvenSigma is the reference break-even volatility of the American
// call at S, X, T, r, q: the sigma at which the reference lattice
// (crrRootExercises) stops exercising at its root, bisected to 1e-6 on
// lattices of 1,000 and 4,000 steps and extrapolated like its boundaries
// (refBand: 2 s_4000 - s_1000). A brute-force scan of sigma from 0.01 to
// 1.5 on the 1,000-step lattice first checks that the exercised sigmas
// are one run from the scan's start (the exercise region shrinks as sigma
// grows): the test fails otherwise.
func refBreakEvenSigma(t *testing.T, S, X, T, r, q float64) float64 {
	t.Helper()
	ex := func(n int) func(float64) bool {
		v, pw := make([]float64, n+1), make([]float64, 2*n+1)
		return func(sg float64) bool { return crrRootExercises(false, S, X, T, sg, r, q, n, v, pw) }
	}
	f := ex(1000)
	last := -1
	for k := 1; k <= 150; k++ {
		if f(0.01 * float64(k)) {
			if last != k-1 && last >= 0 || last < 0 && k > 1 {
				t.Fatalf("reference exercises at sigma %g, not one run from 0.01", 0.01*float64(k))
			}
			last = k
		}
	}
	if last < 1 || last == 150 {
		t.Fatalf("reference: exercised up to sigma %g of the scan 0.01-1.5", 0.01*float64(last))
	}
	var e [2]float64
	for i, n := range [2]int{1000, 4000} {
		g := ex(n)
		lo, hi := 0.01*float64(last-2), 0.01*float64(last+2)
		if !g(lo) || g(hi) {
			t.Fatalf("reference of %d steps: exercise at sigma %g %v, at %g %v", n, lo, g(lo), hi, g(hi))
		}
		for hi-lo > 1e-6 {
			if m := 0.5 * (lo + hi); g(m) {
				lo = m
			} else {
				hi = m
			}
		}
		e[i] = hi
	}
	return 2*e[1] - e[0]
}

// TestBreakEvenTwoBoundaries: with two exercise boundaries (a call with
// r < q < 0) investing now pays inside a band of S, Trigger to
// FarTrigger, so for an interval of X.
//
// BreakEvenVolatility is the sigma at which S leaves the band: within
// 2e-3 (absolute) of the reference lattice's (refBreakEvenSigma) at S
// near the band's lower end, in its middle and near its upper end;
// 0 above X r/q (outside the band at sigma = 0); at that sigma S is on
// one of the band's ends (1e-3 relative); measured within 1.4e-4 of the
// reference. The old rule (S at or above the trigger) gave the sigma at
// which the band closes, 0.582, for S 400 and 480 (reference 0.366 and
// 0.080: S leaves through the band's upper end), and for S 600 beyond
// X r/q = 500.
//
// BreakEvenInvestment is the interval [S/FarTrigger(1), S/Trigger(1)]:
// its ends against the reference band (refBand) at X = 1, 1e-3
// relative, and a brute-force scan of X at S on the reference lattice
// of 1,000 steps: exercised at every X of the scan inside the interval
// and at none outside, apart from X within 1% of an end (the 1,000-step
// lattice's own boundary error). The old function returned only the upper
// end, as if every smaller X paid.
func TestBreakEvenTwoBoundaries(t *testing.T) {
	const X, T, r, q = 100.0, 1.0, -0.05, -0.01
	for _, S := range []float64{135, 250, 400, 480} {
		in := Inputs{S: S, X: X, T: T, Sigma: 0.2, R: r, Q: q}
		sv, err := BreakEvenVolatility(in)
		if err != nil {
			t.Fatal(err)
		}
		ref := refBreakEvenSigma(t, S, X, T, r, q)
		x := in
		x.Sigma = sv
		near, _ := Trigger(x)
		far, _ := FarTrigger(Call, x)
		t.Logf("S %g: break-even sigma %.5f, reference %.5f (%+.1e); band there %.3f to %.3f", S, sv, ref, sv-ref, near, far)
		if math.Abs(sv-ref) > 2e-3 {
			t.Errorf("S %g: break-even sigma %.5f, reference %.5f", S, sv, ref)
		}
		if d := math.Min(math.Abs(near/S-1), math.Abs(far/S-1)); d > 1e-3 {
			t.Errorf("S %g: at the break-even sigma %.5f the band is %g to %g, S on neither end (%.1e)", S, sv, near, far, d)
		}
	}
	if v, err := BreakEvenVolatility(Inputs{S: 600, X: X, T: T, Sigma: 0.2, R: r, Q: q}); err != nil || v != 0 {
		t.Errorf("S 600 above X r/q = 500: break-even sigma %v, %v; want 0 (waiting pays at sigma 0)", v, err)
	}

	for _, c := range []struct{ S, sigma float64 }{{200, 0.2}, {150, 0.1}, {300, 0.3}} {
		in := Inputs{S: c.S, X: X, T: T, Sigma: c.sigma, R: r, Q: q}
		lo, hi, err := BreakEvenInvestment(in)
		if err != nil {
			t.Fatal(err)
		}
		rn, rf, ok := refBand(t, false, 1, T, c.sigma, r, q, true)
		if !ok {
			t.Fatalf("S %g sigma %g: reference has no band", c.S, c.sigma)
		}
		wlo, whi := c.S/rf, c.S/rn
		t.Logf("S %g sigma %g: invest now for X %.4f to %.4f, reference %.4f to %.4f", c.S, c.sigma, lo, hi, wlo, whi)
		if math.Abs(lo/wlo-1) > 1e-3 || math.Abs(hi/whi-1) > 1e-3 {
			t.Errorf("S %g sigma %g: X %.4f to %.4f, reference %.4f to %.4f", c.S, c.sigma, lo, hi, wlo, whi)
		}
		const n = 1000
		v, pw := make([]float64, n+1), make([]float64, 2*n+1)
		for k := 0; k <= 120; k++ {
			xk := lo * 0.5 * math.Pow(2*1.5*hi/lo, float64(k)/120) // 0.5 low to 1.5 high
			if math.Abs(xk/lo-1) < 0.01 || math.Abs(xk/hi-1) < 0.01 {
				continue
			}
			want := xk > lo && xk < hi
			if got := crrRootExercises(false, c.S, xk, T, c.sigma, r, q, n, v, pw); got != want {
				t.Errorf("S %g sigma %g X %.4f: reference exercises %v, interval %.4f to %.4f says %v", c.S, c.sigma, xk, got, lo, hi, want)
			}
		}
	}
	// At sigma 0 the band is X to X r/q: X from S q/r to S.
	if lo, hi, err := BreakEvenInvestment(Inputs{S: 200, X: X, T: T, R: r, Q: q}); err != nil || math.Abs(lo-40) > 1e-9 || math.Abs(hi-200) > 1e-9 {
		t.Errorf("sigma 0: X %v to %v, %v; want 40 to 200", lo, hi, err)
	}
	// A closed band (t 12): no X.
	if lo, hi, err := BreakEvenInvestment(Inputs{S: 200, X: X, T: 12, Sigma: 0.3, R: r, Q: q}); err != nil || lo != 0 || hi != 0 {
		t.Errorf("closed band: X %v to %v, %v; want 0, 0", lo, hi, err)
	}
}

package valuation

import (
	"math"
	"testing"
)

// TestTwoBoundaryTriggerAtZeroSigma: with two exercise boundaries (a call
// with r < q < 0, a put with q < r < 0) and sigma = 0 the trigger is X,
// the boundary nearest the money (deterministically, exercising now beats
// every later date exactly for S between X and X r/q: d/dtau of the
// discounted payoff at tau = 0 changes sign at S = X r/q and keeps it). It
// must be the limit of the lattice's trigger as sigma -> 0, and Place must
// value and place such an option instead of refusing it.
func TestTwoBoundaryTriggerAtZeroSigma(t *testing.T) {
	cases := []struct {
		typ  OptionType
		r, q float64
	}{{Call, -0.02, -0.01}, {Call, -0.05, -0.01}, {Put, -0.01, -0.02}, {Put, -0.01, -0.05}}
	for _, c := range cases {
		in := Inputs{S: 50, X: 21, T: 0.7, Sigma: 0, R: c.r, Q: c.q}
		f := Trigger
		if c.typ == Put {
			f = PutTrigger
		}
		got, err := f(in)
		if err != nil {
			t.Fatalf("%v r %g q %g: %v", c.typ, c.r, c.q, err)
		}
		if got != in.X {
			t.Errorf("%v r %g q %g: trigger %g, want X = %g", c.typ, c.r, c.q, got, in.X)
		}
		// The other boundary is X r/q, at sigma = 0 exactly and as the
		// limit of the lattice's (at sigma 1e-4 the CRR lattice of
		// crrFar is not defined, p outside (0, 1): the Leisen-Reimer
		// lattice's far boundary is used).
		rq := in.X * c.r / c.q
		for _, sigma := range []float64{0, 1e-4} {
			x := in
			x.Sigma = sigma
			far, err := FarTrigger(c.typ, x)
			if err != nil || math.Abs(far-rq) > 2e-3*rq || sigma == 0 && far != rq {
				t.Errorf("%v r %g q %g sigma %g: far trigger %g (%v), want X r/q = %g", c.typ, c.r, c.q, sigma, far, err, rq)
			}
		}
		// The lattice trigger at small sigma tends to X, the call's and
		// the put's (whose search started from S = 0, below the band
		// [X r/q, X), and found no exercise there until the band search).
		in.Sigma = 1e-4
		lim, err := f(in)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(lim-in.X) > 2e-3*in.X {
			t.Errorf("%v r %g q %g: trigger at sigma 1e-4 is %g, far from X = %g", c.typ, c.r, c.q, lim, in.X)
		}
	}
	// The tester's case: S 50, X 21, t 0.7, r -0.02, q -0.01, sigma 0.
	// Deterministic value max over tau of 50 e^{0.01 tau} - 21 e^{0.02 tau}
	// on [0, 0.7]: the derivative 0.5 e^{0.01 tau} - 0.42 e^{0.02 tau} is
	// positive throughout, so tau = 0.7.
	o := RealOption{Kind: Defer, Inputs: Inputs{S: 50, X: 21, T: 0.7, Sigma: 0, R: -0.02, Q: -0.01}}
	p, err := Place(o, DefaultThresholds())
	if err != nil {
		t.Fatalf("Place: %v", err)
	}
	want := 50*math.Exp(0.01*0.7) - 21*math.Exp(0.02*0.7)
	if math.Abs(p.Value-want) > 1e-12*want {
		t.Errorf("value %.15g, want %.15g", p.Value, want)
	}
	if p.Trigger != 21 {
		t.Errorf("trigger %g, want 21", p.Trigger)
	}
}

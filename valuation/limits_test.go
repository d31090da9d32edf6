package valuation

import (
	"math"
	"testing"
)

// detAmerican is an independent reference for the sigma = 0 value of an
// American option: the best of e^{-r tau} payoff(S e^{(r-q) tau}) over a
// grid of 200001 exercise dates tau in [0, T] (brute force; the grid error
// at an interior maximum is below f” dtau^2 / 8, about 1e-10 here).
func detAmerican(payoff func(s float64) float64, in Inputs) float64 {
	const n = 200000
	best := 0.0
	for k := 0; k <= n; k++ {
		tau := in.T * float64(k) / n
		v := math.Exp(-in.R*tau) * payoff(in.S*math.Exp((in.R-in.Q)*tau))
		best = math.Max(best, v)
	}
	return best
}

// TestDeterministicExerciseTime: with sigma = 0 an American option is
// exercised at the deterministic optimal time tau* = ln(qS/(rX))/(q - r)
// when that is inside (0, T). The reported cases: a call S 180, X 100, t 5,
// r 0.10, q 0.05 is worth 81 (tau* = 2.107), not 80 now; a put S 60, X 100,
// t 5, r 0.05, q 0.10 is worth 41.667 (tau* = 3.646), not 41.488 at expiry.
// Both LR and CRR, against the closed form e^{-r tau*}(±(S e^{(r-q)tau*} - X))
// (tolerance 1e-12 relative) and the brute-force grid (1e-9).
func TestDeterministicExerciseTime(t *testing.T) {
	for _, c := range []struct {
		typ  OptionType
		in   Inputs
		want float64
	}{
		{Call, Inputs{S: 180, X: 100, T: 5, R: 0.10, Q: 0.05}, 81},
		{Put, Inputs{S: 60, X: 100, T: 5, R: 0.05, Q: 0.10}, 125.0 / 3},
	} {
		in := c.in
		tau := math.Log(in.Q*in.S/(in.R*in.X)) / (in.Q - in.R)
		sgn := 1.0
		if c.typ == Put {
			sgn = -1
		}
		closed := math.Exp(-in.R*tau) * sgn * (in.S*math.Exp((in.R-in.Q)*tau) - in.X)
		if math.Abs(closed-c.want) > 1e-12*c.want {
			t.Fatalf("closed form %.15g, want %.15g", closed, c.want)
		}
		brute := detAmerican(func(s float64) float64 { return math.Max(sgn*(s-in.X), 0) }, in)
		if math.Abs(brute-closed) > 1e-9 {
			t.Fatalf("brute force %.12f against closed form %.12f", brute, closed)
		}
		for name, f := range map[string]func(OptionType, Style, Inputs, int) (Result, error){"LR": LeisenReimer, "CRR": CRR} {
			r, err := f(c.typ, American, in, 201)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(r.Value-closed) > 1e-12*closed {
				t.Errorf("%s %s sigma=0: %.12f, closed form %.12f (tau* = %.4f)", name, c.typ, r.Value, closed, tau)
			}
		}
		// Small sigma converges to it: the lattice value lies in
		// [V0 (1 - 1e-6), V0 + 200 sigma^2]. The excess is second order in
		// sigma (0.017 at sigma = 0.01 and 0.15 at 0.03 on a 4001-step
		// lattice); the 1e-6 below allows for the lattice exercising only on
		// its dates, every dt = T/n, which misses tau* by up to dt/2 and
		// costs |f''| dt^2 / 8, below 1e-7 of V0 here.
		for _, s := range []float64{1e-12, 1e-8, 1e-6, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2} {
			in.Sigma = s
			for _, n := range []int{201, 1001, 4001} {
				lr, err := LeisenReimerValue(c.typ, American, in, n)
				if err != nil || lr < closed-1e-6*closed || lr > closed+200*s*s+1e-9*closed {
					t.Errorf("LR %s sigma=%g n=%d: %.10f (%v), want in [%.10f (1 - 1e-6), +200 sigma^2]", c.typ, s, n, lr, err, closed)
				}
				// CRR where its probability is defined (sigma sqrt(dt) > |r-q| dt).
				if s*math.Sqrt(in.T/float64(n)) > math.Abs(in.R-in.Q)*in.T/float64(n) {
					cr, err := CRRValue(c.typ, American, in, n)
					if err != nil || cr < closed-1e-6*closed || cr > closed+200*s*s+1e-9*closed {
						t.Errorf("CRR %s sigma=%g n=%d: %.10f (%v), want in [%.10f (1 - 1e-6), +200 sigma^2]", c.typ, s, n, cr, err, closed)
					}
				}
			}
		}
	}
}

// TestEveryKindLimits: with sigma = 0 every kind is worth its best
// deterministic exercise, e^{-r tau} payoff(S e^{(r-q) tau}) maximised over
// tau (brute force over 200001 dates, detAmerican), and with t = 0 its
// payoff now. Staged: the pilot is paid at t1 when the deterministic
// American second stage from there is worth more than K1. Tolerance 1e-6 of
// S (the brute-force grid error is below 1e-9).
func TestEveryKindLimits(t *testing.T) {
	for _, in := range []Inputs{
		{S: 180, X: 100, T: 5, R: 0.10, Q: 0.05},
		{S: 60, X: 100, T: 5, R: 0.05, Q: 0.10},
		{S: 100, X: 90, T: 3, R: 0.04, Q: 0},
		{S: 100, X: 120, T: 2, R: -0.01, Q: 0.03},
		{S: 90, X: 100, T: 4, R: 0.06, Q: -0.02},
	} {
		const e, c, salv, k1 = 0.6, 0.3, 70.0, 8.0
		t1 := in.T / 3
		pays := map[Kind]func(s float64) float64{
			Defer:    func(s float64) float64 { return math.Max(s-in.X, 0) },
			Expand:   func(s float64) float64 { return math.Max(e*s-in.X, 0) },
			Abandon:  func(s float64) float64 { return math.Max(in.X-s, 0) },
			Contract: func(s float64) float64 { return math.Max(in.X-c*s, 0) },
			Choose: func(s float64) float64 {
				return math.Max(math.Max(e*s-in.X, c*(in.X-s)), math.Max(salv-s, 0))
			},
		}
		for _, kind := range []Kind{Defer, Expand, Abandon, Contract, Choose, Staged} {
			o := RealOption{Kind: kind, Inputs: in, ExpandFactor: e, ContractFactor: c, Salvage: salv, StageCost: k1, StageT: t1}
			var want float64
			if kind == Staged {
				inner := in
				inner.S = in.S * math.Exp((in.R-in.Q)*t1)
				inner.T = in.T - t1
				v := detAmerican(func(s float64) float64 { return math.Max(s-in.X, 0) }, inner)
				want = math.Exp(-in.R*t1) * math.Max(v-k1, 0)
			} else {
				want = detAmerican(pays[kind], in)
			}
			r, err := o.Value()
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(r.Value-want) > 1e-6*in.S {
				t.Errorf("%s %+v sigma=0: %.9f, deterministic %.9f (%s)", kind, in, r.Value, want, r.Method)
			}
			// sigma -> 0: the value converges to the deterministic one
			// (within 1e-5 S + 200 sigma^2, the second-order excess
			// measured for the plain lattices above).
			for _, sg := range []float64{1e-12, 1e-6, 1e-3} {
				o.Sigma = sg
				if r, err := o.Value(); err != nil || math.Abs(r.Value-want) > 1e-5*in.S+200*sg*sg {
					t.Errorf("%s %+v sigma=%g: %.9f (%v), deterministic %.9f", kind, in, sg, r.Value, err, want)
				}
			}
			// t -> 0: the payoff now.
			o.T, o.StageT = 0, 0
			now := 0.0
			if kind == Staged {
				now = math.Max(math.Max(in.S-in.X, 0)-k1, 0)
			} else {
				now = pays[kind](in.S)
			}
			o.Sigma = 0.3
			if r, err := o.Value(); err != nil || math.Abs(r.Value-now) > 1e-12*in.S {
				t.Errorf("%s %+v t=0: %.12f (%v), payoff %.12f", kind, in, r.Value, err, now)
			}
			// Small t: the time value is at most about 0.4 sigma sqrt(t) S
			// (the at-the-money value), plus what drift and rates add over t.
			for _, tt := range []float64{1e-8, 1e-5} {
				o.T, o.StageT = tt, tt/2
				tol := (0.4*o.Sigma*math.Sqrt(tt) + 2*tt) * in.S
				if r, err := o.Value(); err != nil || r.Value < now-1e-9*in.S || r.Value > now+tol {
					t.Errorf("%s %+v t=%g: %.12f (%v), payoff %.12f (+%.2g)", kind, in, tt, r.Value, err, now, tol)
				}
			}
		}
	}
}

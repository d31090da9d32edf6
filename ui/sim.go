package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// simLeg is one initiative in the simulation.
type simLeg struct {
	id, name string
	// u is the underlying and c the cost of its position; t, sigma, r, q its
	// inputs; put marks put-like kinds.
	u, c, t, sigma, r, q float64
	put                  bool
	// trigger is the early-exercise trigger S* at the horizon (calls).
	trigger float64
}

// simResult is a finished simulation.
type simResult struct {
	// Totals are the simulated portfolio values: the discounted exercise
	// values at each deadline, summed over the initiatives that count.
	Totals []float64
	// Names and Regions: Regions[i][g] is the share of paths on which
	// initiative i is in region g (1..6) at the horizon; put-like
	// initiatives have none (all zero).
	Names   []string
	Regions [][7]float64
	// Horizon is the review horizon in years.
	Horizon float64
	// European is the sum of the legs' European values, the mean the
	// totals converge to.
	European float64
}

// simLegs returns the legs of the initiatives that count in the total.
func simLegs(v *portfolio.Valuation, horizon float64) ([]simLeg, error) {
	var legs []simLeg
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if !r.Counts() {
			continue
		}
		pos := r.Position
		l := simLeg{id: r.ID, name: r.Name, u: pos.Underlying, c: pos.Cost, t: r.T, sigma: r.Sigma, r: r.R, q: r.Q, put: pos.PutLike}
		if !l.put {
			tau := math.Max(l.t-horizon, 0)
			tr, err := valuation.Trigger(valuation.Inputs{S: l.u, X: l.c, T: tau, Sigma: l.sigma, R: l.r, Q: l.q})
			if err != nil {
				tr = math.Inf(1)
			}
			l.trigger = tr
		}
		legs = append(legs, l)
	}
	if len(legs) == 0 {
		return nil, errors.New("no initiative counts in the portfolio's value: nothing to simulate")
	}
	return legs, nil
}

// simulate draws n paths of every leg's underlying, risk-neutrally and
// independently across legs: first to the review horizon h (or the
// deadline when sooner), where the leg's region is read, then on to the
// deadline, where its discounted exercise value e^{-rt} max(S_T - C, 0)
// (max(C - S_T, 0) for put-like kinds) is added to the path's total:
//
//	S_h = U exp((r - q - σ²/2) h + σ √h Z1),  S_T = S_h exp((r - q - σ²/2)(t - h) + σ √(t - h) Z2)
//
// The region at h uses the metrics of the option then: NPVq = S_h/(C e^{-rτ}),
// σ√τ with τ = t - h, NPV = S_h - C, the European value and the trigger S*
// for τ. progress is called with the share done; ctx cancels.
func simulate(ctx context.Context, legs []simLeg, th valuation.Thresholds, n int, h float64, seed uint64, progress func(float64)) (*simResult, error) {
	if n < 2 || n > 10_000_000 {
		return nil, fmt.Errorf("simulations: %d, want 2 to 10000000", n)
	}
	if !(h >= 0) || h > 100 {
		return nil, fmt.Errorf("horizon: %g years, want 0 to 100", h)
	}
	res := &simResult{Totals: make([]float64, n), Regions: make([][7]float64, len(legs)), Horizon: h}
	for _, l := range legs {
		res.Names = append(res.Names, l.name)
		typ := valuation.Call
		if l.put {
			typ = valuation.Put
		}
		e, err := valuation.BlackScholes(typ, valuation.Inputs{S: l.u, X: l.c, T: l.t, Sigma: l.sigma, R: l.r, Q: l.q})
		if err == nil {
			res.European += e
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	const batch = 2000
	for k := 0; k < n; k++ {
		if k%batch == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(float64(k) / float64(n))
			}
		}
		total := 0.0
		for i, l := range legs {
			hh := math.Min(h, l.t)
			tau := l.t - hh
			mu := l.r - l.q - l.sigma*l.sigma/2
			sh := l.u * math.Exp(mu*hh+l.sigma*math.Sqrt(hh)*rng.NormFloat64())
			st := sh * math.Exp(mu*tau+l.sigma*math.Sqrt(tau)*rng.NormFloat64())
			disc := math.Exp(-l.r * l.t)
			if l.put {
				total += disc * math.Max(l.c-st, 0)
				continue
			}
			total += disc * math.Max(st-l.c, 0)
			res.Regions[i][regionAt(sh, l, tau, th)]++
		}
		res.Totals[k] = total
	}
	for i := range res.Regions {
		for g := range res.Regions[i] {
			res.Regions[i][g] /= float64(n)
		}
	}
	if progress != nil {
		progress(1)
	}
	return res, nil
}

// regionAt is the region of a call-like leg whose underlying is s with tau
// years left.
func regionAt(s float64, l simLeg, tau float64, th valuation.Thresholds) valuation.Region {
	pv := l.c * math.Exp(-l.r*tau)
	pos := valuation.Position{NPVq: s / pv, CumVol: l.sigma * math.Sqrt(tau), NPV: s - l.c, Trigger: l.trigger,
		Underlying: s, Cost: l.c}
	if pos.NPVq > 1 && pos.NPV > 0 {
		v, err := valuation.BlackScholes(valuation.Call, valuation.Inputs{S: s, X: l.c, T: tau, Sigma: l.sigma, R: l.r, Q: l.q})
		if err != nil {
			v = pos.NPV
		}
		pos.Value = math.Max(v, pos.NPV)
	}
	g := valuation.RegionOf(pos, th)
	if g < 1 || g > 6 {
		return 6
	}
	return g
}

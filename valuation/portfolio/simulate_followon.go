package portfolio

import (
	"math"
	"math/rand/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// Follow-ons in the simulation. The engine counts a gate A -> B (and a
// follow-on link) by adding to A the compound option on B that exercising A
// opens (compoundValue), B not counted again; with further children
// riding along at their own value with follow-ons (linkGraph.apply). The
// portfolio total is then the sum, over the initiatives that count and
// those counted inside them, of each one's stand-alone value, except that
// the child a parent compounds contributes the compound value instead.
// The simulation values each leg that way at the horizon.

// simTree says, for each initiative of v, whether the simulation counts
// it (it counts, or it is counted inside one that does, through gates and
// follow-on links) and, for a child compounded by its parent, the parent's
// index (-1 when none).
func simTree(p *model.Portfolio, v *Valuation) (include []bool, parent []int) {
	n := len(v.Initiatives)
	include = make([]bool, n)
	parent = make([]int, n)
	for i := range parent {
		parent[i] = -1
	}
	g, err := newLinkGraph(p)
	if err != nil {
		g = nil
	}
	// The compounded child of each parent is, of the children it counts,
	// the first with the largest S (apply's stable sort).
	if g != nil {
		for pi := range v.Initiatives {
			a := &v.Initiatives[pi]
			best := -1
			for _, c := range g.children[pi] {
				if b := &v.Initiatives[c]; usable(b) && b.CountedIn == a.ID && (best < 0 || b.S > v.Initiatives[best].S) {
					best = c
				}
			}
			if best >= 0 && usable(a) {
				parent[best] = pi
			}
		}
	}
	state := make([]int8, n) // 0 unknown, 1 in, 2 out, 3 visiting
	var in func(i int) bool
	in = func(i int) bool {
		switch state[i] {
		case 1:
			return true
		case 2, 3:
			return false
		}
		state[i] = 3
		r := &v.Initiatives[i]
		ok := usable(r) && r.opt != nil
		if ok {
			if r.CountedIn == "" {
				ok = r.ExcludedBy == ""
			} else {
				j, found := v.index[r.CountedIn]
				ok = found && in(j)
			}
		}
		state[i] = 2
		if ok {
			state[i] = 1
		}
		return ok
	}
	for i := range include {
		include[i] = in(i)
	}
	return include, parent
}

// followOn sets up leg l (initiative b, the child its parent a compounds)
// to contribute at the horizon the compound value a counts instead of b's
// own value, and returns that contribution today (compoundValue).
//
// The compound's first-stage price K1 = max(X_A - F_A, 0), F_A =
// S_A e^{(r - q_A) t_A}, t_A = min(t_A, t_B), is taken at A's forward:
// the value at the horizon of A's forward to t_A is today's, so K1 is
// today's and the compound is a function of S_B alone (A's own
// uncertainty in K1 is not simulated). Then at the horizon h:
//
//   - K1 = 0: B's own value (A pays for itself and opens B as it is);
//   - B a call (defer, expand), t_A > h: the staged option on B with the
//     time left (stage cost K1 at t_A - h), valued on a grid of 64 values
//     of S_B as the stand-alone values are; B is then not monitored for
//     early exercise, since it cannot be exercised before A;
//   - B a call, t_A <= h (A decides before the horizon): A is exercised at
//     t_A when B's value then, C_B(S_B(t_A)) with the time left t_B - t_A,
//     exceeds K1 (the compound's exercise rule), else B lapses with A and
//     contributes 0. Exercised, B contributes its value at the horizon
//     less K1 carried from t_A at r: where B is never exercised early its
//     own path after t_A (S_B(t_A) on the Brownian bridge to its end),
//     else C_B(S_B(t_A)) carried at r, its expected value at the horizon
//     under the risk-neutral measure (B's spread from t_A to h is then
//     left out of the distribution, not of the mean). B is not exercised
//     before t_A. The discounted mean is so today's compound value, the
//     grid's error apart (see gateAt);
//   - B of another kind: compoundValue decides today, B worth
//     V_B - K1 e^{-r t_A} when that is positive, else 0: the leg is B's
//     own, K1 carried to the horizon at r subtracted when today's
//     compound is positive, and 0 on every path when it is not.
func followOn(l *leg, a, b *InitiativeResult, h float64, steps int) (float64, error) {
	today := compoundValue(a, b)
	tA := math.Min(a.T, b.T)
	k1 := math.Max(a.X-a.S*math.Exp((a.R-a.Q)*tA), 0)
	if k1 == 0 {
		return today, nil
	}
	callLike := b.Kind == model.KindDefer || b.Kind == model.KindExpand
	if !callLike {
		if today == 0 {
			l.lapsed = true
			l.now, l.mon = false, nil
			return 0, nil
		}
		l.k1 = k1 * math.Exp(b.R*(h-tA))
		l.hasK1 = true
		return today, nil
	}
	if tA > h {
		scale := 1.0
		if b.S > 0 {
			scale = b.Position.Underlying / b.S
		}
		st := valuation.RealOption{Kind: valuation.Staged, Inputs: valuation.Inputs{
			X: b.Position.Cost, T: b.T - h, Sigma: b.Sigma, R: b.R, Q: b.Q}, StageCost: k1, StageT: tA - h}
		f, err := gridValue(*l, h, func(s float64) (float64, error) {
			x := st
			x.S = scale * s
			v, _, err := x.ValueOnly()
			return v, err
		})
		if err != nil {
			return 0, err
		}
		l.comp = f
		l.mon = nil
		return today, nil
	}
	g, err := newGateAt(l, b, tA, k1, h, steps)
	if err != nil {
		return 0, err
	}
	l.gate = g
	l.now, l.mon = false, nil
	return today, nil
}

// gateAt is the decision of a call-like leg's compounding parent at t,
// before the horizon (see followOn).
type gateAt struct {
	t, span float64 // the decision date and the end of the leg's path, min(h, T_B)
	k1      float64 // the first-stage price, paid at t
	carry   float64 // e^{r_B (h - t)}
	// value is B's value at t (time left T_B - t) as a function of S_B(t).
	value func(s, lns float64) float64
	// path is set when B is never exercised early: after t the leg follows
	// its own path; else B's value at t is carried to the horizon.
	path bool
}

// newGateAt prepares the decision at tA <= h of leg l's (initiative b's)
// parent, first-stage price k1.
func newGateAt(l *leg, b *InitiativeResult, tA, k1, h float64, steps int) (*gateAt, error) {
	g := &gateAt{t: tA, span: math.Min(h, b.T), k1: k1, carry: math.Exp(b.R * (h - tA)), path: l.mon == nil && !l.now}
	left := b.T - tA
	if left <= 1e-12 {
		// A decides at B's deadline: B's value is its exercise value.
		g.value = func(s, _ float64) float64 { return l.payoff(s) }
		g.path = true
		return g, nil
	}
	at := *b.opt
	at.T = left
	f, err := valueAt(at, *l, tA, steps)
	if err != nil {
		return nil, err
	}
	g.value = f
	return g, nil
}

// gated draws the value at the horizon of a leg whose parent decides at
// l.gate.t, before the horizon, and records its region: 0 when the parent
// lapses (region 0, B lapses with it).
func (l *leg) gated(z, h float64, a *legAcc, rng *rand.Rand) float64 {
	g := l.gate
	// W(t) on the Brownian bridge to W(span) = sqrt(span) z.
	w := math.Sqrt(g.span) * z
	if g.t < g.span {
		w = g.t/g.span*w + math.Sqrt(g.t*(g.span-g.t)/g.span)*rng.NormFloat64()
	}
	x := l.drift*g.t + l.vol*w
	s := l.s0 * math.Exp(x)
	c := g.value(s, l.lns0+x)
	if !(c > g.k1) {
		a.region[0]++
		return 0
	}
	if g.path {
		return l.stand(z, h, a, rng) - g.k1*g.carry
	}
	if c <= l.payoff(s)*(1+1e-9) {
		// B is exercised as soon as A opens it.
		if l.tau <= 0 {
			a.region[0]++
		} else {
			a.region[valuation.RegionInvestNow]++
		}
		a.exercised++
	} else {
		l.stand(z, h, a, rng) // B's region at the horizon
	}
	return (c - g.k1) * g.carry
}

package portfolio

import (
	"math"

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
//   - t_A > h and B a call (defer, expand): the staged option on B with the
//     time left (stage cost K1 at t_A - h), valued on a grid of 64 values
//     of S_B as the stand-alone values are; B is then not monitored for
//     early exercise, since it cannot be exercised before A;
//   - t_A > h and B of another kind: max(V_B - K1 e^{-r (t_A - h)}, 0), as
//     compoundValue counts it;
//   - t_A <= h (A decides before the horizon): max(V_B - K1 e^{r (h - t_A)}, 0)
//     with V_B B's simulated value at the horizon (monitored as any leg):
//     A's decision is taken at the horizon, the price carried to it.
func followOn(l *leg, a, b *InitiativeResult, h float64, steps int) (float64, error) {
	today := compoundValue(a, b)
	tA := math.Min(a.T, b.T)
	k1 := math.Max(a.X-a.S*math.Exp((a.R-a.Q)*tA), 0)
	if k1 == 0 {
		return today, nil
	}
	callLike := b.Kind == model.KindDefer || b.Kind == model.KindExpand
	if tA > h && callLike {
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
	l.k1 = k1 * math.Exp(b.R*(h-tA))
	l.hasK1 = true
	if tA > h {
		l.mon = nil
	}
	return today, nil
}

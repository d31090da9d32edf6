package portfolio

import (
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// applyLinks adds follow-on values along gate and follow-on links and marks
// the losers of each excludes set. See the package documentation.
func applyLinks(p *model.Portfolio, v *Valuation) {
	for i := range v.Initiatives {
		v.Initiatives[i].WithFollowOns = v.Initiatives[i].Position.Value
	}
	children := map[string][]string{}
	for _, l := range p.Links {
		if l.Kind == model.LinkGates || l.Kind == model.LinkFollowOn {
			children[l.From] = append(children[l.From], l.To)
		}
	}
	for _, parentID := range childrenFirst(children) {
		a := v.ByID(parentID)
		if !usable(a) {
			continue
		}
		var kids []*InitiativeResult
		for _, id := range children[parentID] {
			if b := v.ByID(id); usable(b) && b.CountedIn == "" {
				kids = append(kids, b)
			}
		}
		if len(kids) == 0 {
			continue
		}
		// The largest follow-on is compounded with A's stage; further ones
		// ride along at their own value.
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].S > kids[j].S })
		fo := compoundValue(a, kids[0]) + kids[0].FollowOn
		for _, b := range kids[1:] {
			fo += b.WithFollowOns
		}
		a.FollowOn = fo
		a.WithFollowOns = a.Position.Value + fo
		for _, b := range kids {
			b.CountedIn = a.ID
		}
	}
	markExcluded(p, v)
}

func usable(r *InitiativeResult) bool {
	return r != nil && r.Err == nil && r.Status == model.StatusOpen
}

// compoundValue is the value of the option on b that exercising a opens:
// Geske's call on a call on S_B (strike X_B, expiry t_B), whose first-stage
// price at t_A is the part of A's investment that A's own cash flows do not
// recover, K1 = max(X_A - F_A, 0) with F_A = S_A exp((r-q_A) t_A). With
// K1 = 0 it is B's plain call value.
func compoundValue(a, b *InitiativeResult) float64 {
	tA := math.Min(a.T, b.T)
	fA := a.S * math.Exp((a.R-a.Q)*tA)
	k1 := a.X - fA
	inB := valuation.Inputs{S: b.S, X: b.X, T: b.T, Sigma: b.Sigma, R: b.R, Q: b.Q}
	cB, err := valuation.BlackScholes(valuation.Call, inB)
	if err != nil {
		return 0
	}
	if k1 <= 0 {
		return cB
	}
	if tA <= 0 {
		return math.Max(cB-k1, 0)
	}
	g, err := valuation.Geske(inB, k1, tA)
	if err != nil {
		return 0
	}
	return g
}

// childrenFirst orders the parents of follow-on links so that every parent
// comes after its children's own follow-ons (a post-order walk); a cycle,
// which validation refuses, is broken where it is met.
func childrenFirst(children map[string][]string) []string {
	parents := make([]string, 0, len(children))
	for id := range children {
		parents = append(parents, id)
	}
	sort.Strings(parents)
	seen := map[string]bool{}
	var order []string
	var walk func(id string)
	walk = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		for _, c := range children[id] {
			walk(c)
		}
		if _, ok := children[id]; ok {
			order = append(order, id)
		}
	}
	for _, id := range parents {
		walk(id)
	}
	return order
}

// markExcluded counts only the best (highest value with follow-ons) of each
// set of initiatives joined by excludes links.
func markExcluded(p *model.Portfolio, v *Valuation) {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == "" || parent[x] == x {
			parent[x] = x
			return x
		}
		root := find(parent[x])
		parent[x] = root
		return root
	}
	for _, l := range p.Links {
		if l.Kind != model.LinkExcludes || v.ByID(l.From) == nil || v.ByID(l.To) == nil {
			continue
		}
		parent[find(l.From)] = find(l.To)
	}
	sets := map[string][]*InitiativeResult{}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if _, linked := parent[r.ID]; linked {
			root := find(r.ID)
			sets[root] = append(sets[root], r)
		}
	}
	for _, set := range sets {
		var best *InitiativeResult
		for _, r := range set {
			if usable(r) && (best == nil || r.WithFollowOns > best.WithFollowOns) {
				best = r
			}
		}
		if best == nil {
			continue
		}
		for _, r := range set {
			if r != best {
				r.ExcludedBy = best.ID
			}
		}
	}
}

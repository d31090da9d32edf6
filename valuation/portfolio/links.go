package portfolio

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// CycleError reports gate and follow-on links that form a cycle, so that
// no initiative can be exercised first. Drivers are plain numbers and
// formulas only read drivers, so links are the only place a cycle can
// arise in the dependency graph of drivers, formulas and links.
type CycleError struct {
	// Path is the cycle as initiative IDs, the first repeated at the end.
	Path []string
	// Names are the initiatives' names along Path.
	Names []string
}

func (e *CycleError) Error() string {
	return "portfolio: gates and follow-on links form a cycle: " + strings.Join(e.Names, " -> ")
}

// linkGraph is a portfolio's links by initiative index.
type linkGraph struct {
	children [][]int // gate and follow-on links: parent -> children
	order    []int   // parents, each after the parents below it
	excludes [][]int // sets joined by excludes links
	memo     map[compoundKey]float64
}

// newLinkGraph indexes p's links; links to unknown initiatives are
// ignored (validation reports them). It returns a *CycleError when gate
// and follow-on links form a cycle.
func newLinkGraph(p *model.Portfolio) (*linkGraph, error) {
	idx := make(map[string]int, len(p.Initiatives))
	for i, in := range p.Initiatives {
		idx[in.ID] = i
	}
	g := &linkGraph{children: make([][]int, len(p.Initiatives)), memo: map[compoundKey]float64{}}
	next := map[string][]string{}
	ds := newDisjointSets(len(p.Initiatives))
	inExcl := make([]bool, len(p.Initiatives))
	for _, l := range p.Links {
		a, okA := idx[l.From]
		b, okB := idx[l.To]
		if !okA || !okB || a == b {
			continue
		}
		switch l.Kind {
		case model.LinkGates, model.LinkFollowOn:
			g.children[a] = append(g.children[a], b)
			next[l.From] = append(next[l.From], l.To)
		case model.LinkExcludes:
			ds.union(a, b)
			inExcl[a], inExcl[b] = true, true
		}
	}
	if cyc := model.FindCycle(next); cyc != nil {
		e := &CycleError{Path: cyc}
		for _, id := range cyc {
			e.Names = append(e.Names, fmt.Sprintf("%q", p.Initiatives[idx[id]].Name))
		}
		return nil, e
	}
	// Post-order: children's own follow-ons first.
	seen := make([]bool, len(p.Initiatives))
	var walk func(i int)
	walk = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		for _, c := range g.children[i] {
			walk(c)
		}
		if len(g.children[i]) > 0 {
			g.order = append(g.order, i)
		}
	}
	for i := range p.Initiatives {
		walk(i)
	}
	sets := map[int][]int{}
	for i := range p.Initiatives {
		if inExcl[i] {
			r := ds.find(i)
			sets[r] = append(sets[r], i)
		}
	}
	roots := make([]int, 0, len(sets))
	for r := range sets {
		roots = append(roots, r)
	}
	sort.Ints(roots)
	for _, r := range roots {
		g.excludes = append(g.excludes, sets[r])
	}
	return g, nil
}

// apply adds follow-on values along gate and follow-on links and marks the
// losers of each excludes set. See the package documentation.
func (g *linkGraph) apply(v *Valuation) {
	if len(g.memo) > 4*len(v.Initiatives)+1024 {
		clear(g.memo)
	}
	var kids []*InitiativeResult
	for _, pi := range g.order {
		a := &v.Initiatives[pi]
		if !usable(a) {
			continue
		}
		kids = kids[:0]
		for _, c := range g.children[pi] {
			if b := &v.Initiatives[c]; usable(b) && b.CountedIn == "" {
				kids = append(kids, b)
			}
		}
		if len(kids) == 0 {
			continue
		}
		// The largest follow-on is compounded with A's stage; further ones
		// ride along at their own value.
		sort.SliceStable(kids, func(i, j int) bool { return kids[i].S > kids[j].S })
		fo := g.compound(a, kids[0]) + kids[0].FollowOn
		a.FollowOnNote = clampNote(a, kids[0])
		for _, b := range kids[1:] {
			fo += b.WithFollowOns
		}
		a.FollowOn = fo
		a.WithFollowOns = a.Position.Value + fo
		for _, b := range kids {
			b.CountedIn = a.ID
		}
	}
	for _, set := range g.excludes {
		var best *InitiativeResult
		for _, i := range set {
			if r := &v.Initiatives[i]; usable(r) && (best == nil || r.WithFollowOns > best.WithFollowOns) {
				best = r
			}
		}
		if best == nil {
			continue
		}
		for _, i := range set {
			if r := &v.Initiatives[i]; r != best {
				r.ExcludedBy = best.ID
			}
		}
	}
}

func usable(r *InitiativeResult) bool {
	return r != nil && r.Err == nil && r.Status == model.StatusOpen
}

// compoundKey is every input of compoundValue.
type compoundKey struct {
	aS, aX, aT, aR, aQ             float64
	bKind                          model.OptionKind
	bU, bC, bT, bSigma, bR, bQ, bV float64
}

func (g *linkGraph) compound(a, b *InitiativeResult) float64 {
	k := compoundKey{a.S, a.X, a.T, a.R, a.Q, b.Kind, b.Position.Underlying, b.Position.Cost, b.T, b.Sigma, b.R, b.Q, b.Position.Value}
	if v, ok := g.memo[k]; ok {
		return v
	}
	v := compoundValue(a, b)
	g.memo[k] = v
	return v
}

// compoundValue is the value of the option on b that exercising a opens,
// valued at today: a compound call on b (a staged option in valuation's
// terms: Geske's closed form when b's call is never exercised early, else
// with an American second stage) on b's underlying (strike b's cost,
// expiry t_B), whose first-stage price at t_A is the part of A's investment
// that A's own cash flows do not recover, K1 = max(X_A - F_A, 0) with
// F_A = S_A exp((r-q_A) t_A). With K1 = 0 it is B's own value, whatever
// B's kind. For a staged, put-like or choose B (no closed form for an
// option on it) it is max(V_B - K1 exp(-r t_A), 0).
func compoundValue(a, b *InitiativeResult) float64 {
	tA := math.Min(a.T, b.T)
	fA := a.S * math.Exp((a.R-a.Q)*tA)
	k1 := math.Max(a.X-fA, 0)
	if k1 == 0 {
		// A pays for itself: exercising it opens B as it is.
		return b.Position.Value
	}
	callLike := b.Kind == model.KindDefer || b.Kind == model.KindExpand
	if !callLike {
		return math.Max(b.Position.Value-k1*math.Exp(-b.R*tA), 0)
	}
	inB := valuation.Inputs{S: b.Position.Underlying, X: b.Position.Cost, T: b.T, Sigma: b.Sigma, R: b.R, Q: b.Q}
	v, _, err := valuation.RealOption{Kind: valuation.Staged, Inputs: inB, StageCost: k1, StageT: tA}.ValueOnly()
	if err != nil {
		return 0
	}
	return v
}

// clampNote says when a's decision date falls after b's deadline, so that
// the compound is valued with a's decision at b's deadline; "" otherwise.
func clampNote(a, b *InitiativeResult) string {
	if a.T <= b.T {
		return ""
	}
	return fmt.Sprintf("%s decides %.2f years from the as-of date, after the deadline of %s (%.2f years): the follow-on is valued with the decision at %s's deadline", a.Name, a.T, b.Name, b.T, b.Name)
}

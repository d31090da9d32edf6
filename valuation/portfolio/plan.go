package portfolio

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// DefaultPeriodMonths is the length of a review period when none is given:
// from the as-of date to the next review.
const DefaultPeriodMonths = 6

// FundingItem is one open initiative in a funding plan, with what funding
// it now and keeping it open are worth.
type FundingItem struct {
	ID, Name string
	// Cost is what funding it spends in the period: X, or the stage cost
	// of a staged initiative; 0 for contract and abandon (they give up S
	// for X and spend nothing).
	Cost float64
	// Fund is the value of investing now: Position.NPV (S - X for a plain
	// initiative); for a staged one the call left after paying the first
	// stage now, less the stage cost. The follow-on options it opens are
	// counted by the initiatives it gates, which funding unlocks.
	Fund float64
	// Keep is the option value kept open (with follow-ons), 0 when the
	// deadline falls on or before the period's end (Lapses).
	Keep float64
	// Lapses reports that the decision deadline (the stage deadline of a
	// staged initiative) falls inside the period, on or before its end
	// (DueBy, the rule of DecisionsDue): kept, it is lost.
	Lapses bool
	// Passed reports that the deadline has already passed on the day the
	// plan is made (DeadlinePassed on FundingOptions.On): the initiative
	// has lapsed. It cannot be funded (Blocked), Fund and Keep are 0 and
	// it is in the plan's Lapse.
	Passed bool
	// Must and Never fix the choice; Blocked items cannot be funded
	// (gated by an initiative that is neither open nor invested, or
	// excluded by one already invested).
	Must, Never, Blocked bool
}

// Gate is a gate or follow-on link between two items of a funding
// problem: Child can be funded (and counts when kept) only if Parent is
// funded in the plan.
type Gate struct{ Parent, Child int }

// FundingProblem is the data of a funding plan: the open initiatives that
// could be valued, the excludes sets and the gates between them (gates
// from initiatives already invested are satisfied and left out).
type FundingProblem struct {
	// AsOf is the day the review period starts: FundingOptions.On, or the
	// valuation's as-of date when that is zero. PeriodEnd is its end.
	AsOf, PeriodEnd model.Date
	Items           []FundingItem
	// Excludes are sets of item indices of which at most one is funded.
	Excludes [][]int
	Gates    []Gate
}

// FundingOptions say how a funding problem is built from a valuation.
type FundingOptions struct {
	// On is the day the plan is made, the start of the review period (a
	// report dated after the as-of date); zero means the valuation's as-of
	// date. An initiative whose deadline (stage deadline when staged) has
	// passed on On (DeadlinePassed) has lapsed: it cannot be funded and
	// counts 0 (FundingItem.Passed). On must not be before the as-of date.
	On model.Date
	// PeriodEnd is the next review; zero means DefaultPeriodMonths after
	// the valuation's as-of date.
	PeriodEnd model.Date
	// Must and Never are initiative IDs or names to fund and not to fund.
	Must, Never []string
}

// NewFundingProblem builds the funding problem of portfolio p from its
// valuation v (Evaluate with links, or Engine.Result). Initiatives that are
// not open or could not be valued are out of the plan. It fails on an
// unknown or contradictory Must / Never name (or a Must whose deadline has
// passed on opt.On), on opt.On before the as-of date and on a period that
// ends before its start.
func NewFundingProblem(p *model.Portfolio, v *Valuation, opt FundingOptions) (*FundingProblem, error) {
	if p == nil || v == nil {
		return nil, errors.New("portfolio: funding plan needs a portfolio and its valuation")
	}
	asOf := v.AsOf
	if asOf.IsZero() {
		asOf = p.AsOf
	}
	end := opt.PeriodEnd
	if end.IsZero() {
		end = asOf.AddMonths(DefaultPeriodMonths)
	}
	start := asOf
	if !opt.On.IsZero() {
		if opt.On.Before(asOf.Time) {
			return nil, fmt.Errorf("portfolio: funding plan dated %s, before the valuation's as-of date %s", opt.On, asOf)
		}
		start = opt.On
	}
	if end.Before(start.Time) {
		if start.Equal(asOf.Time) {
			return nil, fmt.Errorf("portfolio: review period ends %s, before the as-of date %s", end, asOf)
		}
		return nil, fmt.Errorf("portfolio: review period ends %s, before its start %s", end, start)
	}
	fp := &FundingProblem{AsOf: start, PeriodEnd: end}
	item := map[string]int{} // initiative ID -> item index
	status := map[string]model.Status{}
	for i := range p.Initiatives {
		status[p.Initiatives[i].ID] = p.Initiatives[i].Status
	}
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Status != model.StatusOpen || r.Err != nil {
			continue
		}
		in := p.Initiative(r.ID)
		if in == nil {
			continue
		}
		it := FundingItem{ID: r.ID, Name: r.Name, Cost: r.X, Fund: r.Position.NPV, Keep: r.WithFollowOns}
		deadline := in.Deadline
		switch r.Kind {
		case model.KindContract, model.KindAbandon:
			it.Cost = 0
		case model.KindStaged:
			it.Cost = in.StageCost
			if !in.StageDeadline.IsZero() {
				deadline = in.StageDeadline
			}
			if o, ok := r.Option(); ok {
				call, err := valuation.RealOption{Kind: valuation.Defer, Inputs: o.Inputs}.Value()
				if err != nil {
					continue
				}
				it.Fund = call.Value - in.StageCost
			}
		}
		if DueBy(deadline, end) {
			it.Lapses, it.Keep = true, 0
		}
		if DeadlinePassed(deadline, start) {
			// Lapsed before the period starts: nothing to fund or keep.
			it.Passed, it.Lapses, it.Blocked, it.Fund, it.Keep = true, true, true, 0, 0
		}
		item[r.ID] = len(fp.Items)
		fp.Items = append(fp.Items, it)
	}
	// Excludes sets over items (union-find), and gates.
	ds := newDisjointSets(len(fp.Items))
	var investedExcl []int // items excluded by an invested initiative
	for _, l := range p.Links {
		a, okA := item[l.From]
		b, okB := item[l.To]
		switch l.Kind {
		case model.LinkExcludes:
			switch {
			case okA && okB && a != b:
				ds.union(a, b)
			case okA && !okB && status[l.To] == model.StatusInvested:
				investedExcl = append(investedExcl, a)
			case okB && !okA && status[l.From] == model.StatusInvested:
				investedExcl = append(investedExcl, b)
			}
		case model.LinkGates, model.LinkFollowOn:
			switch {
			case okA && okB && a != b:
				fp.Gates = append(fp.Gates, Gate{Parent: a, Child: b})
			case okB && !okA && status[l.From] != model.StatusInvested:
				fp.Items[b].Blocked = true
			}
		}
	}
	sets := map[int][]int{}
	for i := range fp.Items {
		sets[ds.find(i)] = append(sets[ds.find(i)], i)
	}
	for i := range fp.Items {
		if s := sets[i]; len(s) > 1 {
			fp.Excludes = append(fp.Excludes, s)
		}
	}
	for _, a := range investedExcl {
		for _, m := range sets[ds.find(a)] {
			fp.Items[m].Blocked = true
		}
	}
	lookup := func(name string) (int, error) {
		if k, ok := item[name]; ok {
			return k, nil
		}
		for k := range fp.Items {
			if strings.EqualFold(fp.Items[k].Name, name) {
				return k, nil
			}
		}
		if in := p.InitiativeByName(name); in != nil {
			return 0, fmt.Errorf("initiative %q is %s, not open: it is out of the plan", name, in.Status)
		}
		return 0, fmt.Errorf("no open initiative %q in portfolio %q", name, p.Name)
	}
	for _, n := range opt.Must {
		k, err := lookup(n)
		if err != nil {
			return nil, err
		}
		if fp.Items[k].Passed {
			return nil, fmt.Errorf("initiative %q cannot be funded: its deadline passed before %s (it has lapsed)", fp.Items[k].Name, fp.AsOf)
		}
		if fp.Items[k].Blocked {
			return nil, fmt.Errorf("initiative %q cannot be funded: what gates it is not open or an alternative is already invested", fp.Items[k].Name)
		}
		fp.Items[k].Must = true
	}
	for _, n := range opt.Never {
		k, err := lookup(n)
		if err != nil {
			return nil, err
		}
		if fp.Items[k].Must {
			return nil, fmt.Errorf("initiative %q is both must-fund and never-fund", fp.Items[k].Name)
		}
		fp.Items[k].Never = true
	}
	return fp, nil
}

// PlanLimits stop the exact search early; the plan then reports its gap.
type PlanLimits struct {
	// MaxNodes is the number of search nodes; 0 means 5,000,000.
	MaxNodes int
	// Timeout is the wall-clock limit; 0 means none.
	Timeout time.Duration
}

// Plan is a funding plan: which items are funded, kept open or lapse.
type Plan struct {
	Budget, Spent, Value float64
	// Fund, Keep and Lapse are item indices in item order. Keep holds the
	// items not funded whose deadline is after the period's end, Lapse
	// those whose deadline falls on or before it (DueBy).
	Fund, Keep, Lapse []int
	// Counted is what each item adds to Value, in item order: Fund when
	// funded, Keep when kept and counted, 0 otherwise; the rows add up to
	// Value. Why says, for an item not funded that counts 0 although its
	// Keep is not 0, why: it lapses with its gate, its value is counted in
	// its gate's kept value (a follow-on), or an alternative of its
	// excludes set is counted instead ("" otherwise).
	Counted []float64
	Why     []string
	// GateLapse holds the items of Keep that lapse with their gate: gated
	// by an item not funded that lapses, they count 0 (a gated initiative
	// cannot be funded once its gate has lapsed).
	GateLapse []int
	// Optimal reports that the search proved the plan optimal. When it
	// stopped on a limit, or a linked group was too large to enumerate
	// exactly (a thousand linked initiatives: the plan is then the best
	// found, or the greedy plan when that is better), Bound is an upper
	// bound on the best total and Gap = (Bound - Value) / |Bound| >= 0.
	Optimal    bool
	Bound, Gap float64
	// Nodes is the number of search nodes visited.
	Nodes int
}

// Funded reports whether item i is funded in the plan.
func (pl *Plan) Funded(i int) bool {
	k := sort.SearchInts(pl.Fund, i)
	return k < len(pl.Fund) && pl.Fund[k] == i
}

// ErrInfeasible reports that no plan meets the must-fund set, the gates
// and the budget.
var ErrInfeasible = errors.New("no plan fits the budget with the must-fund initiatives, their gates and excludes")

// Solve returns the exact best plan under the budget; see the package
// documentation for the model and the method.
func (fp *FundingProblem) Solve(budget float64, lim PlanLimits) (*Plan, error) {
	if math.IsNaN(budget) || math.IsInf(budget, 0) || budget < 0 {
		return nil, fmt.Errorf("budget %v: want a finite number >= 0", budget)
	}
	gs, err := fp.groups(withSlack(budget), true)
	if err != nil {
		return nil, err
	}
	s := newMCKP(gs, budget, lim)
	if s == nil {
		return nil, ErrInfeasible
	}
	s.run()
	pl := fp.planOf(budget, s.funded(len(fp.Items)))
	pl.Nodes = s.nodes
	pl.Optimal = !s.stopped && allExact(gs)
	pl.Bound = math.Max(s.openBound, pl.Value)
	if !allExact(gs) {
		if g := fp.Greedy(budget); g.Value > pl.Value && fp.feasible(g, budget) {
			g.Nodes = pl.Nodes
			pl = g
		}
		// The search's bound is over the approximate fronts: use the
		// relaxation of the whole problem instead.
		pl.Optimal = false
		pl.Bound = math.Max(fp.relaxedBound(budget), pl.Value)
	}
	if pl.Optimal {
		pl.Bound = pl.Value
	}
	if pl.Bound != 0 {
		pl.Gap = (pl.Bound - pl.Value) / math.Abs(pl.Bound)
	}
	return pl, nil
}

// Evaluate returns the plan that funds exactly the given items (no
// feasibility check beyond the model's value rules): its spend, value and
// the kept and lapsed items.
func (fp *FundingProblem) Evaluate(budget float64, funded []bool) *Plan {
	return fp.planOf(budget, funded)
}

func (fp *FundingProblem) planOf(budget float64, funded []bool) *Plan {
	pl := &Plan{Budget: budget, Optimal: true}
	for i, it := range fp.Items {
		switch {
		case funded[i]:
			pl.Fund = append(pl.Fund, i)
			pl.Spent += it.Cost
		case it.Lapses:
			pl.Lapse = append(pl.Lapse, i)
		default:
			pl.Keep = append(pl.Keep, i)
		}
	}
	var gateLapse []bool
	pl.Value, pl.Counted, pl.Why, gateLapse = fp.counted(funded)
	for _, i := range pl.Keep {
		if gateLapse[i] {
			pl.GateLapse = append(pl.GateLapse, i)
		}
	}
	return pl
}

// lapseWithFollowOns marks a follow-on of a follow-on that lapses with its
// gate as lapsing too: its value was in the lapsing follow-on's kept
// value, which counts 0. lockedBy is the gate that locks each item (-1
// when none); gateLapse and why are updated in place.
func (fp *FundingProblem) lapseWithFollowOns(lockedBy []int, funded, gateLapse []bool, why []string) {
	for changed := true; changed; {
		changed = false
		for i, k := range lockedBy {
			if k >= 0 && !funded[i] && !gateLapse[i] && gateLapse[k] {
				gateLapse[i], changed = true, true
				why[i] = fmt.Sprintf("lapses with its gate %q, which lapses with its own gate", fp.Items[k].Name)
			}
		}
	}
}

// LapsedWithGates maps each item that lapses with a gate, directly or
// through a follow-on that lapses so, to that gate's index: a gate whose
// deadline has passed on the problem's date (FundingItem.Passed), or one
// due in the period (Lapses) that no plan funds (neverFunded: it cannot
// be funded, or funding it with all it opens is worth less than letting
// it lapse). No plan made on that date funds them, whatever its budget,
// and every plan lists them in GateLapse (counted, lapseWithFollowOns);
// a report's advice (fund now, keep, drop) says so too, not "fund now"
// for a follow-on whose gate is let go. Items passed themselves are not
// in it.
func (fp *FundingProblem) LapsedWithGates() map[int]int {
	out := map[int]int{}
	never := fp.neverFunded()
	for changed := true; changed; {
		changed = false
		for _, g := range fp.Gates {
			if _, done := out[g.Child]; done || fp.Items[g.Child].Passed {
				continue
			}
			if _, via := out[g.Parent]; via || fp.Items[g.Parent].Passed || never[g.Parent] {
				out[g.Child] = g.Parent
				changed = true
			}
		}
	}
	return out
}

// neverFunded reports, for each item, that it lapses in the period (due
// by its end, not passed) and no optimal plan funds it: Never, Blocked,
// or (not Must, nor anything it gates) its gain is negative, gain(i) =
// Fund_i + sum over the items it gates of best(c), best(c) = max(0,
// Keep_c, gain(c)) (+Inf for a Must item), an upper
// bound on what funding i can add to any plan (it ignores budgets,
// excludes sets and other gates, which can only lower it). Let lapse, i
// and what it gates count 0 (counted).
func (fp *FundingProblem) neverFunded() []bool {
	n := len(fp.Items)
	kids := make([][]int, n)
	for _, g := range fp.Gates {
		kids[g.Parent] = append(kids[g.Parent], g.Child)
	}
	const (
		unknown = iota
		visiting
		done
	)
	state := make([]int8, n)
	gain := make([]float64, n)
	var gainOf func(i int) float64
	gainOf = func(i int) float64 {
		switch state[i] {
		case done:
			return gain[i]
		case visiting: // a cycle (validation refuses them): no bound
			return math.Inf(1)
		}
		state[i] = visiting
		it := &fp.Items[i]
		g := math.Inf(-1)
		switch {
		case it.Must: // its gates must be funded with it
			g = math.Inf(1)
		case !it.Passed && !it.Blocked && !it.Never:
			g = it.Fund
			for _, c := range kids[i] {
				g += math.Max(0, math.Max(fp.Items[c].Keep, gainOf(c)))
			}
		}
		gain[i], state[i] = g, done
		return g
	}
	out := make([]bool, n)
	for i := range fp.Items {
		it := &fp.Items[i]
		if it.Lapses && !it.Passed && !it.Must && len(kids[i]) > 0 {
			out[i] = gainOf(i) < 0
		}
	}
	return out
}

// GateLapses reports whether item i is in GateLapse.
func (pl *Plan) GateLapses(i int) bool {
	k := sort.SearchInts(pl.GateLapse, i)
	return k < len(pl.GateLapse) && pl.GateLapse[k] == i
}

// counted is the model's total for a funded set with what each item adds
// to it, for an item that adds 0 although kept, why, and whether it lapses
// with its gate. An item gated by
// one not funded adds 0: if the gate lapses it lapses with it, else its
// value is in the gate's Keep (with follow-ons). Of an excludes set with
// no member funded only the best kept member counts.
func (fp *FundingProblem) counted(funded []bool) (float64, []float64, []string, []bool) {
	n := len(fp.Items)
	lockedBy := make([]int, n) // the gate that locks an item, -1 when none
	for i := range lockedBy {
		lockedBy[i] = -1
	}
	for _, g := range fp.Gates {
		if funded[g.Parent] {
			continue
		}
		// A lapsing gate is the reason to give first.
		if k := lockedBy[g.Child]; k < 0 || (!fp.Items[k].Lapses && fp.Items[g.Parent].Lapses) {
			lockedBy[g.Child] = g.Parent
		}
	}
	vals := make([]float64, n)
	why := make([]string, n)
	gateLapse := make([]bool, n)
	for i, k := range lockedBy {
		switch {
		case k < 0 || funded[i]:
		case fp.Items[k].Lapses:
			gateLapse[i] = true
			why[i] = fmt.Sprintf("lapses with its gate %q (deadline on or before the review, not funded)", fp.Items[k].Name)
		default:
			why[i] = fmt.Sprintf("counted in %q's kept value (a follow-on of it)", fp.Items[k].Name)
		}
	}
	fp.lapseWithFollowOns(lockedBy, funded, gateLapse, why)
	inSet := make([]bool, n)
	total := 0.0
	for _, s := range fp.Excludes {
		best, bestM, any := 0.0, -1, -1
		for _, m := range s {
			inSet[m] = true
			if funded[m] {
				total += fp.Items[m].Fund
				vals[m] = fp.Items[m].Fund
				any = m
			} else if lockedBy[m] < 0 && fp.Items[m].Keep > best {
				best, bestM = fp.Items[m].Keep, m
			}
		}
		if any < 0 {
			total += best
			if bestM >= 0 {
				vals[bestM] = best
			}
		}
		for _, m := range s {
			if funded[m] || lockedBy[m] >= 0 || (any < 0 && m == bestM) || fp.Items[m].Keep == 0 {
				continue
			}
			if any >= 0 {
				why[m] = fmt.Sprintf("excluded: its alternative %q is funded", fp.Items[any].Name)
			} else {
				why[m] = fmt.Sprintf("excluded: its alternative %q is counted instead", fp.Items[bestM].Name)
			}
		}
	}
	for i, it := range fp.Items {
		if inSet[i] {
			continue
		}
		if funded[i] {
			total += it.Fund
			vals[i] = it.Fund
		} else if lockedBy[i] < 0 {
			total += it.Keep
			vals[i] = it.Keep
		}
	}
	return total, vals, why, gateLapse
}

// Greedy is the plan a ranking by profitability index gives: items with a
// positive value of investing now, ranked by PI = (Fund + Cost) / Cost
// (S / X for a plain initiative), highest first, each funded when it fits
// the budget left and the links allow it (must-fund items first).
func (fp *FundingProblem) Greedy(budget float64) *Plan {
	pi := func(i int) float64 {
		it := fp.Items[i]
		if it.Cost <= 0 {
			return math.Inf(1)
		}
		return (it.Fund + it.Cost) / it.Cost
	}
	var order []int
	for i, it := range fp.Items {
		if it.Must || (it.Fund > 0 && !it.Never && !it.Blocked) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		ia, ib := fp.Items[order[a]], fp.Items[order[b]]
		if ia.Must != ib.Must {
			return ia.Must
		}
		return pi(order[a]) > pi(order[b])
	})
	setOf := make([]int, len(fp.Items))
	for i := range setOf {
		setOf[i] = -1
	}
	for k, s := range fp.Excludes {
		for _, m := range s {
			setOf[m] = k
		}
	}
	funded := make([]bool, len(fp.Items))
	setUsed := make([]bool, len(fp.Excludes))
	left := budget
	for _, i := range order {
		it := fp.Items[i]
		if it.Cost > left || (setOf[i] >= 0 && setUsed[setOf[i]]) {
			continue
		}
		ok := true
		for _, g := range fp.Gates {
			if g.Child == i && !funded[g.Parent] {
				ok = false
			}
		}
		if !ok {
			continue
		}
		funded[i] = true
		left -= it.Cost
		if setOf[i] >= 0 {
			setUsed[setOf[i]] = true
		}
	}
	return fp.planOf(budget, funded)
}

// FrontierPoint is one point of the efficient frontier: the best total
// for a budget, at a breakpoint (Budget is what that plan spends).
type FrontierPoint struct {
	Budget, Value float64
	Fund          []int
	Optimal       bool
}

// MaxUsefulBudget is a budget beyond which the best total no longer grows:
// the least a best plan with no budget spends, summed over the linked
// groups. For a group too large to enumerate exactly (thousands of linked
// initiatives) it counts instead the most the group can spend
// (spendBound), an upper bound, so the sum is still a budget at which
// nothing more can be gained.
func (fp *FundingProblem) MaxUsefulBudget() (float64, error) {
	gs, err := fp.groups(math.Inf(1), false)
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, g := range gs {
		if len(g.configs) == 0 {
			total += fp.spendBound(g.members)
			continue
		}
		total += g.configs[len(g.configs)-1].cost
	}
	return total, nil
}

// spendBound is the most a plan can spend on the given items: the costs of
// those that can be funded (not Never, not Blocked), an excludes set
// counting only its dearest such member.
func (fp *FundingProblem) spendBound(members []int) float64 {
	setOf := map[int]int{}
	for k, s := range fp.Excludes {
		for _, m := range s {
			setOf[m] = k
		}
	}
	dearest := map[int]float64{}
	total := 0.0
	for _, i := range members {
		it := fp.Items[i]
		if it.Never || it.Blocked {
			continue
		}
		if k, ok := setOf[i]; ok {
			dearest[k] = math.Max(dearest[k], it.Cost)
			continue
		}
		total += it.Cost
	}
	for _, c := range dearest {
		total += c
	}
	return total
}

// relaxedBound is an upper bound on the best total at the budget, found
// without the groups' fronts: each item alone or excludes set (a unit)
// counts at least its base, the largest of 0 and its members' Keep, and
// funding a member adds at most its gain, Fund less the base when
// positive; relaxing the gates and the one-per-set rule, the best gains
// that fit the budget (taken fractionally, by gain per cost) bound what
// funding adds. Any feasible plan is a feasible choice of the relaxation
// with at least its value.
func (fp *FundingProblem) relaxedBound(budget float64) float64 {
	n := len(fp.Items)
	base := make([]float64, n) // the base of each item's unit
	inSet := make([]bool, n)
	total := 0.0
	for _, s := range fp.Excludes {
		b := 0.0
		for _, m := range s {
			b = math.Max(b, fp.Items[m].Keep)
		}
		for _, m := range s {
			base[m], inSet[m] = b, true
		}
		total += b
	}
	type gain struct{ c, g float64 }
	var gains []gain
	for i, it := range fp.Items {
		if !inSet[i] {
			base[i] = math.Max(0, it.Keep)
			total += base[i]
		}
		if it.Never || it.Blocked {
			continue
		}
		if g := it.Fund - base[i]; g > 0 {
			gains = append(gains, gain{math.Max(0, it.Cost), g})
		}
	}
	sort.Slice(gains, func(a, b int) bool {
		// by gain per cost, free ones first
		return gains[a].g*gains[b].c > gains[b].g*gains[a].c
	})
	w := budget
	for _, g := range gains {
		if g.c <= w {
			w -= g.c
			total += g.g
			continue
		}
		total += g.g * w / g.c
		break
	}
	return total
}

// feasible reports whether a plan funds every Must item, no Never or
// Blocked one, at most one of each excludes set and every funded item's
// gates, within the budget.
func (fp *FundingProblem) feasible(pl *Plan, budget float64) bool {
	if pl.Spent > withSlack(budget) {
		return false
	}
	for i, it := range fp.Items {
		if pl.Funded(i) {
			if it.Never || it.Blocked {
				return false
			}
		} else if it.Must {
			return false
		}
	}
	for _, s := range fp.Excludes {
		n := 0
		for _, m := range s {
			if pl.Funded(m) {
				n++
			}
		}
		if n > 1 {
			return false
		}
	}
	for _, g := range fp.Gates {
		if pl.Funded(g.Child) && !pl.Funded(g.Parent) {
			return false
		}
	}
	return true
}

// allExact reports whether every group's front is exact.
func allExact(gs []group) bool {
	for _, g := range gs {
		if !g.exact {
			return false
		}
	}
	return true
}

// Frontier solves the plan at n budgets evenly spaced from 0 to
// MaxUsefulBudget and returns the distinct breakpoints reached, by budget.
// Budgets below the must-fund set's cost have no plan and are skipped.
func (fp *FundingProblem) Frontier(n int, lim PlanLimits) ([]FrontierPoint, error) {
	if n < 2 {
		n = 2
	}
	top, err := fp.MaxUsefulBudget()
	if err != nil {
		return nil, err
	}
	gs, err := fp.groups(withSlack(top), true)
	if err != nil {
		return nil, err
	}
	exact := allExact(gs)
	var out []FrontierPoint
	for k := 0; k < n; k++ {
		b := top * float64(k) / float64(n-1)
		s := newMCKP(gs, b, lim)
		if s == nil {
			continue
		}
		s.run()
		pl := fp.planOf(b, s.funded(len(fp.Items)))
		if len(out) > 0 && out[len(out)-1].Budget == pl.Spent && out[len(out)-1].Value == pl.Value {
			continue
		}
		out = append(out, FrontierPoint{Budget: pl.Spent, Value: pl.Value, Fund: pl.Fund, Optimal: !s.stopped && exact})
	}
	return out, nil
}

// withSlack widens a budget by a rounding margin (1e-12 relative), so
// that sums of the same costs added in another order still fit.
func withSlack(b float64) float64 { return b + 1e-12*math.Max(1, math.Abs(b)) }

// A group is a connected set of items (through excludes and gates) with
// its Pareto-efficient configurations: funded subsets, by cost.
type group struct {
	members []int
	configs []config // cost strictly increasing, value strictly increasing
	// exact reports that configs is the group's whole efficient front; a
	// group too large for the exact programme has a part of it (approx),
	// or no configs at all (not approx).
	exact bool
}

type config struct {
	cost, value float64
	fund        []int
}

// groups splits the items into linked groups and enumerates each group's
// feasible funded subsets costing at most budget, keeping the efficient
// ones. A group too large to enumerate exactly (groupConfigs) gets
// approximate configurations when approx is set, none otherwise; either
// way its exact is false.
func (fp *FundingProblem) groups(budget float64, approx bool) ([]group, error) {
	n := len(fp.Items)
	ds := newDisjointSets(n)
	setOf := make([]int, n)
	for i := range setOf {
		setOf[i] = -1
	}
	for k, s := range fp.Excludes {
		for _, m := range s {
			setOf[m] = k
			ds.union(m, s[0])
		}
	}
	parents := make([][]int, n)
	for _, g := range fp.Gates {
		ds.union(g.Child, g.Parent)
		parents[g.Child] = append(parents[g.Child], g.Parent)
	}
	byRoot := map[int][]int{}
	var roots []int
	for i := 0; i < n; i++ {
		r := ds.find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	order := topoOrder(n, fp.Gates)
	pos := make([]int, n)
	for k, i := range order {
		pos[i] = k
	}
	gs := make([]group, 0, len(roots))
	for _, r := range roots {
		members := byRoot[r]
		sort.Slice(members, func(a, b int) bool { return pos[members[a]] < pos[members[b]] })
		cs, exact, err := fp.groupConfigs(members, parents, setOf, budget, approx)
		if _, big := err.(errGroupTooLarge); big && !approx {
			gs = append(gs, group{members: members})
			continue
		}
		if err != nil {
			return nil, err
		}
		gs = append(gs, group{members: members, configs: cs, exact: exact})
	}
	return gs, nil
}

// topoOrder orders items so each gate's parent comes before its child
// (links are acyclic: Evaluate refuses cycles).
func topoOrder(n int, gates []Gate) []int {
	indeg := make([]int, n)
	kids := make([][]int, n)
	for _, g := range gates {
		indeg[g.Child]++
		kids[g.Parent] = append(kids[g.Parent], g.Child)
	}
	var q, out []int
	for i := 0; i < n; i++ {
		if indeg[i] == 0 {
			q = append(q, i)
		}
	}
	for len(q) > 0 {
		i := q[0]
		q = q[1:]
		out = append(out, i)
		for _, c := range kids[i] {
			indeg[c]--
			if indeg[c] == 0 {
				q = append(q, c)
			}
		}
	}
	if len(out) < n { // a cycle: keep the rest in index order
		seen := make([]bool, n)
		for _, i := range out {
			seen[i] = true
		}
		for i := 0; i < n; i++ {
			if !seen[i] {
				out = append(out, i)
			}
		}
	}
	return out
}

// Names returns the items' names for the indices.
func (fp *FundingProblem) Names(idx []int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		out = append(out, fp.Items[i].Name)
	}
	return out
}

// ParsePeriod reads the end of a review period starting at asOf: "6m"
// (months), "1y" (years) or a date "YYYY-MM-DD"; "" is the default
// DefaultPeriodMonths.
func ParsePeriod(asOf model.Date, s string) (model.Date, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return asOf.AddMonths(DefaultPeriodMonths), nil
	}
	if d, err := model.ParseDate(s); err == nil {
		if d.Before(asOf.Time) {
			return model.Date{}, fmt.Errorf("period %q ends before the as-of date %s", s, asOf)
		}
		return d, nil
	}
	mult := 0
	switch {
	case strings.HasSuffix(s, "m"):
		mult = 1
	case strings.HasSuffix(s, "y"):
		mult = 12
	}
	var n int
	if mult > 0 {
		if _, err := fmt.Sscanf(s[:len(s)-1], "%d", &n); err == nil && n > 0 && n <= 1200 && fmt.Sprint(n) == s[:len(s)-1] {
			return asOf.AddMonths(n * mult), nil
		}
	}
	return model.Date{}, fmt.Errorf("period %q: want months (6m), years (1y) or a date (YYYY-MM-DD)", s)
}

// FundingReport is a plan with its greedy comparison and frontier, as the
// CLI, the Funding view and the report show it.
type FundingReport struct {
	Problem  *FundingProblem
	Plan     *Plan
	Greedy   *Plan
	Frontier []FrontierPoint // nil unless asked for
}

// PlanFunding builds the funding problem of p from v and solves it at the
// budget, with the greedy plan and, when frontier > 1, the frontier at
// that many budgets.
func PlanFunding(p *model.Portfolio, v *Valuation, opt FundingOptions, budget float64, frontier int, lim PlanLimits) (*FundingReport, error) {
	fp, err := NewFundingProblem(p, v, opt)
	if err != nil {
		return nil, err
	}
	pl, err := fp.Solve(budget, lim)
	if err != nil {
		return nil, err
	}
	r := &FundingReport{Problem: fp, Plan: pl, Greedy: fp.Greedy(budget)}
	if frontier > 1 {
		if r.Frontier, err = fp.Frontier(frontier, lim); err != nil {
			return nil, err
		}
	}
	return r, nil
}

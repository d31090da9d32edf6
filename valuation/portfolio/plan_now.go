package portfolio

import "github.com/optionspace/optionspace/valuation"

// ActNow is the link-aware "invest now" answer of a funding problem: which
// of the initiatives the option-space map puts in region 1 (invest now, a
// stand-alone answer) can be funded now given their gates, and which must
// wait for a gate or lapse with one.
//
// A gates link From -> To says To cannot be exercised before From; a
// follow_on link From -> To says investing in From creates the option To,
// so To cannot be exercised before From either (the follow-on does not
// exist until its parent is exercised: an option on an option, Geske,
// "The valuation of compound options", J. Financial Economics 7, 1979).
// Both are the problem's Gates, and a gate from an initiative already
// invested is satisfied (NewFundingProblem leaves it out).
type ActNow struct {
	// Fund lists the items to fund now: region 1, not lapsed with a gate,
	// and every open gate above them (through gates and follow_on links)
	// in Fund too. Each gate comes before what it gates; otherwise the
	// order of the order argument of FundNowWithGates.
	Fund []int
	// Waits maps each region-1 item left out of Fund because a gate above
	// it is not in Fund to that gate: its direct gate (parent) that is not
	// in Fund, itself a waiting item or one not in region 1.
	Waits map[int]int
	// Lapses maps each item that lapses with its gate to that gate
	// (LapsedWithGates), whatever its region: such an item is in neither
	// Fund nor Waits.
	Lapses map[int]int
}

// FundNowWithGates is the link-aware answer for the items investNow marks
// (region 1 of the map, item order): an item is funded now only if each
// of its open gates is funded now in the same answer, the largest such
// set (a greatest fixed point: drop an item whose gate is not in the set
// until none is left to drop). An item that lapses with its gate
// (LapsedWithGates: a gate passed, or due in the period and funded by no
// plan) or whose own deadline has passed is in neither list, and so is
// everything below such a gate (LapsedWithGates follows the links down):
// the two rules never put one item in two lists. order is the preferred order of Fund (item indices,
// e.g. largest value first; nil: item order): each item is preceded by
// its gates in Fund. Budgets and excludes sets are not considered (Solve
// does that); a Blocked item (gated by one neither open nor invested) is
// left as investNow says.
func (fp *FundingProblem) FundNowWithGates(investNow []bool, order []int) ActNow {
	n := len(fp.Items)
	a := ActNow{Waits: map[int]int{}, Lapses: fp.LapsedWithGates()}
	in := make([]bool, n)
	for i := 0; i < n && i < len(investNow); i++ {
		_, lapses := a.Lapses[i]
		in[i] = investNow[i] && !lapses && !fp.Items[i].Passed
	}
	parents := make([][]int, n)
	for _, g := range fp.Gates {
		parents[g.Child] = append(parents[g.Child], g.Parent)
	}
	for changed := true; changed; {
		changed = false
		for _, g := range fp.Gates {
			if in[g.Child] && !in[g.Parent] {
				in[g.Child], changed = false, true
				a.Waits[g.Child] = g.Parent
			}
		}
	}
	if order == nil {
		order = make([]int, n)
		for i := range order {
			order[i] = i
		}
	}
	placed := make([]bool, n)
	var place func(i int)
	place = func(i int) {
		if placed[i] || !in[i] {
			return
		}
		placed[i] = true // cycles are refused by validation; this stops one
		for _, p := range parents[i] {
			place(p)
		}
		a.Fund = append(a.Fund, i)
	}
	for _, i := range order {
		place(i)
	}
	for i := 0; i < n; i++ { // items order left out
		place(i)
	}
	return a
}

// InvestNowOf marks the items of fp that v places in region 1 (invest
// now), the investNow argument of FundNowWithGates.
func (fp *FundingProblem) InvestNowOf(v *Valuation) []bool {
	region := map[string]valuation.Region{}
	for i := range v.Initiatives {
		region[v.Initiatives[i].ID] = v.Initiatives[i].Position.Region
	}
	out := make([]bool, len(fp.Items))
	for i := range fp.Items {
		out[i] = region[fp.Items[i].ID] == valuation.RegionInvestNow
	}
	return out
}

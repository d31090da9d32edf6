package report

import (
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// DeadlineWindow is how far ahead the executive summary looks for decision
// deadlines, in days: the engine's portfolio.DeadlineDays.
const DeadlineWindow = portfolio.DeadlineDays

// Item is one initiative as the executive summary lists it.
type Item struct {
	ID, Name string
	Region   valuation.Region
	// Cost is the investment the option-space metrics use (X, or X plus the
	// stage cost of a staged option); Value the stand-alone option value;
	// NPV the value of exercising now.
	Cost, Value, NPV float64
	Deadline         model.Date
	// Days is the number of days from the report date to the deadline.
	Days int
	// Gate is, for an initiative in Summary.GateLapsed, the name of the
	// gate it lapses with, for one in Summary.Waits the gate it waits for
	// ("" otherwise); GatePassed that the gate's
	// deadline (or that of the gate it lapses with in turn) has passed,
	// else the gate is due in the period and no plan funds it.
	Gate       string
	GatePassed bool
}

// Summary is the executive summary of a valued portfolio.
type Summary struct {
	// Now is the date the deadline window starts from.
	Now model.Date
	// Regions counts the open, valued initiatives in each region (index 1
	// to 6); Open is their sum.
	Regions [valuation.NumRegions + 1]int
	Open    int
	// Unvalued counts the open initiatives that cannot be valued (a
	// formula or an input fails): they are in no region and no total.
	Unvalued int
	// FundNow lists region 1 (invest now) whose every open gate (through
	// gates and follow_on links) is in FundNow too, each gate before what
	// it gates (portfolio.FundingProblem.FundNowWithGates); FundNowCost is
	// their total investment. It and KeepOpen, Watch and Drop leave out
	// the initiatives whose deadline has passed on Now (they have lapsed;
	// Deadlines lists them, passed), those that lapse with their gate
	// (GateLapsed) and those that wait for one (Waits), which Regions and
	// Open still count.
	FundNow     []Item
	FundNowCost float64
	// Waits lists region 1 initiatives whose gate is open and not itself
	// in FundNow: they cannot be exercised before it (a gated or
	// follow-on initiative), so not "fund now" while the gate waits.
	// Item.Gate names the gate (the direct one not funded now); largest
	// value first.
	Waits []Item
	// KeepOpen lists regions 2, 3 and 4 (keep the option, garden it);
	// KeepOpenValue is their total option value and KeepOpenTimeValue the
	// part of it above investing now, the sum of Value - max(NPV, 0).
	KeepOpen                         []Item
	KeepOpenValue, KeepOpenTimeValue float64
	// Watch lists region 5, Drop region 6.
	Watch, Drop []Item
	// GateLapsed lists the open initiatives, their own deadline not
	// passed, gated by one whose deadline has passed on Now or by one due
	// in the period that no plan funds (FundingProblem.LapsedWithGates):
	// they cannot be funded and lapse with their gate, as the funding plan
	// made on Now says (portfolio.Plan.GateLapse, whatever it funds), not
	// "fund now". Item.Gate names the gate; largest value first.
	GateLapsed []Item
	// Deadlines lists the open initiatives whose deadline falls within
	// DeadlineWindow days of Now (or has passed), earliest first.
	Deadlines []Item
	// The portfolio's totals (see portfolio.Valuation): its value with
	// options, the static NPV of investing in everything now and the
	// difference, what flexibility is worth.
	Total, StaticNPV, Flexibility float64
	// Invested, Abandoned and Expired count the initiatives in those
	// statuses; Problems the initiatives that could not be valued.
	Invested, Abandoned, Expired, Problems int
	// gateActs is GateAction's answer by ID (long, short), for the items
	// of Waits and GateLapsed.
	gateActs map[string][2]string
}

// Summarize builds the executive summary of v, the valuation of p, with
// deadlines counted from now (the valuation's as-of date when zero).
func Summarize(p *model.Portfolio, v *portfolio.Valuation, now model.Date) Summary {
	if p == nil || v == nil {
		panic("report: Summarize of a nil portfolio or valuation")
	}
	if now.IsZero() {
		now = v.AsOf
	}
	s := Summary{Now: now, Total: v.Total, StaticNPV: v.StaticNPV, Flexibility: v.Flexibility, Problems: len(v.Problems),
		gateActs: map[string][2]string{}}
	gateLapsed, act := gateAnswer(p, v, now)
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		switch r.Status {
		case model.StatusInvested:
			s.Invested++
			continue
		case model.StatusAbandoned:
			s.Abandoned++
			continue
		case model.StatusExpired:
			s.Expired++
			continue
		}
		if r.Err != nil || !r.Position.Region.Valid() {
			s.Unvalued++
			continue
		}
		it := Item{ID: r.ID, Name: r.Name, Region: r.Position.Region, Cost: r.Position.Cost, Value: r.Position.Value, NPV: r.Position.NPV}
		if in := p.Initiative(r.ID); in != nil {
			it.Deadline = in.Deadline
			if !in.Deadline.IsZero() {
				it.Days = portfolio.DaysUntil(now, in.Deadline)
			}
		}
		s.Regions[it.Region]++
		s.Open++
		switch {
		case portfolio.DeadlinePassed(it.Deadline, now):
			// Lapsed on the summary's date: nothing to fund, keep, watch
			// or drop; Deadlines lists it as passed.
		case gateLapsed[r.ID].gate != "":
			// Its gate lapses: it lapses with it (GateLapsed).
			it.Gate, it.GatePassed = gateLapsed[r.ID].gate, gateLapsed[r.ID].passed
			s.GateLapsed = append(s.GateLapsed, it)
			s.gateActs[r.ID] = [2]string{"lapses with gate: " + it.Gate, "lapses with its gate"}
		case it.Region == valuation.RegionInvestNow && act.waits[r.ID] != "":
			// Its gate is not funded now: it cannot be exercised first.
			it.Gate = act.waits[r.ID]
			s.Waits = append(s.Waits, it)
			s.gateActs[r.ID] = [2]string{"wait for gate: " + it.Gate, "wait for its gate"}
		case it.Region == valuation.RegionInvestNow:
			s.FundNow = append(s.FundNow, it)
			s.FundNowCost += it.Cost
		case it.Region == valuation.RegionMaybeNow, it.Region == valuation.RegionProbablyLater, it.Region == valuation.RegionMaybeLater:
			s.KeepOpen = append(s.KeepOpen, it)
			s.KeepOpenValue += it.Value
			s.KeepOpenTimeValue += it.Value - math.Max(it.NPV, 0)
		case it.Region == valuation.RegionProbablyNever:
			s.Watch = append(s.Watch, it)
		case it.Region == valuation.RegionNever:
			s.Drop = append(s.Drop, it)
		}
		if portfolio.DueBy(it.Deadline, model.Date{Time: now.AddDate(0, 0, DeadlineWindow)}) {
			s.Deadlines = append(s.Deadlines, it)
		}
	}
	sort.SliceStable(s.Deadlines, func(i, j int) bool { return s.Deadlines[i].Days < s.Deadlines[j].Days })
	for _, l := range [][]Item{s.FundNow, s.KeepOpen, s.Watch, s.Drop, s.GateLapsed, s.Waits} {
		sort.SliceStable(l, func(i, j int) bool { return l[i].Value > l[j].Value })
	}
	s.FundNow = act.gatesFirst(s.FundNow)
	return s
}

// nowAnswer is the engine's link-aware invest-now answer by initiative
// ID: the gate's name each region-1 initiative waits for, and each fund-now
// item's place in the engine's order (gates first, else largest value
// first).
type nowAnswer struct {
	waits map[string]string
	rank  map[string]int
}

// gatesFirst orders list (the fund-now items) as the engine's answer
// does, portfolio.ActNow.Fund: each item after the gates of it, else by
// value; any item not in the answer (none expected) keeps its place at
// the end.
func (a nowAnswer) gatesFirst(list []Item) []Item {
	rank := func(it Item) int {
		if k, ok := a.rank[it.ID]; ok {
			return k
		}
		return len(a.rank)
	}
	sort.SliceStable(list, func(i, j int) bool { return rank(list[i]) < rank(list[j]) })
	return list
}

// gateAnswer is lapsedGates of the funding problem on now and the
// link-aware invest-now answer (portfolio.FundingProblem.FundNowWithGates)
// of the same funding problem, asked once: its Lapses are the
// LapsedWithGates lapsedGates reads, its Fund, asked in the order of the
// values, the order of the fund-now list.
func gateAnswer(p *model.Portfolio, v *portfolio.Valuation, now model.Date) (map[string]gateLapse, nowAnswer) {
	fp := fundingProblemOn(p, v, now)
	if fp == nil {
		return nil, nowAnswer{}
	}
	value := make([]float64, len(fp.Items))
	order := make([]int, len(fp.Items))
	for k := range fp.Items {
		order[k] = k
		if r := v.ByID(fp.Items[k].ID); r != nil {
			value[k] = r.Position.Value
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return value[order[i]] > value[order[j]] })
	act := fp.FundNowWithGates(fp.InvestNowOf(v), order)
	a := nowAnswer{waits: make(map[string]string, len(act.Waits)), rank: make(map[string]int, len(act.Fund))}
	for child, gate := range act.Waits {
		a.waits[fp.Items[child].ID] = fp.Items[gate].Name
	}
	for pos, k := range act.Fund {
		a.rank[fp.Items[k].ID] = pos
	}
	return lapsedGates(fp, act.Lapses), a
}

// fundingProblemOn is the engine's funding problem on now
// (portfolio.NewFundingProblem with FundingOptions.On and the next
// review), nil when none can be built.
func fundingProblemOn(p *model.Portfolio, v *portfolio.Valuation, now model.Date) *portfolio.FundingProblem {
	asOf := v.AsOf
	if asOf.IsZero() {
		asOf = p.AsOf
	}
	if now.Before(asOf.Time) {
		return nil
	}
	fp, err := portfolio.NewFundingProblem(p, v, portfolio.FundingOptions{On: now, PeriodEnd: portfolio.NextReviewAfter(asOf, now)})
	if err != nil {
		return nil
	}
	return fp
}

// gateLapse is the gate an initiative lapses with and whether its
// deadline has passed.
type gateLapse struct {
	gate   string
	passed bool
}

// lapsedGates maps the ID of each initiative that lapses with its gate on
// now to that gate, from the engine's funding problem fp on now
// (fundingProblemOn) and its LapsedWithGates, lapsed: an item gated by
// one whose deadline has passed (FundingItem.Passed), by one due in the
// period that no plan funds, or by a follow-on that lapses so
// (FundingProblem.LapsedWithGates), can never be funded, so every plan
// made on now, whatever its budget, has it in GateLapse unless it has
// lapsed itself.
func lapsedGates(fp *portfolio.FundingProblem, lapsed map[int]int) map[string]gateLapse {
	out := map[string]gateLapse{}
	for child, gate := range lapsed {
		passed := false
		for g, seen := gate, 0; seen <= len(lapsed); seen++ {
			if fp.Items[g].Passed {
				passed = true
				break
			}
			next, ok := lapsed[g]
			if !ok {
				break
			}
			g = next
		}
		out[fp.Items[child].ID] = gateLapse{gate: fp.Items[gate].Name, passed: passed}
	}
	return out
}

// splitPassed splits the summary's deadlines into those to come in the
// window and those that have passed on the summary's date
// (portfolio.DeadlinePassed, the rule of the cover's sentence).
func splitPassed(s Summary) (due, passed []Item) {
	for _, it := range s.Deadlines {
		if portfolio.DeadlinePassed(it.Deadline, s.Now) {
			passed = append(passed, it)
		} else {
			due = append(due, it)
		}
	}
	return due, passed
}

// ActionsNow maps the ID of each initiative in the summary's lists to its
// link-aware action, where the region's Action is the stand-alone one:
// the region's action for FundNow, KeepOpen, Watch and Drop ("invest" for
// FundNow), "wait for gate: NAME" for Waits and "lapses with gate: NAME"
// for GateLapsed. Initiatives in none (closed, unvalued, their deadline
// passed) are not in it.
func (s Summary) ActionsNow() map[string]string {
	out := map[string]string{}
	for _, l := range [][]Item{s.FundNow, s.KeepOpen, s.Watch, s.Drop} {
		for _, it := range l {
			out[it.ID] = it.Region.Action()
		}
	}
	for _, l := range [][]Item{s.Waits, s.GateLapsed} {
		for _, it := range l {
			out[it.ID], _ = s.GateAction(it.ID)
		}
	}
	return out
}

// GateAction is the link-aware action of initiative id where it differs
// from its region's: "wait for gate: NAME" (Waits) or "lapses with gate:
// NAME" (GateLapsed), as ActionsNow says; "" for any other. Short is the
// same without the gate's name ("wait for its gate"), for a badge.
func (s Summary) GateAction(id string) (action, short string) {
	a := s.gateActs[id]
	return a[0], a[1]
}

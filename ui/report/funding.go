package report

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Funding asks for the report's "Funding plan" section: the exact plan of
// what to fund at this review under the budget (see portfolio.Solve), its
// cost against the budget, what is kept open and what lapses, the greedy
// ranking's plan beside it and the efficient frontier.
type Funding struct {
	// Budget is the review period's budget.
	Budget float64
	// PeriodEnd is the next review; zero means the next review after the
	// report's date (portfolio.NextReviewAfter of the as-of date and
	// Options.Now), the one the decisions due look to: six months after
	// the as-of date when the report is dated on it.
	PeriodEnd model.Date
	// Must and Never are initiative names or IDs to fund and not to fund.
	Must, Never []string
	// on is the report's date (Options.Now, the as-of date when zero): the
	// period starts there and an initiative whose deadline has passed on it
	// has lapsed (portfolio.FundingOptions.On). Build sets it.
	on model.Date
}

// fundingFrontierPoints is the number of budgets the section's frontier
// is solved at.
const fundingFrontierPoints = 50

// planFunding computes the section's plan, or the error it shows.
func planFunding(p *model.Portfolio, v *portfolio.Valuation, f *Funding) (*portfolio.FundingReport, error) {
	opt := portfolio.FundingOptions{On: f.on, PeriodEnd: f.PeriodEnd, Must: f.Must, Never: f.Never}
	return portfolio.PlanFunding(p, v, opt, f.Budget, fundingFrontierPoints, portfolio.PlanLimits{MaxNodes: 2_000_000})
}

// The section's anchor and title.
const (
	secFunding   = "funding"
	titleFunding = "8  Funding plan"
	// boardFundingTitle is its title in the board profile.
	boardFundingTitle = "6  Funding plan"
)

// fundingSection writes the "Funding plan" section for the plan r, or the
// reason err there is none.
func (w *writer) fundingSection(d *reportData, r *portfolio.FundingReport, err error) {
	title := titleFunding
	if d.profile == ProfileBoard {
		title = boardFundingTitle
	}
	w.sectionPage(secFunding, title, false)
	cur := d.cur
	if err != nil {
		w.muted("No funding plan: " + err.Error())
		return
	}
	fp, pl, g := r.Problem, r.Plan, r.Greedy
	w.h2(fmt.Sprintf("Budget %s for %s to %s", formatMoney(pl.Budget, cur), fp.AsOf, fp.PeriodEnd), 3*rowHeight)
	how := "The plan is the exact best total within the budget."
	if !pl.Optimal {
		how = fmt.Sprintf("The search stopped on its limit: the plan is within %.2f%% of the best total.", 100*pl.Gap)
	}
	passed := 0
	for _, it := range fp.Items {
		if it.Passed {
			passed++
		}
	}
	w.paragraph(fmt.Sprintf("Fund %d of %d open initiatives now for %s, leaving %s of the budget. Total value %s: what funding adds now, "+
		"plus the options kept open. %s%s.%s %s",
		len(pl.Fund), len(fp.Items)-passed, formatMoney(pl.Spent, cur), formatMoney(pl.Budget-pl.Spent, cur), formatMoney(pl.Value, cur),
		keptLapsePhrase(len(pl.Keep)-len(pl.GateLapse), len(pl.Lapse)-passed), gateLapsePhrase(len(pl.GateLapse)), passedPhrase(passed, fp.AsOf), how), 0)
	gNames := strings.Join(fp.Names(g.Fund), ", ")
	if gNames == "" {
		gNames = "nothing"
	}
	w.paragraph(fmt.Sprintf("A ranking by profitability index (S / X) would fund %s for a total of %s: %s less than the plan.",
		clean(gNames), formatMoney(g.Value, cur), formatMoney(pl.Value-g.Value, cur)), 0)
	rows := [][]string{}
	var kept []int
	for _, i := range pl.Keep {
		if !pl.GateLapses(i) {
			kept = append(kept, i)
		}
	}
	for _, part := range []struct {
		what string
		idx  []int
	}{{"fund now", pl.Fund}, {"keep open", kept}, {"lapses", pl.Lapse}, {format.GateLapses, pl.GateLapse}} {
		for _, i := range part.idx {
			it := fp.Items[i]
			what := part.what
			switch {
			case it.Passed:
				what = "lapsed"
			case it.Must:
				what += " (must)"
			case it.Never:
				what += " (never)"
			}
			rows = append(rows, []string{clean(it.Name), what, formatMoneyShort(it.Cost, cur), formatMoneyShort(it.Fund, cur), formatMoneyShort(it.Keep, cur), formatMoneyShort(pl.Counted[i], cur)})
		}
	}
	w.table([]column{{"Initiative", 5, false, false}, {"Plan", 2.2, false, false}, {"Cost", 1.1, true, false}, {"Value funded now", 2.3, true, false}, {"Value kept open", 2.1, true, false}, {"Counted", 1.4, true, false}}, rows, nil)
	w.muted("Counted is what each initiative adds to the plan's total; the rows add up to it. A follow-on counts 0 while its gate is kept open (its value is in the gate's value kept open) and lapses with a gate that lapses; of alternatives that exclude each other only the best counts.")
	if len(r.Frontier) == 0 {
		return
	}
	h := 250.0
	w.ensure(h)
	y := w.y()
	in := chart.FrontierFromReport(r, cur)
	in.Title = "Efficient frontier: the best total for each budget"
	w.chart(marginX, y, w.contentW(), h, 0.8, func() (*plot.Plot, error) { return chart.Frontier(in, d.style) })
	w.setY(y + h + 6)
}

// keptLapsePhrase is the funding paragraph's sentence on the initiatives
// kept open and those that lapse, singular or plural by count: "1
// initiative is kept open and 2 lapse because their windows close on or
// before the next review".
func keptLapsePhrase(kept, lapse int) string {
	lapses := "1 lapses because its window closes"
	if lapse != 1 {
		lapses = format.Group(int64(lapse)) + " lapse because their windows close"
	}
	return format.Count(kept, "initiative is", "initiatives are") + " kept open and " + lapses + " on or before the next review"
}

// gateLapsePhrase is the funding paragraph's clause on the initiatives
// that lapse with their gate ("" when none).
func gateLapsePhrase(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "; 1 more lapses with its gate, which lapses unfunded"
	}
	return fmt.Sprintf("; %d more lapse with their gates, which lapse unfunded", n)
}

// passedPhrase is the funding paragraph's sentence on the initiatives
// whose deadline passed before the plan's date (FundingItem.Passed), with
// its leading space: " 2 had already lapsed before 2027-04-02." ("" when
// none). They are not among the open initiatives the paragraph counts
// nor among those that lapse on or before the next review.
func passedPhrase(n int, on model.Date) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" %s had already lapsed before %s.", format.Group(int64(n)), on)
}

package report

// The board profile's "Decisions due" section.

import (
	"fmt"

	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// lapsedCost is the cost of lapsing of a deadline already passed: the
// option has lapsed, there is no cost left to avoid.
const lapsedCost = "lapsed"

// dueSection writes the decisions due on or before the next review after
// the report's date (portfolio.NextReviewAfter): region, recommended
// action and the cost of letting the option lapse (portfolio.LapseCost:
// its value with the follow-ons it gates). A deadline already passed at
// the report's date says so in its action and has no cost left to avoid:
// its cost of lapsing reads "lapsed".
func (w *writer) dueSection(d *reportData) {
	w.sectionPage(secDue, "Decisions due", false)
	next := portfolio.NextReviewAfter(d.v.AsOf, d.now)
	due := portfolio.DecisionsDueOn(d.p, d.v, d.now, next)
	w.muted(fmt.Sprintf("Open initiatives whose deadline falls on or before the next review (%s): it is the last review that can decide them. Letting one lapse costs its option value with the follow-ons it gates, which lapse with it; one whose deadline has passed has already lapsed. Amounts in %s.",
		formatLongDate(next), currencyName(d.cur)))
	if len(due) == 0 {
		w.paragraph("No open initiative's deadline falls on or before the next review.", 0)
		return
	}
	rows := make([][]string, 0, len(due))
	for _, it := range due {
		region, action := dash, "not valued"
		if it.Region.Valid() {
			region, action = fmt.Sprintf("%d  %s", int(it.Region), it.Region.String()), it.Region.Action()
		}
		cost := formatMoney(it.LapseCost, d.cur)
		if it.Passed {
			action, cost = format.DeadlinePassed+"; "+action, lapsedCost
		}
		rows = append(rows, []string{it.Name, formatDate(it.Deadline), region, action, cost})
	}
	w.cappedTable([]column{{"Initiative", 5, false, true}, {"Deadline", 1.6, false, false}, {"Region", 2.6, false, false}, {"Recommended action", 3.2, false, true}, {"Cost of lapsing", 2, true, false}},
		rows, func(i int) (rgb, bool) { return d.regionSwatch(due[i].Region) }, d.tableCap(boardDueRows), "decisions due")
}

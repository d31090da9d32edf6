package report

// The board profile's "Decisions due" section.

import (
	"fmt"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// nextReview is the date of the next review: the funding plan's period
// end when there is one, else six months after the as-of date.
func (d *reportData) nextReview() model.Date {
	return model.Date{Time: d.v.AsOf.AddDate(0, 6, 0)}
}

// dueItem is one row of the decisions due.
type dueItem struct {
	i        int
	deadline model.Date
	region   valuation.Region
	value    float64
}

// decisionsDue returns the open, valued initiatives whose deadline falls
// before the next review, earliest first.
func (d *reportData) decisionsDue() []dueItem {
	end := d.nextReview()
	var out []dueItem
	for i := range d.p.Initiatives {
		in := &d.p.Initiatives[i]
		r := &d.v.Initiatives[i]
		if in.Status != model.StatusOpen || in.Deadline.IsZero() || !in.Deadline.Before(end.Time) {
			continue
		}
		it := dueItem{i: i, deadline: in.Deadline, region: regionOf(r)}
		if r.Err == nil {
			it.value = r.Position.Value
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].deadline.Before(out[b].deadline.Time) })
	return out
}

// dueSection writes the decisions due before the next review: region,
// recommended action and the cost of letting the option lapse (its value).
func (w *writer) dueSection(d *reportData) {
	w.sectionPage(secDue, "Decisions due", false)
	due := d.decisionsDue()
	w.muted(fmt.Sprintf("Open initiatives whose deadline falls before the next review (%s). Letting one lapse costs its option value. Amounts in %s.",
		formatLongDate(d.nextReview()), currencyName(d.cur)))
	if len(due) == 0 {
		w.paragraph("No open initiative's deadline falls before the next review.", 0)
		return
	}
	rows := make([][]string, 0, len(due))
	for _, it := range due {
		region, action := dash, "not valued"
		if it.region > 0 {
			region, action = fmt.Sprintf("%d  %s", int(it.region), it.region.String()), it.region.Action()
		}
		rows = append(rows, []string{d.p.Initiatives[it.i].Name, formatDate(it.deadline), region, action, formatMoney(it.value, d.cur)})
	}
	w.cappedTable([]column{{"Initiative", 5, false, true}, {"Deadline", 1.6, false, false}, {"Region", 2.6, false, false}, {"Recommended action", 3.2, false, true}, {"Cost of lapsing", 2, true, false}},
		rows, func(i int) (rgb, bool) { return d.regionSwatch(due[i].region) }, d.tableCap(boardDueRows), "decisions due")
}

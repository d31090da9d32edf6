package report

// The executive summary section.

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
)

// regionSwatch returns the colour of region g.
func (d *reportData) regionSwatch(g valuation.Region) (rgb, bool) {
	if !g.Valid() {
		return rgb{}, false
	}
	return d.regionC[g], true
}

// summary writes the executive summary.
func (w *writer) summary(d *reportData) {
	s := d.sum
	cur := d.cur
	w.sectionPage(secSummary, titleSum, false)
	// Key figures.
	gap := 10.0
	fw := (w.contentW() - 3*gap) / 4
	y := w.y()
	figs := [][2]string{
		{formatMoneyShort(s.Total, cur), "Value with options"},
		{formatMoneyShort(s.StaticNPV, cur), "Static NPV (all now)"},
		{formatMoneyShort(s.Flexibility, cur), "Value of flexibility"},
		{formatMoneyShort(s.FundNowCost, cur), "To fund now"},
	}
	h := 0.0
	for i, f := range figs {
		h = w.figure(marginX+float64(i)*(fw+gap), y, fw, f[0], f[1])
	}
	w.setY(y + h + 12)
	// Each amount is the true one rounded on its own, as the CLI's value
	// table prints them; where the printed parts do not add up, say so.
	note := format.TotalsNote(s.Total, d.v.OptionValue, d.v.FollowOnValue, s.StaticNPV, s.Flexibility)
	w.paragraph(fmt.Sprintf("Portfolio value with options %s against a static NPV of %s: the flexibility to wait, learn and stage is worth %s. The option value of the initiatives that count is %s, and the follow-on options their gates open add %s on top%s.",
		formatMoney(s.Total, cur), formatMoney(s.StaticNPV, cur), formatMoney(s.Flexibility, cur), formatMoney(d.v.OptionValue, cur), formatMoney(d.v.FollowOnValue, cur), note), 0)

	w.h2("Where the initiatives stand", 6*rowHeight)
	rows := make([][]string, 0, 6)
	for g := valuation.RegionInvestNow; g <= valuation.NumRegions; g++ {
		rows = append(rows, []string{fmt.Sprintf("%d  %s", int(g), g.String()), g.Action(), fmt.Sprint(s.Regions[g])})
	}
	rows = append(rows, []string{"Open initiatives", "", fmt.Sprint(s.Open)})
	w.table([]column{{"Region", 3, false, false}, {"Recommended action", 5, false, true}, {"Initiatives", 1.5, true, false}}, rows,
		func(i int) (rgb, bool) { return d.regionSwatch(valuation.Region(i + 1)) })
	if closed := s.Invested + s.Abandoned + s.Expired; closed > 0 {
		w.paragraphAt(marginX, w.contentW(), fmt.Sprintf("Not in the map: %d invested, %d abandoned, %d expired.", s.Invested, s.Abandoned, s.Expired), 0, "I", sizeSmall, leadSmall, colMuted)
	}

	w.h2("What to do", 4*leadBody)
	w.decisionGroup(d, fmt.Sprintf("Fund now (%d) — total investment %s", len(s.FundNow), formatMoney(s.FundNowCost, cur)), s.FundNow)
	if len(s.Waits) > 0 {
		w.namedList(fmt.Sprintf("Waits for its gate (%d) — invest now on its own, but its gate is not funded now and must be exercised first", len(s.Waits)), s.Waits,
			func(it Item) string { return "gate: " + clean(it.Gate) })
	}
	w.decisionGroup(d, fmt.Sprintf("Keep open (%d) — option value %s, of which %s is the value of waiting", len(s.KeepOpen), formatMoney(s.KeepOpenValue, cur), formatMoney(s.KeepOpenTimeValue, cur)), s.KeepOpen)
	w.decisionGroup(d, fmt.Sprintf("Watch (%d)", len(s.Watch)), s.Watch)
	w.decisionGroup(d, fmt.Sprintf("Drop (%d)", len(s.Drop)), s.Drop)

	w.h2(fmt.Sprintf("Deadlines in the next %d days", DeadlineWindow), 2*rowHeight)
	due, passed := splitPassed(s)
	if len(due) == 0 {
		w.muted(fmt.Sprintf("No decision deadline falls within %d days of %s.", DeadlineWindow, formatLongDate(s.Now)))
	} else {
		w.deadlines(d, due)
	}
	if len(passed) > 0 {
		w.passedDeadlines(d, passed)
	}
	if len(s.GateLapsed) > 0 {
		w.gateLapsed(d, s.GateLapsed)
	}
	// The layers chart fills what is left of the page, when enough is.
	if h := w.bottom() - w.y() - 8; h >= 170 && len(d.p.Tags) > 0 {
		w.h2("Investment and option value by layer", 0)
		h = math.Min(h-sizeH2-15, 300)
		y := w.y()
		w.chart(marginX, y, w.contentW(), h, 0.85, func() (*plot.Plot, error) {
			li := chart.LayersFromValuation(d.p, d.v)
			li.Title = " "
			return chart.Layers(li, d.style)
		})
		w.setY(y + h)
	}
}

// deadlines writes the table of the deadlines to come in the window.
func (w *writer) deadlines(d *reportData, due []Item) {
	cur := d.cur
	rows := make([][]string, 0, len(due))
	for _, it := range due {
		rows = append(rows, []string{it.Name, formatDate(it.Deadline), format.DaysLeft(it.Days), it.Region.Action(), formatMoneyShort(it.Value, cur)})
	}
	w.table([]column{{"Initiative", 5, false, true}, {"Deadline", 1.6, false, false}, {"In", 1.6, true, false}, {"Action", 3.5, false, true}, {"Option value", 1.6, true, false}}, rows,
		func(i int) (rgb, bool) { return d.regionSwatch(due[i].Region) })
}

// passedDeadlines writes the deadlines that passed before the summary's
// date, apart from the table of those to come: each initiative with its
// deadline; they have lapsed.
func (w *writer) passedDeadlines(d *reportData, passed []Item) {
	title := fmt.Sprintf("Passed deadlines (%d) — lapsed before %s", len(passed), formatDate(d.sum.Now))
	w.namedList(title, passed, func(it Item) string { return formatDate(it.Deadline) })
}

// gateLapsed writes the initiatives that lapse with their gate, a gate
// whose deadline passed before the summary's date or one due in the
// period that no plan funds (Summary.GateLapsed): each with its gate. The
// funding plan's rows say the same (format.GateLapses).
func (w *writer) gateLapsed(d *reportData, items []Item) {
	passed := 0
	for _, it := range items {
		if it.GatePassed {
			passed++
		}
	}
	when := formatDate(d.sum.Now)
	title := fmt.Sprintf("%s (%d) — its gate lapsed before %s", format.GateLapsesHeading, len(items), when)
	switch {
	case len(items) == 1 && passed == 0:
		title = fmt.Sprintf("%s (1) — its gate, due by the next review, is not worth funding", format.GateLapsesHeading)
	case passed == len(items) && len(items) != 1:
		title = fmt.Sprintf("%s (%d) — their gates lapsed before %s", format.GateLapsesHeading, len(items), when)
	case passed == 0:
		title = fmt.Sprintf("%s (%d) — their gates, due by the next review, are not worth funding", format.GateLapsesHeading, len(items))
	case passed < len(items):
		title = fmt.Sprintf("%s (%d) — their gates lapsed before %s or, due by the next review, are not worth funding", format.GateLapsesHeading, len(items), when)
	}
	w.namedList(title, items, func(it Item) string { return "gate: " + clean(it.Gate) })
}

// namedList writes a bold title and the items' names, each followed by
// its note in brackets, at most maxSummaryNames of them and then a
// reference to the initiative table; "None." when there are no items.
func (w *writer) namedList(title string, items []Item, note func(Item) string) {
	w.ensure(2 * leadBody)
	w.font("B", sizeBody)
	w.textColor(colText)
	w.text(marginX, w.y()+sizeBody, w.fit(title, w.contentW()))
	w.setY(w.y() + leadBody)
	if len(items) == 0 {
		w.paragraphAt(marginX+12, w.contentW()-12, "None.", 1, "I", sizeSmall, leadSmall, colMuted)
		return
	}
	names := ""
	for i, it := range items {
		if i == maxSummaryNames {
			names += fmt.Sprintf("; and %d more (see %s)", len(items)-i, w.sectionRef(secTable))
			break
		}
		if i > 0 {
			names += "; "
		}
		names += clean(it.Name) + " (" + note(it) + ")"
	}
	w.paragraphAt(marginX+12, w.contentW()-12, names, 4, "", sizeSmall+0.5, leadSmall+1, colMuted)
}

// decisionGroup writes one recommendation and the initiatives in it, each
// with its option value.
func (w *writer) decisionGroup(d *reportData, title string, items []Item) {
	w.namedList(title, items, func(it Item) string { return formatMoneyShort(it.Value, d.cur) })
}

// muted writes one small italic note.
func (w *writer) muted(s string) {
	w.paragraphAt(marginX, w.contentW(), s, 0, "I", sizeSmall, leadSmall, colMuted)
}

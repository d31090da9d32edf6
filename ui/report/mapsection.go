package report

// The option space section: the map and the invest/wait chart.

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/ui/chart"
)

// spaceSection writes the option space map and the invest/wait chart.
func (w *writer) spaceSection(d *reportData) {
	w.sectionPage(secMap, titleMap, false)
	w.paragraphAt(marginX, w.contentW(), "Each initiative sits at its value-to-cost NPVq (across, log scale) and its cumulative volatility σ√t (down). Bubble area is proportional to the investment; colour is the region. Arrows show where each option drifts in 6 and 12 months if nothing is done.", 0, "", sizeSmall+0.5, leadSmall+1, colMuted)
	mapH := 330.0
	y := w.y()
	w.chart(marginX, y, w.contentW(), mapH, 0.82, func() (*plot.Plot, error) {
		pts, opt := chart.SpaceFromValuation(d.p, d.v, false)
		opt.ShowDrift = true
		opt.Title = "Option space"
		return chart.Space(pts, opt, d.style)
	})
	w.setY(y + mapH + 10)

	rows := chart.InvestWaitFromValuation(d.p, d.v)
	note := ""
	if len(rows) > maxInvestWaitRows {
		sort.SliceStable(rows, func(i, j int) bool {
			return math.Max(rows[i].OptionValue, rows[i].NPV) > math.Max(rows[j].OptionValue, rows[j].NPV)
		})
		note = fmt.Sprintf("The %d largest of %d open initiatives; %s lists all.", maxInvestWaitRows, len(rows), w.sectionRef(secTable))
		rows = rows[:maxInvestWaitRows]
	}
	h := math.Max(200, 13*float64(len(rows))+90)
	w.h2("Invest now or keep the option", math.Min(h, 300))
	if avail := w.bottom() - w.y() - 14; h > avail {
		if avail < 200 {
			w.newPage(false)
			avail = w.bottom() - w.y() - 14
		}
		h = math.Min(h, avail)
	}
	y = w.y()
	w.chart(marginX, y, w.contentW(), h, 0.85, func() (*plot.Plot, error) {
		return chart.InvestWait(rows, chart.InvestWaitOptions{Title: " ", Unit: d.cur}, d.style)
	})
	w.setY(y + h + 4)
	if note != "" {
		w.muted(note)
	}
}

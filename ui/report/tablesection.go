package report

// The table of all initiatives.

import (
	"fmt"

	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
)

// tableSection writes the table of all initiatives on landscape pages. An
// initiative whose deadline has passed on the report's date says so first
// in its action, as in the decisions due: "deadline passed; wait".
func (w *writer) tableSection(d *reportData) {
	w.sectionPage(secTable, titleTable, true)
	cur := d.cur
	cols := []column{{"Initiative", 5.6, false, true}, {"Tag", 1.7, false, false}, {"S", 1.5, true, false}, {"X", 1.5, true, false}, {"Deadline", 1.9, false, false},
		{"σ", 1.1, true, false}, {"Value", 1.5, true, false}, {"NPV", 1.5, true, false}, {"NPVq", 1.2, true, false}, {"σ√t", 1.1, true, false}, {"Region", 1.3, true, false}, {"Recommended action", 4.9, false, true}}
	rows := make([][]string, 0, len(d.order))
	regions := make([]valuation.Region, 0, len(d.order))
	for _, i := range d.order {
		in := &d.p.Initiatives[i]
		r := &d.v.Initiatives[i]
		row := []string{in.Name, orDash(in.Tag)}
		reg := regionOf(r)
		note := ""
		if d.passed(in, r).deadline {
			note = format.DeadlinePassed + "; "
		}
		switch {
		case r.Err != nil:
			row = append(row, dash, dash, formatDate(in.Deadline), dash, dash, dash, dash, dash, dash, note+"not valued: "+clean(r.Err.Error()))
		default:
			region, action := dash, string(r.Status)
			if reg > 0 {
				region, action = fmt.Sprint(int(reg)), reg.Action()
			}
			if r.ExcludedBy != "" {
				action += " (excluded)"
			}
			row = append(row, formatMoneyShort(r.S, cur), formatMoneyShort(r.X, cur), formatDate(in.Deadline), formatPercent(r.Sigma, 0),
				formatMoneyShort(r.Position.Value, cur), formatMoneyShort(r.Position.NPV, cur), formatFloat(r.Position.NPVq, 2),
				formatFloat(r.Position.CumVol, 2), region, note+action)
		}
		rows = append(rows, row)
		regions = append(regions, reg)
	}
	w.muted(fmt.Sprintf("Amounts in %s; S and X as resolved from formulas; σ per year; value is the stand-alone option value; NPV = S − X; NPVq = S / PV(X). Sorted by region, then value.", currencyName(cur)))
	w.cappedTable(cols, rows, func(i int) (rgb, bool) { return d.regionSwatch(regions[i]) }, d.tableCap(boardTableRows), "initiatives")
}

func currencyName(cur string) string {
	if cur == "" {
		return "the portfolio's currency"
	}
	return clean(cur)
}

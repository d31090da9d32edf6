package ui

import (
	"fmt"
	"image"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// investView is the executive view: for each open initiative the value of
// investing now against the value of keeping the option, and the decision
// windows closing in the next 90 days.
type investView struct {
	w       *Window
	pane    *chartPane
	closing *widget.List
	rows    []closingRow
	// closingBox gives the closing list its height (closingHeight).
	closingBox *fyne.Container
	body       *fyne.Container
	// waiting is set while the chart waits for the values (its message
	// says how far the valuation is, showProgress).
	waiting bool
}

// closingRow is an open initiative whose deadline is near.
type closingRow struct {
	id, text string
	days     int
}

func newInvestView(w *Window) *investView {
	v := &investView{w: w, pane: newChartPane(w.app)}
	v.closing = widget.NewList(func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(v.rows[i].text)
			l.Importance = widget.WarningImportance
			if v.rows[i].id == "" {
				l.Importance = widget.MediumImportance
			} else if v.rows[i].days <= 30 {
				l.Importance = widget.DangerImportance
			}
			l.Refresh()
		})
	v.closing.OnSelected = func(i widget.ListItemID) {
		if i < len(v.rows) {
			w.ses.Select(v.rows[i].id)
		}
		v.closing.UnselectAll()
	}
	w.ses.OnChange(func(c Change) {
		if c != ChangedSelection {
			v.refresh()
		}
	})
	w.onThemeChanged(v.pane.themeChanged)
	v.refresh()
	return v
}

func (v *investView) content() fyne.CanvasObject {
	head := widget.NewLabelWithStyle(fmt.Sprintf("Decision windows closing in the next %d days", closingDays), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.closingBox = container.NewGridWrap(fyne.NewSize(1, closingHeight(len(v.rows))))
	bottom := container.NewBorder(head, nil, nil, nil, container.NewStack(v.closingBox, v.closing))
	v.body = container.NewBorder(nil, bottom, nil, nil, v.pane.content())
	return v.body
}

// closingRowsShown is how many rows of closing decisions the view shows
// before the list scrolls.
const closingRowsShown = 3

// closingHeight is the height of the closing decisions' list for n rows:
// n rows, at most closingRowsShown, at least one (the "none due" line).
// A fixed 130 (three rows) took that height from the chart when one line
// said that none is due, and at 1024x700 the chart's names shrank to fit
// their rows.
func closingHeight(n int) float32 {
	n = min(max(n, 1), closingRowsShown)
	row := widget.NewLabel("Xg").MinSize().Height + theme.Padding()
	return float32(n) * row
}

func (v *investView) refresh() {
	p, val := v.w.ses.Portfolio, v.w.ses.Valuation
	rows := chart.InvestWaitFromValuation(p, val)
	unit := p.Currency
	v.waiting = len(rows) == 0 && v.w.ses.Pending()
	if v.waiting {
		// Not "no open initiative": the values are not there yet.
		v.pane.setMessage(valuingStatus(v.w.ses))
		v.pane.invalidate(nil)
	} else if len(rows) == 0 {
		v.pane.setMessage("No open initiative to decide on.")
		v.pane.invalidate(nil)
	} else {
		v.pane.setMessage("")
		v.pane.invalidate(func(wPx, hPx int, dpi float64, st chart.Style) (image.Image, []chart.Hit, error) {
			// As many rows as the pane's height gives a readable name.
			shown, title := investRowsShownOf(rows, investRowsFit(hPx, dpi, st))
			p, err := chart.InvestWait(shown, chart.InvestWaitOptions{Unit: unit, Title: title}, st)
			if err != nil {
				return nil, nil, err
			}
			img, err := chart.Render(p, wPx, hPx, dpi)
			return img, nil, err
		})
	}
	v.rows = closingSoon(p, val, closingDays)
	if len(v.rows) == 0 {
		v.rows = []closingRow{{text: fmt.Sprintf("No open decision is due within %d days of %s.", closingDays, p.AsOf)}}
	}
	if v.closingBox != nil {
		v.closingBox.Layout = layout.NewGridWrapLayout(fyne.NewSize(1, closingHeight(len(v.rows))))
		v.body.Refresh()
	}
	v.closing.Refresh()
}

// showProgress updates the "Valuing N initiatives… 40%" message while the
// chart waits for the values (watchProgress calls it with each chunk).
func (v *investView) showProgress() {
	if v.waiting && v.w.ses.Pending() {
		v.pane.setMessage(valuingStatus(v.w.ses))
	}
}

// investRowsShown is how many initiatives the invest / wait chart shows:
// at 1,000 its bars were thinner than a pixel, a faint smear.
const investRowsShown = 40

// investRowsMin is the fewest rows the chart is cut to, however short
// its pane.
const investRowsMin = 8

// investRowsFit is how many rows a chart hPx high at dpi shows with each
// name at the chart's tick size (a row of 1.4 lines; the title, the legend
// and the value axis take about 8 lines): investRowsShown in a tall pane,
// at least investRowsMin. At 1024x700 and 1,000 initiatives the 40 rows
// were 6 px each and their names were hidden (fitNames hides them below
// 6 pt).
func investRowsFit(hPx int, dpi float64, st chart.Style) int {
	if dpi <= 0 {
		return investRowsShown
	}
	hPt := float64(hPx) * 72 / dpi
	line := float64(st.TickSize)
	n := int((hPt - 8*line) / (1.4 * line))
	return min(max(n, investRowsMin), investRowsShown)
}

// investRowsShownOf keeps the limit rows the chart puts on top (the
// largest of NPV and option value first, as chart.InvestWait sorts) and
// the title that says so; all rows and the chart's own title ("") when
// there are no more.
func investRowsShownOf(rows []chart.InvestWaitRow, limit int) ([]chart.InvestWaitRow, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rs := append([]chart.InvestWaitRow(nil), rows...)
	sort.SliceStable(rs, func(i, j int) bool {
		return max(rs[i].NPV, rs[i].OptionValue) > max(rs[j].NPV, rs[j].OptionValue)
	})
	// How many of how many first: a narrow pane cuts the title's end.
	return rs[:limit], fmt.Sprintf("The %d largest of %s: invest now or keep the option",
		limit, format.Count(len(rows), "open initiative", "open initiatives"))
}

// closingSoon lists the open initiatives whose deadline is within days of
// the as-of date or has passed (portfolio.Deadlines), soonest first.
func closingSoon(p *model.Portfolio, val *portfolio.Valuation, days int) []closingRow {
	var out []closingRow
	for _, d := range portfolio.Deadlines(p, p.AsOf, days) {
		action := ""
		if r := val.ByID(d.ID); r != nil && r.Err == nil {
			action = fmt.Sprintf(" · region %d %s: %s", r.Position.Region, r.Position.Region, r.Position.Region.Action())
		}
		out = append(out, closingRow{id: d.ID, days: d.Days,
			text: fmt.Sprintf("%s — %s (deadline %s)%s", d.Name, format.Days(d.Days), format.Date(d.Date), action)})
	}
	return out
}

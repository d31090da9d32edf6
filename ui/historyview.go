package ui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
)

// now is the name of today's state in the history comparison.
const now = "Today (current numbers)"

// historyView lists the snapshots, takes new ones and compares any two (or
// one with today): what moved between reviews. A chart shows the
// portfolio's value over the snapshots.
type historyView struct {
	w        *Window
	from, to *widget.Select
	compare  *widget.Label
	pane     *chartPane
}

func newHistoryView(w *Window) *historyView {
	v := &historyView{w: w, compare: widget.NewLabel(""), pane: newChartPane(w.app)}
	v.compare.TextStyle.Monospace = true
	v.from = widget.NewSelect(nil, func(string) { v.onCompareChanged() })
	v.to = widget.NewSelect(nil, func(string) { v.onCompareChanged() })
	w.onThemeChanged(v.pane.themeChanged)
	w.ses.OnChange(func(c Change) {
		if c == ChangedPortfolio {
			v.refresh()
		}
	})
	v.refresh()
	return v
}

func (v *historyView) content() fyne.CanvasObject {
	take := widget.NewButtonWithIcon("Take snapshot", theme.MediaPhotoIcon(), v.w.bar.onSnapshot)
	bar := container.NewBorder(nil, nil, take, nil, container.NewGridWithColumns(2,
		v.from,
		container.NewBorder(nil, nil, widget.NewLabel("with"), nil, v.to)))
	split := container.NewVSplit(v.pane.content(), container.NewScroll(v.compare))
	return container.NewBorder(bar, nil, nil, nil, split)
}

// snapshots returns the portfolio's snapshots by date taken.
func (v *historyView) snapshots() []model.Snapshot {
	s := append([]model.Snapshot(nil), v.w.ses.Portfolio.Snapshots...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Taken.Before(s[j].Taken.Time) })
	return s
}

func (v *historyView) refresh() {
	snaps := v.snapshots()
	opts := make([]string, 0, len(snaps)+1)
	for _, s := range snaps {
		opts = append(opts, s.Label)
	}
	opts = append(opts, now)
	v.from.Options, v.to.Options = opts, opts
	if !contains(opts, v.from.Selected) {
		v.from.Selected = opts[max(0, len(opts)-2)]
	}
	if !contains(opts, v.to.Selected) {
		v.to.Selected = now
	}
	v.from.Refresh()
	v.to.Refresh()
	hist := chart.PortfolioHistory(v.w.ses.Portfolio, v.w.ses.Valuation)
	if len(hist.Dates) < 2 {
		v.pane.setMessage("Take snapshots at each review (Ctrl+Shift+S)\nto see how the portfolio moves.")
		v.pane.invalidate(nil)
	} else {
		v.pane.setMessage("")
		v.pane.invalidate(plotDrawIn(func() (chart.HistoryInput, error) { return hist, nil }, chart.History))
	}
	v.onCompareChanged()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// numbersOf returns the numbers by initiative ID of a snapshot label or of
// today, with the initiatives' names.
func (v *historyView) numbersOf(label string) (map[string]model.Numbers, map[string]string, bool) {
	names := map[string]string{}
	if label == now {
		out := map[string]model.Numbers{}
		for i := range v.w.ses.Valuation.Initiatives {
			r := &v.w.ses.Valuation.Initiatives[i]
			names[r.ID] = r.Name
			if r.Err == nil {
				out[r.ID] = Numbers(r)
			}
		}
		return out, names, true
	}
	for _, s := range v.w.ses.Portfolio.Snapshots {
		if s.Label == label {
			for _, in := range s.Initiatives {
				names[in.ID] = in.Name
			}
			return s.Numbers, names, true
		}
	}
	return nil, nil, false
}

func (v *historyView) onCompareChanged() {
	v.compare.SetText(v.comparison(v.from.Selected, v.to.Selected))
}

// comparison is the table of what moved from one state to another, largest
// change of value first.
func (v *historyView) comparison(from, to string) string {
	if len(v.w.ses.Portfolio.Snapshots) == 0 {
		return "No snapshot yet: take one now, and another at the next review, to compare them."
	}
	a, an, ok1 := v.numbersOf(from)
	b, bn, ok2 := v.numbersOf(to)
	if !ok1 || !ok2 {
		return ""
	}
	type row struct {
		name   string
		na, nb model.Numbers
		inA    bool
		inB    bool
		delta  float64
	}
	ids := map[string]bool{}
	for id := range a {
		ids[id] = true
	}
	for id := range b {
		ids[id] = true
	}
	var rows []row
	sumA, sumB := 0.0, 0.0
	for id := range ids {
		na, inA := a[id]
		nb, inB := b[id]
		name := bn[id]
		if name == "" {
			name = an[id]
		}
		sumA += na.Value
		sumB += nb.Value
		rows = append(rows, row{name, na, nb, inA, inB, nb.Value - na.Value})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if math.Abs(rows[i].delta) != math.Abs(rows[j].delta) {
			return math.Abs(rows[i].delta) > math.Abs(rows[j].delta)
		}
		return rows[i].name < rows[j].name
	})
	m := v.w.prefs.money
	var s strings.Builder
	fmt.Fprintf(&s, "%s → %s: option values %s → %s (%s)\n\n", from, to, m(sumA), m(sumB), signed(m(sumB-sumA)))
	fmt.Fprintf(&s, "%-34s %9s %9s %9s  %-11s %-11s %s\n", "initiative", "value", "→", "Δ", "NPVq", "σ√t", "region")
	for _, r := range rows {
		switch {
		case !r.inA:
			fmt.Fprintf(&s, "%-34s %9s %9s %9s  new\n", trunc(r.name, 34), "", m(r.nb.Value), signed(m(r.delta)))
		case !r.inB:
			fmt.Fprintf(&s, "%-34s %9s %9s %9s  gone\n", trunc(r.name, 34), m(r.na.Value), "", signed(m(r.delta)))
		default:
			reg := fmt.Sprintf("%d", r.nb.Region)
			if r.na.Region != r.nb.Region {
				reg = fmt.Sprintf("%d → %d", r.na.Region, r.nb.Region)
			}
			fmt.Fprintf(&s, "%-34s %9s %9s %9s  %-11s %-11s %s\n", trunc(r.name, 34), m(r.na.Value), m(r.nb.Value), signed(m(r.delta)),
				ratio(r.na.NPVq)+"→"+ratio(r.nb.NPVq), ratio(r.na.CumVol)+"→"+ratio(r.nb.CumVol), reg)
		}
	}
	return strings.TrimRight(s.String(), "\n")
}

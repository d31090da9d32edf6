package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// now is the name of today's state in the history comparison.
const now = "Today (current numbers)"

// historyView lists the snapshots, takes new ones and compares any two (or
// one with today): what moved between reviews. A chart shows the
// portfolio's value over the snapshots.
type historyView struct {
	w        *Window
	from, to *fitSelect
	compare  *widget.Label // the comparison's table, in monospace
	// hint says what to do when there is nothing to compare yet: wrapped
	// ordinary text, where the monospace table's label cut it off at the
	// pane's right edge.
	hint    *widget.Label
	actions *widget.Label // who did what, newest first
	pane    *chartPane
}

func newHistoryView(w *Window) *historyView {
	v := &historyView{w: w, compare: widget.NewLabel(""), actions: widget.NewLabel(""), pane: newChartPane(w.app)}
	v.compare.TextStyle.Monospace = true
	v.hint = wrapped("")
	v.hint.Hide()
	v.from = newFitSelect(pickerMaxWidth, func(string) { v.onCompareChanged() })
	v.to = newFitSelect(pickerMaxWidth, func(string) { v.onCompareChanged() })
	w.onThemeChanged(v.pane.themeChanged)
	w.ses.OnPortfolioChange(v.refresh)
	v.refresh()
	return v
}

func (v *historyView) content() fyne.CanvasObject {
	take := widget.NewButtonWithIcon("Take snapshot", theme.MediaPhotoIcon(), v.w.bar.onSnapshot)
	// The two states to compare beside the button, or above it in a
	// narrow pane (at 1024x700 the second select was squeezed to nothing);
	// each select as wide as its longest option where the pane has the
	// room, the second below the first where it has not ("Today (current
	// numbers)" was cut when they halved a 375-unit pane; pickerFlow).
	with := widget.NewLabel("with")
	withTo := container.NewBorder(nil, nil, with, nil, v.to)
	flow := &pickerFlow{prefer: []func() float32{
		v.from.preferredWidth,
		func() float32 { return with.MinSize().Width + theme.Padding() + v.to.preferredWidth() },
		func() float32 { return take.MinSize().Width },
	}, stretch: []bool{true, true, false}}
	bar := container.New(flow, v.from, withTo, take)
	// The hint above the scroll area, not in it: there the long lines of
	// the actions list made it wrap wider than the pane.
	split := container.NewVSplit(v.pane.content(), container.NewBorder(v.hint, nil, nil, nil,
		container.NewScroll(container.NewVBox(v.compare, widget.NewSeparator(), v.actions))))
	// The pickers laid out before their height is taken (barFirstLayout):
	// they stack or unstack as the pane's width changes.
	return container.New(barFirstLayout{}, bar, split)
}

// pickerMaxWidth is the most a History picker asks for: a longer
// snapshot label is shortened with an ellipsis (whole in the list and in
// the comparison's heading).
const pickerMaxWidth = 340

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
		opts = append(opts, snapshotOption(s))
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
		// Short lines: the chart's message does not wrap, and the pane
		// is under 380 units wide in a 1024x700 window.
		msg := "Take a snapshot at each review\n(Ctrl+Shift+S) to see how\nthe portfolio moves."
		if len(snaps) > 0 {
			// Snapshots exist but all hold today's as-of date.
			msg = fmt.Sprintf("%s, all as of %s:\nthe chart needs a second as-of date.\nTake the next one at the next review.",
				format.Count(len(snaps), "snapshot", "snapshots"), snaps[len(snaps)-1].AsOf)
		}
		v.pane.setMessage(msg)
		v.pane.invalidate(nil)
	} else {
		v.pane.setMessage("")
		v.pane.invalidate(plotDrawIn(func() (chart.HistoryInput, error) { return hist, nil }, chart.History))
	}
	v.onCompareChanged()
	v.refreshActions()
}

// refreshActions lists the database's newest actions: when, who (in a
// shared database) and what, undone ones marked.
func (v *historyView) refreshActions() {
	acts, err := v.w.ses.Store().Recent(15)
	if err != nil {
		v.actions.SetText("Recent actions: " + err.Error())
		return
	}
	var b strings.Builder
	b.WriteString("Recent actions (newest first)")
	if len(acts) == 0 {
		b.WriteString(": none yet")
	}
	for _, a := range acts {
		b.WriteString("\n")
		if !a.At.IsZero() {
			b.WriteString(a.At.Local().Format("2006-01-02 15:04") + "  ")
		}
		if a.Who != "" {
			b.WriteString(a.Who + "  ")
		}
		b.WriteString(a.Label)
		if a.Undone {
			b.WriteString("  (undone)")
		}
	}
	v.actions.SetText(b.String())
}

// snapshotOption is a snapshot as the lists offer it: its label and the
// day it was taken.
func snapshotOption(s model.Snapshot) string {
	return fmt.Sprintf("%s · %s", s.Label, s.Taken)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// valuationOf returns the valuation of a snapshot label (the portfolio as
// it was then, valued again) or of today.
func (v *historyView) valuationOf(label string) (*portfolio.Valuation, error) {
	if label == now {
		return v.w.ses.Valuation, nil
	}
	for i := range v.w.ses.Portfolio.Snapshots {
		if s := &v.w.ses.Portfolio.Snapshots[i]; s.Label == label || snapshotOption(*s) == label {
			return portfolio.ValueSnapshot(v.w.ses.Portfolio, s, portfolio.Options{WithLinks: true})
		}
	}
	return nil, fmt.Errorf("no snapshot %q", label)
}

func (v *historyView) onCompareChanged() {
	if len(v.w.ses.Portfolio.Snapshots) == 0 {
		v.hint.SetText(noSnapshotHint)
		v.hint.Show()
		v.compare.Hide()
		return
	}
	v.hint.Hide()
	v.compare.SetText(v.comparison(v.from.Selected, v.to.Selected))
	v.compare.Show()
}

// noSnapshotHint is what History says before the first snapshot.
const noSnapshotHint = "No snapshot yet: take one now, and another at the next review, to compare them."

// comparison is the table of what moved from one state to another
// (portfolio.Compare of their valuations), largest change first: each
// row's Δ is the engine's Move.Change, what the initiative adds to the
// portfolio value, so the rows add up to the portfolio's change.
func (v *historyView) comparison(from, to string) string {
	if len(v.w.ses.Portfolio.Snapshots) == 0 {
		return noSnapshotHint
	}
	a, err1 := v.valuationOf(from)
	b, err2 := v.valuationOf(to)
	if err1 != nil || err2 != nil {
		return ""
	}
	im := portfolio.Compare(a, b)
	m := v.w.formatter().Amount
	var s strings.Builder
	f := v.w.formatter()
	fmt.Fprintf(&s, "%s → %s: portfolio value %s → %s (%s); amounts below in %s\n\n", from, to, f.Money(im.TotalBefore), f.Money(im.TotalAfter), f.Signed(im.Change()), format.Units(v.w.ses.Portfolio.Currency))
	fmt.Fprintf(&s, "%-34s %9s %9s %9s  %-11s %-11s %s\n", "initiative", "in total", "→", "Δ", "NPVq", "σ√t", "region")
	for _, r := range im.Moved {
		// The engine's rows: Δ is the change of what the initiative adds
		// to the total (Move.Change), so the rows add up to the change
		// above; a follow-on counted in its gate adds through the gate.
		var note []string
		if r.CountedIn != "" {
			note = append(note, "counted in "+r.CountedInName)
		}
		if own := r.StandAloneChange(); !r.Added && !r.Removed && m(own) != m(r.Change()) {
			note = append(note, "own value "+signed(m(own)))
		}
		tail := ""
		if len(note) > 0 {
			tail = "  " + strings.Join(note, "; ")
		}
		switch {
		case r.Added:
			fmt.Fprintf(&s, "%-34s %9s %9s %9s  new%s\n", trunc(r.Name, 34), "", contributionCell(r.After, m), signed(m(r.Change())), tail)
		case r.Removed:
			fmt.Fprintf(&s, "%-34s %9s %9s %9s  gone%s\n", trunc(r.Name, 34), contributionCell(r.Before, m), "", signed(m(r.Change())), tail)
		default:
			reg := fmt.Sprintf("%d", r.After.Region)
			if r.Before.Region != r.After.Region {
				reg = fmt.Sprintf("%d → %d", r.Before.Region, r.After.Region)
			}
			fmt.Fprintf(&s, "%-34s %9s %9s %9s  %-11s %-11s %s%s\n", trunc(r.Name, 34), contributionCell(r.Before, m), contributionCell(r.After, m), signed(m(r.Change())),
				ratio(r.Before.NPVq)+"→"+ratio(r.After.NPVq), ratio(r.Before.CumVol)+"→"+ratio(r.After.CumVol), reg, tail)
		}
	}
	if len(im.Moved) == 0 {
		s.WriteString("Nothing moved.\n")
	}
	return strings.TrimRight(s.String(), "\n")
}

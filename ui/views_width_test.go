package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/optionspace/optionspace/model"
)

// In the window a 1024x700 screen opens (921x630) every view is no wider
// than its pane, so nothing of it is cut at the pane's right edge behind
// a sideways scroll bar: a title, a card's subtitle or a row of inputs
// that does not wrap made the whole view wider (Drivers' bold driver
// names, Simulation's card subtitle that pushed Run out of sight,
// History's second select).
func TestViewsFitANarrowWindow(t *testing.T) {
	ses := newTestSession(t)
	win := narrowWindow(t, ses)
	for i, v := range views {
		if err := win.ShowView(v.name); err != nil {
			t.Fatal(err)
		}
		scroll, ok := win.tabs.Items[i].Content.(*container.Scroll)
		if !ok {
			t.Fatalf("%s: the view is not in a scroll area", v.name)
		}
		win.win.Resize(fyne.NewSize(922, 630))
		win.win.Resize(fyne.NewSize(921, 630))
		pane := scroll.Size().Width
		if pane <= 0 {
			t.Fatalf("%s: the view's pane has no width", v.name)
		}
		if need := scroll.Content.MinSize().Width; need > pane+0.5 {
			t.Errorf("%s: the view needs %.0f units, its pane is %.0f", v.name, need, pane)
		}
	}
}

// Before the first decision the Decisions view says how to record one in
// the list's place (that half of the view was blank), and once one is
// recorded it lists it and asks to select it.
func TestDecisionsViewSaysHowToStart(t *testing.T) {
	ses := newTestSession(t)
	ses.Portfolio.Decisions = nil
	win := narrowWindow(t, ses)
	v := showView[*decisionsView](t, win, "decisions")
	v.refresh()
	if !v.empty.Visible() || v.empty.Text != noDecisionHint || v.detail.Visible() {
		t.Fatalf("no decision: hint shown %v (%q), detail shown %v", v.empty.Visible(), v.empty.Text, v.detail.Visible())
	}
	in := ses.Portfolio.Initiatives[0]
	ses.Portfolio.Decisions = []model.Decision{{ID: "d1", Initiative: in.ID, Date: ses.Portfolio.AsOf, Decision: model.DecideWait}}
	v.refresh()
	if v.empty.Visible() || !v.detail.Visible() || v.detail.Text != selectDecisionHint || v.list.Length() != 1 {
		t.Fatalf("one decision: hint shown %v, detail %v %q, %d rows", v.empty.Visible(), v.detail.Visible(), v.detail.Text, v.list.Length())
	}
}

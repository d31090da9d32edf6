package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestInspectorFitsItsPane: at the window size the app opens at on a
// 1440x900 screen (90% of it) and at its preferred size, the inspector's
// content is no wider than its pane for any initiative of the sample (with
// a cash-flow model or without), so nothing is clipped at its right edge
// behind a horizontal scroll bar. The Assumptions card's long subtitle,
// the Estimate panel's subtitle, buttons and chart message made it 343
// units wide, wider than the pane below a 1,600-pixel screen. On a
// 1024x700 screen (window 921x630) the pane is about 190 units and a
// picker needs about 130 beside its 92-unit label: there the labels go
// above the fields (formRowLayout), and every field is given at least its
// minimum width inside the pane.
func TestInspectorFitsItsPane(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(921, 630), fyne.NewSize(1296, 810), preferredWindowSize} {
		ses := newTestSession(t)
		win := mountWindow(test.NewTempApp(t), ses, "", size)
		cashFlows := false
		for _, in := range ses.Portfolio.Initiatives {
			cashFlows = cashFlows || in.CashFlows != nil
			ses.Select(in.ID)
			pane := win.insp.scroll.Size().Width
			if pane <= 0 {
				t.Fatalf("%v: the inspector has no width", size)
			}
			if need := win.insp.body.MinSize().Width; need > pane {
				t.Errorf("window %v, %s: the inspector needs %.0f units, its pane is %.0f", size, in.Name, need, pane)
			}
			checkFieldsFit(t, win, fmt.Sprintf("window %v, %s", size, in.Name))
		}
		if !cashFlows {
			t.Error("the sample has no initiative with a cash-flow model: the Estimate panel's body was not checked")
		}
	}
}

// checkFieldsFit fails t when a field of the inspector's form (an entry,
// a select or a date field) is narrower than its minimum width, reaches
// past the right edge of the inspector's pane, or starts where the others
// do not (some labels beside their fields, some above).
func checkFieldsFit(t *testing.T, win *Window, where string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	paneRight := d.AbsolutePositionForObject(win.insp.scroll).X + win.insp.scroll.Size().Width
	fields := []fyne.CanvasObject{win.insp.name, win.insp.tag, win.insp.kind, win.insp.status, win.insp.s, win.insp.x,
		win.insp.sigma, win.insp.deadline, win.insp.q, win.insp.rate, win.insp.owner}
	left := d.AbsolutePositionForObject(fields[0]).X
	for _, f := range fields {
		// All rows alike: every label beside its field, or every one above.
		if x := d.AbsolutePositionForObject(f).X; x != left {
			t.Errorf("%s: a %T starts at %.0f, the name field at %.0f", where, f, x, left)
		}
		size, need := f.Size(), f.MinSize()
		if size.Width+0.5 < need.Width {
			t.Errorf("%s: a %T is %.0f units wide, it needs %.0f", where, f, size.Width, need.Width)
		}
		if right := d.AbsolutePositionForObject(f).X + size.Width; right > paneRight+0.5 {
			t.Errorf("%s: a %T ends at %.0f, past the pane's right edge at %.0f", where, f, right, paneRight)
		}
	}
}

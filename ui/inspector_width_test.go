package ui

import (
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
// units wide, wider than the pane below a 1,600-pixel screen. (On a
// 1024x700 screen the pane is 192 units and the form's pickers still need
// 224.)
func TestInspectorFitsItsPane(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(1296, 810), preferredWindowSize} {
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
		}
		if !cashFlows {
			t.Error("the sample has no initiative with a cash-flow model: the Estimate panel's body was not checked")
		}
	}
}

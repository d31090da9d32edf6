package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// In the window a 1024x700 screen opens (921x630) every view is no wider
// than its pane, so nothing of it is cut at the pane's right edge behind
// a sideways scroll bar: a title, a card's subtitle or a row of inputs
// that does not wrap made the whole view wider (Drivers' bold driver
// names, Simulation's card subtitle that pushed Run out of sight,
// History's second select).
func TestViewsFitANarrowWindow(t *testing.T) {
	ses := newTestSession(t)
	win := mountWindow(test.NewTempApp(t), ses, "", fyne.NewSize(921, 630))
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

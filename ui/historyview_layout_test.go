package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// History in a 1024x700 screen's window (921x630), before the first
// snapshot: the hint is wrapped ordinary text within the view (the
// monospace label cut it at the pane's edge), both selects of the
// comparison get at least their minimum width (the second was squeezed to
// nothing beside the button), and each line of the chart's message fits
// the view's width.
func TestHistoryFitsANarrowWindow(t *testing.T) {
	ses := newTestSession(t)
	ses.Portfolio.Snapshots = nil
	win := narrowWindow(t, ses)
	v := showView[*historyView](t, win, "history")
	v.refresh()
	win.win.Canvas().Refresh(win.win.Content())
	win.win.Resize(fyne.NewSize(922, 630))
	win.win.Resize(fyne.NewSize(921, 630))
	d := fyne.CurrentApp().Driver()
	view := v.pane.raster
	left := d.AbsolutePositionForObject(view).X
	right := left + view.Size().Width
	if view.Size().Width <= 0 {
		t.Fatal("the history chart has no width")
	}
	if !v.hint.Visible() || v.compare.Visible() {
		t.Fatalf("without snapshots: hint shown %v, table shown %v", v.hint.Visible(), v.compare.Visible())
	}
	if v.hint.Wrapping != fyne.TextWrapWord || v.hint.TextStyle.Monospace {
		t.Error("the hint is not wrapped ordinary text")
	}
	if end := d.AbsolutePositionForObject(v.hint).X + v.hint.Size().Width; end > right+0.5 {
		t.Errorf("the hint ends at %.0f, past the view's edge at %.0f", end, right)
	}
	for name, s := range map[string]fyne.CanvasObject{"from": v.from, "to": v.to} {
		if s.Size().Width+0.5 < s.MinSize().Width {
			t.Errorf("the %s select is %.0f wide, it needs %.0f", name, s.Size().Width, s.MinSize().Width)
		}
		if end := d.AbsolutePositionForObject(s).X + s.Size().Width; end > right+0.5 {
			t.Errorf("the %s select ends at %.0f, past the view's edge at %.0f", name, end, right)
		}
	}
	size := theme.TextSize()
	for _, line := range strings.Split(v.pane.msg.Text, "\n") {
		if w := fyne.MeasureText(line, size, fyne.TextStyle{}).Width + 2*theme.InnerPadding(); w > view.Size().Width {
			t.Errorf("the chart's message line %q needs %.0f, the view is %.0f", line, w, view.Size().Width)
		}
	}
}

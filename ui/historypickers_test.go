package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// shownText is the text a select draws (its label's text objects, as cut
// to the select's width).
func shownText(s fyne.Widget) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text)
		case *widget.RichText:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	for _, o := range test.WidgetRenderer(s).Objects() {
		walk(o)
	}
	return b.String()
}

// History's pickers show the states they compare whole in the window of
// a 1024x700 screen (921x630, the pane about 375 wide), in a 1024x700
// window and in a wide one: "Today (current numbers)" and a snapshot's
// "Q3 board review · 2026-12-06" (they were "Today (current num…" and
// "Today (curre…" when the two halved the pane). Each picker stays inside
// the view, a long label elsewhere in the list notwithstanding, and the
// chart starts below the pickers (not under them).
func TestHistoryPickersShowTheirChoice(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 921, Height: 630}, {Width: 1024, Height: 700}, {Width: 1600, Height: 1000}} {
		ses := newTestSession(t)
		// A long label in the list (not chosen) must not widen the
		// pickers past the pane.
		for _, label := range []string{"Q2 board review Review 2026-06-30 with the steering committee and the CFO", "Q3 board review"} {
			if err := ses.TakeSnapshot(label); err != nil {
				t.Fatal(err)
			}
		}
		win := mountWindow(test.NewTempApp(t), ses, ThemeLight, size)
		v := showView[*historyView](t, win, "history")
		v.refresh()
		win.win.Resize(size.AddWidthHeight(1, 0))
		win.win.Resize(size)
		d := fyne.CurrentApp().Driver()
		chartTop := d.AbsolutePositionForObject(v.pane.raster).Y
		viewRight := d.AbsolutePositionForObject(v.pane.raster).X + v.pane.raster.Size().Width
		for name, s := range map[string]*fitSelect{"from": v.from, "to": v.to} {
			if s.Selected == "" {
				t.Fatalf("%v: the %s picker has no choice", size, name)
			}
			if got := shownText(s); got != s.Selected {
				t.Errorf("%v: the %s picker shows %q of %q (%.0f wide)", size, name, got, s.Selected, s.Size().Width)
			}
			pos := d.AbsolutePositionForObject(s)
			if pos.X+s.Size().Width > viewRight+0.5 {
				t.Errorf("%v: the %s picker ends at %.0f, past the view's edge at %.0f", size, name, pos.X+s.Size().Width, viewRight)
			}
			if pos.Y+s.Size().Height > chartTop+0.5 {
				t.Errorf("%v: the %s picker (bottom %.0f) overlaps the chart at %.0f", size, name, pos.Y+s.Size().Height, chartTop)
			}
		}
		if v.to.Selected != now || !strings.Contains(v.from.Selected, "Q3 board review") {
			t.Errorf("%v: comparing %q with %q", size, v.from.Selected, v.to.Selected)
		}
	}
}

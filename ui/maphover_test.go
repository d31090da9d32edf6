package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestMapHoverShowsTheValueAt1024: in a 1024x700 window (and the 921x630
// one a 1024x700 screen opens) the map's read-out, as drawn (cut to its
// width), shows the hovered bubble's value for every bubble of the
// sample; when the pointer leaves the map the hint is shown again. Before,
// the line began with the name and NPVq and was cut before the value
// ("… · σ√t 0.71 · value €…"), and it kept the last bubble's numbers.
func TestMapHoverShowsTheValueAt1024(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(921, 630), fyne.NewSize(1024, 700)} {
		ses := newTestSession(t)
		win := mountWindow(test.NewTempApp(t), ses, "", size)
		sv := win.shown["space"].(*spaceView)
		c := win.win.Canvas()
		_, hits := renderMap(t, sv)
		f := win.formatter()
		seen := 0
		for _, h := range hits {
			pos := fyne.NewPos(float32(h.X), float32(h.Y))
			if own := sv.hitAt(pos); own == nil || own.ID != h.ID {
				continue // under another bubble
			}
			test.MoveMouse(c, mapOrigin(sv).Add(pos))
			r := ses.Valuation.ByID(h.ID)
			want := "value " + f.Money(r.Position.Value)
			if drawn := shownText(sv.hover); !strings.Contains(drawn, want) {
				t.Errorf("window %v, %s: the read-out shows %q, not %q", size, r.Name, drawn, want)
			}
			seen++
		}
		if seen < 5 {
			t.Fatalf("window %v: only %d bubbles hovered", size, seen)
		}
		test.MoveMouse(c, fyne.NewPos(1, 1))
		if sv.hover.Text != mapHoverHint {
			t.Errorf("window %v: after the pointer left the map the read-out is %q", size, sv.hover.Text)
		}
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The bar's right group wraps onto a second row when both do not fit, and
// back when they do, and its height follows (twoRows); the bar is never
// wider than its wider group.
func TestBarLayoutWraps(t *testing.T) {
	test.NewTempApp(t)
	left, right := canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	left.SetMinSize(fyne.NewSize(700, 36))
	right.SetMinSize(fyne.NewSize(250, 36))
	l := &barLayout{}
	c := container.New(l, left, right)
	if got := c.MinSize(); got.Width != 700 || got.Height != 36 {
		t.Fatalf("min size %v, want 700x36", got)
	}
	c.Resize(fyne.NewSize(1200, 36))
	if right.Position().Y != 0 || right.Position().X != 950 || l.twoRows {
		t.Fatalf("wide: right at %v, two rows %v", right.Position(), l.twoRows)
	}
	c.Resize(fyne.NewSize(900, 36))
	if right.Position().Y != 36+theme.Padding() || right.Position().X != 650 || !l.twoRows {
		t.Fatalf("narrow: right at %v, two rows %v", right.Position(), l.twoRows)
	}
	if got := c.MinSize(); got.Width != 700 || got.Height != 72+theme.Padding() {
		t.Fatalf("narrow min size %v", got)
	}
	c.Resize(fyne.NewSize(1200, 36))
	if right.Position().Y != 0 || l.twoRows {
		t.Fatalf("wide again: right at %v, two rows %v", right.Position(), l.twoRows)
	}
}

// In a window narrower than the bar's one row the right group (undo,
// redo, snapshot, preferences, help) moves below, inside the window.
func TestBarFitsANarrowWindow(t *testing.T) {
	win, _ := newTestWindow(t)
	win.win.Resize(fyne.NewSize(760, 640))
	d := fyne.CurrentApp().Driver()
	for _, b := range []fyne.CanvasObject{win.bar.undo, win.bar.redo} {
		pos := d.AbsolutePositionForObject(b)
		if pos.X+b.Size().Width > 760 || b.Size().Width == 0 {
			t.Errorf("button at %v, %v wide: cut off at 760 px", pos, b.Size().Width)
		}
	}
	if win.bar.layout.twoRows != true {
		t.Error("the bar did not wrap at 760 px")
	}
	win.win.Resize(fyne.NewSize(1600, 900))
	if win.bar.layout.twoRows {
		t.Error("the bar stayed on two rows at 1600 px")
	}
}

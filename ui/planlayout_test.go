package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestPlanLayoutSideBySideOrStacked: wide, the list is the left half and
// the charts stand on the right, one above the other; narrow, the list is
// the top half and the charts share the bottom, each half the width.
func TestPlanLayoutSideBySideOrStacked(t *testing.T) {
	test.NewTempApp(t)
	list, mapc, front := canvas.NewRectangle(nil), canvas.NewRectangle(nil), canvas.NewRectangle(nil)
	objs := []fyne.CanvasObject{list, mapc, front}
	l := planLayout{}

	l.Layout(objs, fyne.NewSize(800, 400))
	if list.Position().X != 0 || list.Size().Height != 400 || list.Size().Width >= 400 || list.Size().Width < 390 {
		t.Errorf("wide: list at %v size %v, want the left half", list.Position(), list.Size())
	}
	if mapc.Position().X <= list.Size().Width || front.Position().Y <= mapc.Position().Y || mapc.Position().X != front.Position().X {
		t.Errorf("wide: map at %v, frontier at %v, want stacked on the right", mapc.Position(), front.Position())
	}

	l.Layout(objs, fyne.NewSize(370, 430))
	if list.Size().Width != 370 || list.Size().Height >= 215 || list.Size().Height < 205 {
		t.Errorf("narrow: list size %v, want the full width and the top half", list.Size())
	}
	if mapc.Position().Y <= list.Size().Height || mapc.Position().Y != front.Position().Y || front.Position().X <= mapc.Size().Width-1 {
		t.Errorf("narrow: map at %v, frontier at %v, want side by side below the list", mapc.Position(), front.Position())
	}
	if w := mapc.Size().Width; w < 175 {
		t.Errorf("narrow: a chart is %v wide, want about half of 370", w)
	}
}

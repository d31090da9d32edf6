package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// TestPlanLayoutSideBySideOrStacked: wide, the list is the left half and
// the charts stand on the right, one above the other; narrow, the list is
// on top and the charts under it, each the whole width.
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

	// Narrow: the list on top and the charts under it, one under the
	// other, each the whole width and planChartMin high; the layout is
	// then taller, and says so once (relayout) so that the view's scroll
	// area takes its new height.
	list.SetMinSize(fyne.NewSize(280, 200))
	calls := 0
	l.relayout = func() { calls++ }
	l.Layout(objs, fyne.NewSize(370, 430))
	m := l.MinSize(objs)
	if calls != 1 || m.Height < 200+2*planChartMin {
		t.Fatalf("narrow: relayout called %d times, min size %v: want once, and room for the list and two charts %d high", calls, m, planChartMin)
	}
	l.Layout(objs, fyne.NewSize(370, m.Height))
	if list.Size() != fyne.NewSize(370, 200) {
		t.Errorf("narrow: list size %v, want the full width and its minimum height", list.Size())
	}
	if mapc.Position().Y < 200 || front.Position().Y < mapc.Position().Y+mapc.Size().Height || mapc.Position().X != 0 || front.Position().X != 0 {
		t.Errorf("narrow: map at %v, frontier at %v, want them one under the other below the list", mapc.Position(), front.Position())
	}
	for _, c := range []fyne.CanvasObject{mapc, front} {
		if c.Size() != fyne.NewSize(370, planChartMin) {
			t.Errorf("narrow: a chart is %v, want the full width and %d high", c.Size(), planChartMin)
		}
	}
	if calls != 1 {
		t.Errorf("relayout called %d times, want once (the arrangement changed once)", calls)
	}
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// planLayout arranges the funding view's three parts: the plan's list and
// its two charts (the map, the frontier). In a pane at least planWide across,
// the list takes the left half and the charts the right half, one above
// the other. In a narrower pane (the 1024x700 window, where the centre
// pane is under 400 px wide) side by side would leave each chart about
// 90 px, and the charts side by side under the list each half the pane's
// width and a quarter of its height (about 180x120 px at 1024x700): there
// the list is on top and the charts below it, one under the other, each
// the pane's whole width and at least planChartMin high, and the view
// scrolls to them. The objects are only moved and resized, never
// rebuilt, so a resize under the pointer keeps every widget and its state.
//
// Its minimum height depends on the width it was last given (the narrow
// arrangement is taller); when that changes the arrangement, relayout is
// called (once, after the objects are placed) so that the scroll area
// holding the view gives it its new height.
type planLayout struct {
	narrow   bool
	relayout func()
}

// planWide is the pane width from which the list and the charts stand side
// by side: the list's minimum width (280) plus a chart's (about 280).
const planWide = 600

// planChartMin is the least height of a chart in the narrow arrangement.
const planChartMin = 220

// Layout places objs (list, map chart, frontier chart) in size.
func (l *planLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 3 {
		return
	}
	narrow := size.Width < planWide
	if narrow != l.narrow {
		l.narrow = narrow
		if l.relayout != nil {
			defer l.relayout()
		}
	}
	list, top, bottom := objs[0], objs[1], objs[2]
	pad := theme.Padding()
	if !narrow {
		w, h := (size.Width-pad)/2, (size.Height-pad)/2
		place(list, 0, 0, w, size.Height)
		place(top, w+pad, 0, size.Width-w-pad, h)
		place(bottom, w+pad, h+pad, size.Width-w-pad, size.Height-h-pad)
		return
	}
	// The list keeps its minimum height; the charts share the rest, each
	// at least planChartMin.
	ch := max(l.chartMin(objs), (size.Height-list.MinSize().Height-2*pad)/2)
	listH := max(0, size.Height-2*(ch+pad))
	place(list, 0, 0, size.Width, listH)
	place(top, 0, listH+pad, size.Width, ch)
	place(bottom, 0, listH+pad+ch+pad, size.Width, ch)
}

// chartMin is a chart's least height in the narrow arrangement.
func (l *planLayout) chartMin(objs []fyne.CanvasObject) float32 {
	return max(planChartMin, objs[1].MinSize().Height, objs[2].MinSize().Height)
}

// MinSize is the list above the taller chart (the charts side by side or
// at the right) in the wide arrangement, the list above both charts in
// the narrow one: the widest part across.
func (l *planLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 3 {
		return fyne.Size{}
	}
	a, b, c := objs[0].MinSize(), objs[1].MinSize(), objs[2].MinSize()
	pad := theme.Padding()
	if l.narrow {
		return fyne.NewSize(max(a.Width, b.Width, c.Width), a.Height+2*(pad+l.chartMin(objs)))
	}
	return fyne.NewSize(max(a.Width, b.Width+pad+c.Width), a.Height+pad+max(b.Height, c.Height))
}

func place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

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
// 90 px: there the list takes the top half and the charts share the
// bottom half side by side, so each keeps half the pane's width. The
// objects are only moved and resized, never rebuilt, so a resize under the
// pointer keeps every widget and its state.
type planLayout struct{}

// planWide is the pane width from which the list and the charts stand side
// by side: the list's minimum width (280) plus a chart's (about 280).
const planWide = 600

// Layout places objs (list, map chart, frontier chart) in size.
func (l planLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 3 {
		return
	}
	list, top, bottom := objs[0], objs[1], objs[2]
	pad := theme.Padding()
	w, h := (size.Width-pad)/2, (size.Height-pad)/2
	if size.Width >= planWide {
		place(list, 0, 0, w, size.Height)
		place(top, w+pad, 0, size.Width-w-pad, h)
		place(bottom, w+pad, h+pad, size.Width-w-pad, size.Height-h-pad)
		return
	}
	place(list, 0, 0, size.Width, h)
	place(top, 0, h+pad, w, size.Height-h-pad)
	place(bottom, w+pad, h+pad, size.Width-w-pad, size.Height-h-pad)
}

// MinSize is the stacked arrangement's: the widest part across, the list
// above the taller chart.
func (l planLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 3 {
		return fyne.Size{}
	}
	a, b, c := objs[0].MinSize(), objs[1].MinSize(), objs[2].MinSize()
	pad := theme.Padding()
	return fyne.NewSize(max(a.Width, b.Width+pad+c.Width), a.Height+pad+max(b.Height, c.Height))
}

func place(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}

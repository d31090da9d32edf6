package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// barLayout lays the portfolio bar out as its two groups (the portfolio's
// actions and as-of date at the left, undo/redo, snapshot, preferences
// and help at the right) on one row when the window is wide enough, and
// the right group on a second row below when it is not, so that nothing
// of the bar is cut off or hidden in a sideways scroll on a small screen.
// Its minimum width is its wider group's, never the sum, so the bar does
// not make the window wider.
//
// The height depends on the width it was last given; when that changes
// the number of rows, relayout is called (once) so that the container
// holding the bar gives it its new height.
type barLayout struct {
	twoRows  bool
	relayout func()
}

// rowsFor reports whether left and right need two rows at width.
func (l *barLayout) rowsFor(left, right fyne.Size, width float32) bool {
	return left.Width+theme.Padding()+right.Width > width
}

// MinSize implements fyne.Layout: the wider group, one or two rows high.
func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	left, right := objs[0].MinSize(), objs[1].MinSize()
	h := max(left.Height, right.Height)
	if l.twoRows {
		h = left.Height + theme.Padding() + right.Height
	}
	return fyne.NewSize(max(left.Width, right.Width), h)
}

// Layout implements fyne.Layout.
func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	leftObj, rightObj := objs[0], objs[1]
	left, right := leftObj.MinSize(), rightObj.MinSize()
	two := l.rowsFor(left, right, size.Width)
	leftObj.Move(fyne.NewPos(0, 0))
	leftObj.Resize(fyne.NewSize(min(left.Width, size.Width), left.Height))
	if two {
		rightObj.Move(fyne.NewPos(max(0, size.Width-right.Width), left.Height+theme.Padding()))
	} else {
		rightObj.Move(fyne.NewPos(size.Width-right.Width, 0))
	}
	rightObj.Resize(fyne.NewSize(min(right.Width, size.Width), right.Height))
	if two != l.twoRows {
		l.twoRows = two
		if l.relayout != nil {
			l.relayout()
		}
	}
}

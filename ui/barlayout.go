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
// The height depends on the width it was last given (twoRows): the
// window's root (barFirstLayout) lays the bar out before it takes its
// height.
type barLayout struct {
	twoRows bool
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
	l.twoRows = two
}

// barFirstLayout is the window's root: objs[0] (the bar) at the top the
// whole width, objs[1] (the status line) at the bottom, objs[2] (the
// panes) between, like container.NewBorder(bar, status, nil, nil, panes)
// with fyne's padding; with two objects, objs[1] fills the rest below the
// bar (History's pickers above its chart). Unlike the Border it lays the
// bar out at the width before it takes the bar's height, so a bar that
// goes onto two rows (or back onto one) at that width gets its new height
// in the same pass: the Border took the height first, and the bar's
// relayout ran inside the Border's own layout, which then placed the
// panes for the old height (in the 1600x1000 goldens a one-row bar had a
// second row's gap below).
type barFirstLayout struct{}

// parts returns the bar, the status line (nil without) and the panes.
func (barFirstLayout) parts(objs []fyne.CanvasObject) (top, bottom, mid fyne.CanvasObject) {
	if len(objs) == 2 {
		return objs[0], nil, objs[1]
	}
	return objs[0], objs[1], objs[2]
}

// MinSize implements fyne.Layout.
func (l barFirstLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	top, bottom, mid := l.parts(objs)
	pad := theme.Padding()
	t, m := top.MinSize(), mid.MinSize()
	size := fyne.NewSize(max(t.Width, m.Width), t.Height+pad+m.Height)
	if bottom != nil {
		b := bottom.MinSize()
		size = fyne.NewSize(max(size.Width, b.Width), size.Height+pad+b.Height)
	}
	return size
}

// Layout implements fyne.Layout.
func (l barFirstLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top, bottom, mid := l.parts(objs)
	pad := theme.Padding()
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, top.MinSize().Height))
	if h := top.MinSize().Height; h != top.Size().Height {
		top.Resize(fyne.NewSize(size.Width, h))
	}
	end := size.Height
	if bottom != nil {
		bh := bottom.MinSize().Height
		bottom.Move(fyne.NewPos(0, size.Height-bh))
		bottom.Resize(fyne.NewSize(size.Width, bh))
		end -= bh + pad
	}
	y := top.Size().Height + pad
	mid.Move(fyne.NewPos(0, y))
	mid.Resize(fyne.NewSize(size.Width, max(0, end-y)))
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// formRowLayout lays two objects out side by side when the row is wide
// enough for both, and one above the other, each the row's whole width,
// when it is not, so that no picker is cut at a narrow pane's right edge
// (the inspector on a 1024x700 screen is under 200 units wide; a select
// or a date field needs about 130 beside a 92-unit label). Side by side:
//   - with labelWidth > 0, objs[0] (a label) takes a column labelWidth
//     wide at the left and objs[1] (the field) the rest, as a
//     container.NewBorder with the label in a cell that wide did;
//   - with labelWidth 0, objs[1] (a select and a button) takes its minimum
//     width at the right and objs[0] (an entry) the rest.
//
// Its minimum width is the wider of the two, never their sum, so the row
// does not widen its pane. The height depends on the width it was last
// given; when that changes the arrangement, relayout is called (once) so
// that the scroll area holding the form gives it its new height. Objects
// are only moved and resized, never rebuilt.
//
// Rows of one form share a formRows, so that they all stack or none does
// (a form with Name beside its field and Layer above its select reads
// unevenly).
type formRowLayout struct {
	labelWidth float32
	stacked    bool
	relayout   func()
	// group, if set, holds the fields of the rows that stack together.
	group *formRows
	// pane, if set, is the width of the pane the row is shown in (its
	// scroll area's): a row given more than that (its form made wider
	// by something else) still stacks as the pane needs, so the form
	// follows the pane whatever made it relayout.
	pane func() float32
}

// formRows are the fields of a form's rows: a row stacks when the widest
// of them does not fit beside its label.
type formRows struct{ fields []fyne.CanvasObject }

// widest is the largest minimum width of the fields.
func (g *formRows) widest() float32 {
	var w float32
	for _, f := range g.fields {
		w = max(w, f.MinSize().Width)
	}
	return w
}

// stackedAt reports whether a row of width needs objs[0] above objs[1].
func (l *formRowLayout) stackedAt(first, second fyne.Size, width float32) bool {
	lead, need := first.Width, second.Width
	if l.labelWidth > 0 {
		lead = l.labelWidth
	}
	if l.group != nil {
		need = max(need, l.group.widest())
	}
	if l.pane != nil {
		if p := l.pane(); p > 0 {
			width = min(width, p)
		}
	}
	return lead+theme.Padding()+need > width
}

// MinSize implements fyne.Layout.
func (l *formRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	first, second := objs[0].MinSize(), objs[1].MinSize()
	if l.stacked {
		return fyne.NewSize(max(first.Width, second.Width), first.Height+theme.Padding()+second.Height)
	}
	return fyne.NewSize(max(first.Width, second.Width), max(first.Height, second.Height))
}

// Layout implements fyne.Layout.
func (l *formRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a, b := objs[0], objs[1]
	first, second := a.MinSize(), b.MinSize()
	pad := theme.Padding()
	stacked := l.stackedAt(first, second, size.Width)
	switch {
	case stacked:
		place(a, 0, 0, size.Width, first.Height)
		place(b, 0, first.Height+pad, size.Width, max(second.Height, size.Height-first.Height-pad))
	case l.labelWidth > 0:
		place(a, 0, 0, l.labelWidth, first.Height)
		place(b, l.labelWidth+pad, 0, size.Width-l.labelWidth-pad, size.Height)
	default:
		place(a, 0, 0, size.Width-second.Width-pad, size.Height)
		place(b, size.Width-second.Width, 0, second.Width, size.Height)
	}
	if stacked != l.stacked {
		l.stacked = stacked
		if l.relayout != nil {
			l.relayout()
		}
	}
}

package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitSelect is a select that knows the width its longest option needs
// (up to maxWidth), so that pickerFlow lays it out wide enough to show
// the chosen option whole where the pane has the room: fyne's Select
// asks only for its placeholder's width, and History's pickers showed
// "Today (current num…". Its minimum size stays fyne's, so a narrow pane
// is not made wider: there the option is shortened with an ellipsis.
type fitSelect struct {
	widget.Select
	maxWidth float32
}

func newFitSelect(maxWidth float32, changed func(string)) *fitSelect {
	s := &fitSelect{maxWidth: maxWidth}
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// preferredWidth is the width at which the select shows its longest
// option whole (at most maxWidth, at least its minimum width).
func (s *fitSelect) preferredWidth() float32 {
	return max(s.MinSize().Width, min(s.maxWidth, s.optionsWidth()))
}

// optionsWidth is the width at which the select shows its longest option
// whole: the text, the select's paddings (its label's inset on each side
// of the text, the label inside the select's) and the drop-down icon, as
// fyne's selectRenderer.Layout takes them off.
func (s *fitSelect) optionsWidth() float32 {
	var text float32
	size := theme.TextSize()
	for _, o := range s.Options {
		text = max(text, fyne.MeasureText(o, size, fyne.TextStyle{}).Width)
	}
	return text + 4*theme.Padding() + theme.InnerPadding() + theme.IconInlineSize() + 2
}

// pickerFlow lays objects out in rows, each at the width prefer gives it
// (a picker its longest option's, a button its own) or the row's width
// if that is less, each in the first row with room for it, in order (so
// a button goes up beside the first picker when it fits there). A row's
// spare width is shared by its objects that stretch; a row without one
// gives its one object the whole width. The height depends on the width
// it was last given (barFirstLayout lays the flow out before it takes
// its height). Objects are only moved and resized, never rebuilt.
type pickerFlow struct {
	prefer  []func() float32
	stretch []bool
	height  float32
}

// rows arranges the objects at width: their indexes, row by row, and
// their widths.
func (l *pickerFlow) rows(objs []fyne.CanvasObject, width float32) ([][]int, []float32) {
	pad := theme.Padding()
	widths := make([]float32, len(objs))
	var rows [][]int
	var used []float32
	for i := range objs {
		widths[i] = min(l.prefer[i](), width)
		placed := false
		for r := range rows {
			if used[r]+pad+widths[i] <= width {
				rows[r] = append(rows[r], i)
				used[r] += pad + widths[i]
				placed = true
				break
			}
		}
		if !placed {
			rows = append(rows, []int{i})
			used = append(used, widths[i])
		}
	}
	return rows, widths
}

// MinSize implements fyne.Layout: the widest object's minimum, as high as
// the rows were at the last width (one row before the first layout).
func (l *pickerFlow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), max(h, m.Height)
	}
	if l.height > 0 {
		h = l.height
	}
	return fyne.NewSize(w, h)
}

// Layout implements fyne.Layout.
func (l *pickerFlow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rows, widths := l.rows(objs, size.Width)
	var y float32
	for _, row := range rows {
		var used, h float32
		stretchers := 0
		for k, i := range row {
			if k > 0 {
				used += pad
			}
			used += widths[i]
			h = max(h, objs[i].MinSize().Height)
			if l.stretch[i] {
				stretchers++
			}
		}
		spare := max(0, size.Width-used)
		x := float32(0)
		for _, i := range row {
			w := widths[i]
			switch {
			case l.stretch[i]:
				w += spare / float32(stretchers)
			case stretchers == 0 && len(row) == 1:
				w = size.Width
			}
			place(objs[i], x, y, w, h)
			x += w + pad
		}
		y += h + pad
	}
	l.height = max(0, y-pad)
}

package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
)

// axisFit is what a ticker that fits its labels to its axis (a fitter)
// is told by FitTo: the length of the data area along the axis in points
// (0: unknown, as while the data area is being measured), whether the
// axis is the vertical one, and the tick label style.
type axisFit struct {
	room     vg.Length
	vertical bool
	sty      draw.TextStyle
}

// fitAxis installs unfit (a ticker that does not know its room yet) on a
// and returns the length of p's data area along a on c (its height for
// the y axis, its width for the x axis) with a's tick label style: what a
// fitter needs to choose how many labels fit.
func fitAxis(p *plot.Plot, c draw.Canvas, a *plot.Axis, unfit plot.Ticker) axisFit {
	a.Tick.Marker = unfit
	dc := p.DataCanvas(c)
	if a == &p.Y {
		return axisFit{dc.Max.Y - dc.Min.Y, true, a.Tick.Label}
	}
	return axisFit{dc.Max.X - dc.Min.X, false, a.Tick.Label}
}

// finite reports whether every v is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// Money formats an amount compactly with the currency unit (a code or a
// symbol; empty for none) in front, as everywhere else
// (format.MoneyCompact): 951, 12.3k, €3.2M.
func Money(v float64, unit string) string { return format.MoneyCompact(v, unit) }

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// moneyTicks labels a value axis compactly (500k, 1M) without a unit:
// the axis label names the currency.
func moneyTicks() niceTicks {
	return niceTicks{n: 6, money: true}
}

// rect is a filled, outlined rectangle in data coordinates.
type rect struct {
	x0, x1, y0, y1 float64
	fill           color.Color
}

// drawRects draws rs on c with the plot's transforms.
func drawRects(c draw.Canvas, p *plot.Plot, rs []rect, outline color.Color) {
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: outline, Width: 0.5}
	for _, r := range rs {
		box := vg.Rectangle{
			Min: vg.Point{X: min(trX(r.x0), trX(r.x1)), Y: min(trY(r.y0), trY(r.y1))},
			Max: vg.Point{X: max(trX(r.x0), trX(r.x1)), Y: max(trY(r.y0), trY(r.y1))},
		}
		c.SetColor(r.fill)
		c.Fill(box.Path())
		if outline != nil {
			c.SetLineStyle(ls)
			c.Stroke(box.Path())
		}
	}
}

// rectSwatch is a legend thumbnail: a filled rectangle.
type rectSwatch struct{ c color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s rectSwatch) Thumbnail(c *draw.Canvas) {
	c.SetColor(s.c)
	c.Fill(c.Rectangle.Path())
}

// textItem is a text drawn at a data point with an offset in points.
type textItem struct {
	x, y   float64
	dx, dy vg.Length
	text   string
	sty    draw.TextStyle
}

// texts draws text items and reports their boxes as glyph boxes, so the
// plot makes room for them.
type texts []textItem

// Plot implements plot.Plotter.
func (ts texts) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, t := range ts {
		c.FillText(t.sty, vg.Point{X: trX(t.x) + t.dx, Y: trY(t.y) + t.dy}, t.text)
	}
}

// GlyphBoxes implements plot.GlyphBoxer.
func (ts texts) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	bs := make([]plot.GlyphBox, len(ts))
	for i, t := range ts {
		r := t.sty.Rectangle(t.text)
		r.Min.X += t.dx
		r.Max.X += t.dx
		r.Min.Y += t.dy
		r.Max.Y += t.dy
		bs[i] = plot.GlyphBox{X: p.X.Norm(t.x), Y: p.Y.Norm(t.y), Rectangle: r}
	}
	return bs
}

// vline is a vertical marker line over the whole data area with a label
// at its top.
type vline struct {
	x     float64
	ls    draw.LineStyle
	label string
	sty   draw.TextStyle
	// below puts the label at the bottom instead of the top; row moves it
	// that many lines inward.
	below bool
	row   int
}

// Plot implements plot.Plotter.
func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(v.x)
	if x < c.Min.X || x > c.Max.X {
		return
	}
	c.StrokeLine2(v.ls, x, c.Min.Y, x, c.Max.Y)
	if v.label == "" {
		return
	}
	sty := v.sty
	sty.XAlign = draw.XLeft
	lh := sty.Rectangle("Xg").Size().Y * vg.Length(v.row)
	pt := vg.Point{X: x + 3, Y: c.Max.Y - 2 - lh}
	sty.YAlign = draw.YTop
	if v.below {
		pt.Y = c.Min.Y + 2 + lh
		sty.YAlign = draw.YBottom
	}
	if w := sty.Rectangle(v.label).Size().X; pt.X+w > c.Max.X {
		pt.X = x - 3
		sty.XAlign = draw.XRight
	}
	c.FillText(sty, pt, v.label)
}

// nominalNames sets the y axis to names, the first at the top.
func nominalNames(p *plot.Plot, names []string) {
	n := len(names)
	ticks := make([]plot.Tick, n)
	for i, nm := range names {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: model.Truncate(nm, 34)}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Tick.Length = 0
}

// fitNames sets the y axis labels to names (placed by nominalNames),
// each shortened to at most maxW points. The label font is the style's
// tick size, smaller when the rows are too close for it (down to 6
// points); below that the names are left out rather than drawn over each
// other. Call it after the y range is final.
func fitNames(p *plot.Plot, c draw.Canvas, names []string, maxW vg.Length, st Style) {
	p.Y.Tick.Label.Font = st.font(st.TickSize)
	dc := p.DataCanvas(c)
	rowH := (dc.Max.Y - dc.Min.Y) / vg.Length(p.Y.Max-p.Y.Min)
	size := st.TickSize
	if lh := p.Y.Tick.Label.Rectangle("Xg").Size().Y; lh > rowH {
		size = st.TickSize * rowH / lh
	}
	hide := size < 6
	p.Y.Tick.Label.Font = st.font(max(size, 6))
	n := len(names)
	ticks := make([]plot.Tick, n)
	for i, nm := range names {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i)}
		if !hide {
			ticks[i].Label = fitMiddle(p.Y.Tick.Label, nm, maxW)
		}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
}

// errf builds an input error for a chart.
func errf(format string, args ...any) error { return fmt.Errorf(format, args...) }

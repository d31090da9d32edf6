package chart

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// InvestWaitRow is one initiative on the invest/wait chart.
type InvestWaitRow struct {
	Name string
	// NPV is the value of investing now, S - X; OptionValue the value of
	// keeping the option.
	NPV, OptionValue float64
	// Action is the recommended action; Deadline when the decision must be
	// taken (shown as given).
	Action, Deadline string
	// Region colours the option value bar.
	Region valuation.Region
}

// InvestWaitOptions control the invest/wait chart.
type InvestWaitOptions struct {
	Title string // "Invest now or keep the option" when empty
	Unit  string // currency shown on the axis
}

// InvestWait draws, per initiative, the value of investing now (NPV =
// S - X) beside the value of keeping the option, sorted by the larger of
// the two, largest on top, with the recommended action and the deadline.
func InvestWait(rows []InvestWaitRow, opt InvestWaitOptions, st Style) (*plot.Plot, error) {
	st.check()
	if len(rows) == 0 {
		return nil, errf("invest/wait chart: no initiatives")
	}
	rs := append([]InvestWaitRow(nil), rows...)
	for _, r := range rs {
		if !finite(r.NPV, r.OptionValue) {
			return nil, errf("invest/wait chart: initiative %q: NPV %g, option value %g: want finite numbers", r.Name, r.NPV, r.OptionValue)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		return math.Max(rs[i].NPV, rs[i].OptionValue) > math.Max(rs[j].NPV, rs[j].OptionValue)
	})
	title := opt.Title
	if title == "" {
		title = "Invest now or keep the option"
	}
	p := st.newPlot(title)
	names := make([]string, len(rs))
	var bars []rect
	var notes texts
	lo, hi := 0.0, 0.0
	n := len(rs)
	h := math.Min(0.38, 0.38*30/float64(n)+0.1)
	noteSty := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YCenter)
	for i, r := range rs {
		y := float64(n - 1 - i)
		names[i] = r.Name
		bars = append(bars,
			rect{0, r.NPV, y, y + h, withAlpha(st.Muted, 0x90)},
			rect{0, r.OptionValue, y - h, y, st.RegionColor(r.Region)})
		lo = math.Min(lo, math.Min(r.NPV, r.OptionValue))
		end := math.Max(0, math.Max(r.NPV, r.OptionValue))
		hi = math.Max(hi, end)
		// The deadline first: a note cut at the chart's edge keeps it.
		note := r.Action
		if r.Deadline != "" {
			note = "by " + r.Deadline + ": " + r.Action
		}
		notes = append(notes, textItem{x: end, y: y, dx: 4, text: model.Truncate(note, 64), sty: noteSty})
	}
	leg := &barLegend{st: st, items: []legendItem{
		{rectSwatch{withAlpha(st.Muted, 0x90)}, []string{"upper bar: invest now, NPV = S − X", "invest now (NPV = S − X)", "NPV = S − X"}},
		{regionsSwatch{st}, []string{"lower bar: keep the option, option value (region colour)", "keep the option (option value)", "option value"}},
	}}
	p.Add(rectLayer{rs: bars}, zeroLine{st: st, below: leg}, noteTexts{&notes}, leg, tickRoom{})
	nominalNames(p, names)
	p.Y.Max = float64(n) + 0.6 // a row for the legend until FitTo sizes it
	p.X.Min, p.X.Max = lo, hi
	full := make([]string, len(notes))
	for i, t := range notes {
		full[i] = t.text
	}
	ticks := moneyTicks()
	ticks.layout = func(p *plot.Plot, c draw.Canvas) {
		// Names take at most 30% of the width and the action notes 30%
		// (none in a small pane), so the bars keep the middle; the legend
		// gets a row of its own above the bars.
		// A note too long for its room wraps onto a second line where the
		// rows are tall enough, and keeps noteMargin from the chart's
		// right edge (the longest bar's note ended on it, its last letter
		// cut).
		w := c.Max.X - c.Min.X
		noteW := 0.3*w - noteMargin
		if isCompact(c) {
			noteW = 0
		}
		leg.reserve(p, c, n)
		dc := p.DataCanvas(c)
		rowH := (dc.Max.Y - dc.Min.Y) / vg.Length(p.Y.Max-p.Y.Min)
		lineH := noteSty.Rectangle("Xg").Size().Y
		twoLines := rowH >= 2.2*lineH
		if rowH < lineH {
			// Rows thinner than a line of text (hundreds of initiatives):
			// no notes, which would be drawn over one another.
			noteW = 0
		}
		for i := range notes {
			notes[i].text = fitNote(noteSty, full[i], noteW, twoLines)
		}
		fitNames(p, c, names, 0.3*w, st)
	}
	p.X.Tick.Marker = ticks
	p.X.Label.Text = fmt.Sprintf("value%s", unitSuffix(opt.Unit))
	return p, nil
}

// noteMargin is the room kept between an action note and the chart's
// right edge.
const noteMargin vg.Length = 4

// noteTexts are the invest/wait chart's action notes: texts whose glyph
// boxes keep noteMargin free at their right, so the plot leaves it between
// the longest bar's note and the edge. It holds the notes by pointer: the
// layout step shortens them after the plot was assembled.
type noteTexts struct{ ts *texts }

// Plot implements plot.Plotter.
func (n noteTexts) Plot(c draw.Canvas, p *plot.Plot) { n.ts.Plot(c, p) }

// GlyphBoxes implements plot.GlyphBoxer.
func (n noteTexts) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	bs := n.ts.GlyphBoxes(p)
	for i := range bs {
		if bs[i].Size().X > 0 {
			bs[i].Max.X += noteMargin
		}
	}
	return bs
}

// fitNote fits a note to width w: whole when it fits; else, with
// twoLines, broken at the space that makes the longer of the two lines
// shortest with the first one fitting, the second line cut with an
// ellipsis if it is still too long; else cut.
func fitNote(sty draw.TextStyle, s string, w vg.Length, twoLines bool) string {
	if w <= 0 {
		return ""
	}
	if sty.Rectangle(s).Size().X <= w || !twoLines {
		return fitText(sty, s, w)
	}
	cut, widest := -1, vg.Length(math.Inf(1))
	for i, r := range s {
		if r != ' ' {
			continue
		}
		a, b := sty.Rectangle(s[:i]).Size().X, sty.Rectangle(s[i+1:]).Size().X
		if a <= w && max(a, b) < widest {
			cut, widest = i, max(a, b)
		}
	}
	if cut < 0 {
		return fitText(sty, s, w)
	}
	return s[:cut] + "\n" + fitText(sty, s[cut+1:], w)
}

func unitSuffix(unit string) string {
	if unit == "" {
		return ""
	}
	return " (" + unit + ")"
}

// rectLayer draws rectangles given in data coordinates.
type rectLayer struct {
	rs      []rect
	outline draw.LineStyle
}

// Plot implements plot.Plotter.
func (l rectLayer) Plot(c draw.Canvas, p *plot.Plot) {
	drawRects(c, p, l.rs, l.outline.Color)
}

// zeroLine draws x = 0 across the data area, up to the legend's row when
// below is set (through it the line crossed the legend's text, "NPV = S −
// X" struck through where some NPVs are negative).
type zeroLine struct {
	st    Style
	below *barLegend
}

// Plot implements plot.Plotter.
func (z zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(0)
	top := c.Max.Y
	if z.below != nil {
		top -= z.below.lineHeight()
	}
	if x >= c.Min.X && x <= c.Max.X && top > c.Min.Y {
		c.StrokeLine2(draw.LineStyle{Color: z.st.Foreground, Width: vg.Points(0.8)}, x, c.Min.Y, x, top)
	}
}

// regionsSwatch is a legend thumbnail striped in the six region colours.
type regionsSwatch struct{ st Style }

// Thumbnail implements plot.Thumbnailer.
func (s regionsSwatch) Thumbnail(c *draw.Canvas) {
	w := (c.Max.X - c.Min.X) / 6
	for g := valuation.RegionInvestNow; g <= valuation.RegionNever; g++ {
		x := c.Min.X + w*vg.Length(g-1)
		c.SetColor(s.st.RegionColor(g))
		c.Fill(vg.Rectangle{Min: vg.Point{X: x, Y: c.Min.Y}, Max: vg.Point{X: x + w, Y: c.Max.Y}}.Path())
	}
}

// legendItem is one entry of a barLegend, with texts from the longest
// to the shortest.
type legendItem struct {
	thumb plot.Thumbnailer
	texts []string
}

// barLegend draws a one-line legend at the top of the data area, in a
// row that reserve keeps free of bars: the longest texts that fit the
// width.
type barLegend struct {
	st    Style
	items []legendItem
}

// sty returns the legend's text style.
func (l *barLegend) sty() draw.TextStyle {
	return l.st.text(l.st.SmallSize+1, l.st.Foreground, draw.XLeft, draw.YCenter)
}

// lineHeight returns the height of the legend row in points.
func (l *barLegend) lineHeight() vg.Length {
	return l.sty().Rectangle("Xg").Size().Y * 1.6
}

// reserve sets p.Y.Max so that, above n bar rows (at y = 0 to n-1), the
// data area has a free row of the legend's height.
func (l *barLegend) reserve(p *plot.Plot, c draw.Canvas, n int) {
	p.Y.Max = float64(n) - 0.4
	h := p.DataCanvas(c).Max.Y - p.DataCanvas(c).Min.Y
	lh := l.lineHeight()
	if h <= lh {
		return
	}
	span := float64(n) + 0.2
	// The row takes lh of h: extra/(span+extra) = lh/h.
	p.Y.Max += span * float64(lh) / float64(h-lh)
}

// Plot implements plot.Plotter.
func (l *barLegend) Plot(c draw.Canvas, p *plot.Plot) {
	sty := l.sty()
	lh := l.lineHeight()
	sw := sty.Font.Size * 1.6 // swatch width
	gap := sty.Font.Size
	width := func(k int) vg.Length {
		var w vg.Length
		for _, it := range l.items {
			w += sw + 4 + sty.Rectangle(it.texts[min(k, len(it.texts)-1)]).Size().X + gap
		}
		return w
	}
	k := 0
	for k < 2 && width(k) > c.Max.X-c.Min.X {
		k++
	}
	x, y := c.Min.X+4, c.Max.Y-lh/2
	for _, it := range l.items {
		t := it.texts[min(k, len(it.texts)-1)]
		th := sty.Font.Size * 0.8
		sc := draw.Crop(c, 0, 0, 0, 0)
		sc.Rectangle = vg.Rectangle{Min: vg.Point{X: x, Y: y - th/2}, Max: vg.Point{X: x + sw, Y: y + th/2}}
		it.thumb.Thumbnail(&sc)
		c.FillText(sty, vg.Point{X: x + sw + 4, Y: y}, t)
		x += sw + 4 + sty.Rectangle(t).Size().X + gap
	}
}

// tickRoom keeps the value axis's tick labels a point inside the chart:
// plot pads the data area to a label's advance width only, so without notes
// (a compact chart) the "1M" of a tick at the end of the axis ended on the
// canvas's edge and the ink of its M was cut. Its glyph boxes are the
// labels with a point on either side.
type tickRoom struct{}

// Plot implements plot.Plotter (it draws nothing).
func (tickRoom) Plot(draw.Canvas, *plot.Plot) {}

// GlyphBoxes implements plot.GlyphBoxer.
func (tickRoom) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var out []plot.GlyphBox
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.Label == "" || t.Value < p.X.Min || t.Value > p.X.Max {
			continue
		}
		w := p.X.Tick.Label.Rectangle(t.Label).Size().X
		out = append(out, plot.GlyphBox{X: p.X.Norm(t.Value), Rectangle: vg.Rectangle{Min: vg.Point{X: -w/2 - 1}, Max: vg.Point{X: w/2 + 1}}})
	}
	return out
}

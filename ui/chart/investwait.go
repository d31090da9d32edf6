package chart

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

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
		note := r.Action
		if r.Deadline != "" {
			note += " · by " + r.Deadline
		}
		notes = append(notes, textItem{x: end, y: y, dx: 4, text: shorten(note, 64), sty: noteSty})
	}
	p.Add(rectLayer{rs: bars}, zeroLine{st: st}, notes)
	nominalNames(p, names)
	p.X.Min, p.X.Max = lo, hi
	p.X.Tick.Marker = moneyTicks(opt.Unit)
	p.X.Label.Text = fmt.Sprintf("value%s", unitSuffix(opt.Unit))
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.Add("upper bar (grey): NPV = S − X, the value of investing now", rectSwatch{withAlpha(st.Muted, 0x90)})
	p.Legend.Add("lower bar: option value, the value of keeping the option (region colour)", regionsSwatch{st})
	return p, nil
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

// zeroLine draws x = 0 across the data area.
type zeroLine struct{ st Style }

// Plot implements plot.Plotter.
func (z zeroLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(0)
	if x >= c.Min.X && x <= c.Max.X {
		c.StrokeLine2(draw.LineStyle{Color: z.st.Foreground, Width: vg.Points(0.8)}, x, c.Min.Y, x, c.Max.Y)
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

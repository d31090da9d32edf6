package chart

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/model"
)

// TornadoBar is one input of a sensitivity chart.
type TornadoBar struct {
	// Input names the input ("volatility σ").
	Input string
	// Low and High are the values (of the option) at the input's low and
	// high value, the other inputs at base.
	Low, High float64
	// LowLabel and HighLabel describe the input values tried ("0.24").
	LowLabel, HighLabel string
	// Short is the input's symbol ("σ"), used in small charts; when empty,
	// the last word of Input of at most two letters ("volatility σ"), else
	// Input cut to 8 letters.
	Short string
}

// TornadoInput is the data of a sensitivity (tornado) chart.
type TornadoInput struct {
	Title string // "Sensitivity" when empty
	Unit  string
	// Base is the value at the base inputs.
	Base float64
	Bars []TornadoBar
}

// Tornado draws, for each input, the change of value from Base at the
// input's low and high value, sorted by the width |High - Low|, largest on
// top. Bars below the base value use the style's Negative colour, above
// Positive; each end is labelled with the input value that produced it.
//
// Drawn small (under 320x200 points, such as the app's inspector pane) the
// chart is compact: inputs by their short names, no labels at the bar
// ends, and the inputs that change nothing listed in the axis label
// instead of taking a row each.
func Tornado(in TornadoInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Bars) == 0 {
		return nil, errf("tornado chart: no inputs")
	}
	if !finite(in.Base) {
		return nil, errf("tornado chart: base value %g: want a finite number", in.Base)
	}
	bars := append([]TornadoBar(nil), in.Bars...)
	for _, b := range bars {
		if !finite(b.Low, b.High) {
			return nil, errf("tornado chart: input %q: values %g and %g: want finite numbers", b.Input, b.Low, b.High)
		}
	}
	sort.SliceStable(bars, func(i, j int) bool { return math.Abs(bars[i].High-bars[i].Low) > math.Abs(bars[j].High-bars[j].Low) })
	title := in.Title
	if title == "" {
		title = "Sensitivity"
	}
	p := st.newPlot(title)
	n := len(bars)
	names := make([]string, n)
	shorts := make([]string, n)
	var rs []rect
	var ts texts
	var still []string // short names of the inputs that change nothing
	lo, hi := in.Base, in.Base
	left := st.text(st.SmallSize, st.Foreground, draw.XRight, draw.YCenter)
	right := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YCenter)
	for i, b := range bars {
		y := float64(n - 1 - i)
		names[i] = b.Input
		shorts[i] = b.Short
		if shorts[i] == "" {
			shorts[i] = shortName(b.Input)
		}
		eps := 1e-9 * math.Max(1, math.Abs(in.Base))
		if math.Abs(b.Low-in.Base) <= eps && math.Abs(b.High-in.Base) <= eps {
			ts = append(ts, textItem{x: in.Base, y: y, dx: 4, text: fmt.Sprintf("no change (%s to %s)", b.LowLabel, b.HighLabel), sty: right})
			still = append(still, shorts[i])
			continue
		}
		for _, e := range []struct {
			v   float64
			lbl string
		}{{b.Low, b.LowLabel}, {b.High, b.HighLabel}} {
			c := st.Positive
			if e.v < in.Base {
				c = st.Negative
			}
			rs = append(rs, rect{in.Base, e.v, y - 0.35, y + 0.35, c})
			lbl := e.lbl
			if lbl != "" {
				lbl += " → "
			}
			lbl += Money(e.v, "")
			if e.v < in.Base {
				ts = append(ts, textItem{x: e.v, y: y, dx: -4, text: lbl, sty: left})
			} else {
				ts = append(ts, textItem{x: e.v, y: y, dx: 4, text: lbl, sty: right})
			}
			lo, hi = math.Min(lo, e.v), math.Max(hi, e.v)
		}
	}
	p.Add(rectLayer{rs: rs}, ts, vline{x: in.Base, ls: draw.LineStyle{Color: st.Foreground, Width: vg.Points(1)},
		label: "base " + Money(in.Base, in.Unit), sty: st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YTop), below: true})
	nominalNames(p, names)
	pad := 0.02 * (hi - lo)
	if pad == 0 {
		pad = math.Max(1, math.Abs(in.Base)*0.05)
	}
	p.X.Min, p.X.Max = lo-pad, hi+pad
	p.Y.Min -= 0.5 // room for the base label
	full := make([]string, len(ts))
	for i, t := range ts {
		full[i] = t.text
	}
	label := fmt.Sprintf("option value%s at the low and high value of each input", unitSuffix(in.Unit))
	ticks := moneyTicks()
	ticks.layout = func(p *plot.Plot, c draw.Canvas) {
		compact := isCompact(c)
		p.X.Label.Text = label
		p.Y.Min = -1.1
		if !compact {
			for i := range ts {
				ts[i].text = full[i]
			}
			p.Y.Tick.Label.Font = st.font(st.TickSize)
			nominalNames(p, names)
			p.Y.Min = -1.1
			return
		}
		// Compact: no end labels, short names, and the inputs without
		// effect (the bottom rows: they sort last) below the range.
		for i := range ts {
			ts[i].text = ""
		}
		k := len(still)
		if k == n {
			k = n - 1 // keep one row so the chart is not empty
		}
		p.Y.Min = float64(k) - 1.1
		p.X.Label.Text = "option value" + unitSuffix(in.Unit)
		if len(still) > 0 {
			p.X.Label.Text += "; no change: " + strings.Join(still, ", ")
		}
		p.X.Label.Text = fitText(p.X.Label.TextStyle, p.X.Label.Text, c.Max.X-c.Min.X-4)
		fitNames(p, c, shorts, 0.25*(c.Max.X-c.Min.X), st)
		ticks := p.Y.Tick.Marker.(plot.ConstantTicks)
		p.Y.Tick.Marker = ticks[:n-k]
	}
	p.X.Tick.Marker = ticks
	p.X.Label.Text = label
	return p, nil
}

// shortName returns the last word of at most two letters of input
// ("volatility σ": "σ"), or input cut to 8 letters.
func shortName(input string) string {
	ws := strings.Fields(input)
	for i := len(ws) - 1; i >= 0; i-- {
		if n := len([]rune(ws[i])); n <= 2 && ws[i] != "-" {
			return ws[i]
		}
	}
	return model.Truncate(input, 8)
}

package chart

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A chart is built without knowing the size it will be drawn at; Render,
// WriteTo and RenderWithHits call FitTo just before drawing, and the
// plot's tick markers adapt it to the canvas: the number of tick labels
// follows the room along the axis, names are shortened to fit, and a
// chart may install a layout hook (compact tornado, invest/wait notes).

// compactWidth and compactHeight are the canvas sizes in points below
// which charts drop secondary text (330x200 px at 96 dpi is 248x150 pt).
const (
	compactWidth  vg.Length = 320
	compactHeight vg.Length = 200
)

// isCompact reports whether a canvas is small enough for the compact
// layout.
func isCompact(c draw.Canvas) bool {
	return c.Max.X-c.Min.X < compactWidth || c.Max.Y-c.Min.Y < compactHeight
}

// fitter is a tick marker that chooses its labels by the room its axis
// has on the canvas the plot is about to be drawn on: fitted returns it
// knowing f (FitTo measures f with the marker knowing none).
type fitter interface {
	fitted(f axisFit) plot.Ticker
}

// layoutHook is a tick marker that carries a chart's own layout step,
// run before the axes are fitted.
type layoutHook interface {
	layoutFor(p *plot.Plot, c draw.Canvas)
}

// FitTo adapts p to the canvas c it is about to be drawn on: the chart's
// own layout step runs (a compact tornado, shortened invest/wait notes and
// names), then the name axis shortens its names and the value axes choose
// how many tick labels fit. Render, WriteTo, Save and RenderWithHits call
// it; a caller that draws a plot itself with p.Draw should call it first.
// It is idempotent, so a plot may be drawn at several sizes.
func FitTo(p *plot.Plot, c draw.Canvas) {
	if p == nil {
		panic("chart: FitTo of a nil plot")
	}
	fitLabels(p, c)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		if h, ok := a.Tick.Marker.(layoutHook); ok {
			h.layoutFor(p, c)
		}
	}
	for _, a := range []*plot.Axis{&p.Y, &p.X} {
		if f, ok := a.Tick.Marker.(fitter); ok {
			a.Tick.Marker = f.fitted(fitAxis(p, c, a, f.fitted(axisFit{})))
		}
	}
}

// fullTexts are the texts fitLabels shortens, as the chart made them.
type fullTexts struct {
	title, xLabel, yLabel string
	titleSize             vg.Length
}

// fitLabels fits the title and the axis labels to c: a title too wide
// for one line wraps to two (on a compact canvas it is set smaller and
// cut), the x label is cut to the width and the y label to the height.
// The texts as the chart made them are kept in the first niceTicks axis
// marker on first use, so fitting again at another size starts from them.
func fitLabels(p *plot.Plot, c draw.Canvas) {
	var a *plot.Axis
	var t niceTicks
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		if nt, ok := ax.Tick.Marker.(niceTicks); ok {
			a, t = ax, nt
			break
		}
	}
	if a == nil {
		return
	}
	if t.full == nil {
		t.full = &fullTexts{title: p.Title.Text, xLabel: p.X.Label.Text, yLabel: p.Y.Label.Text, titleSize: p.Title.TextStyle.Font.Size}
		a.Tick.Marker = t
	}
	f := t.full
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	size := f.titleSize
	if isCompact(c) {
		size = min(size, p.X.Label.TextStyle.Font.Size+1)
	}
	p.Title.TextStyle.Font.Size = size
	p.Title.Padding = size / 2
	p.Title.Text = f.title
	if p.Title.TextStyle.Rectangle(f.title).Size().X > w-4 {
		if isCompact(c) {
			p.Title.Text = fitText(p.Title.TextStyle, f.title, w-4)
		} else {
			p.Title.Text = wrapTitle(p.Title.TextStyle, f.title, w-4)
		}
	}
	p.X.Label.Text = fitLines(p.X.Label.TextStyle, f.xLabel, w-4)
	p.Y.Label.Text = fitLines(p.Y.Label.TextStyle, f.yLabel, h*0.8)
}

// fitLines cuts each line of s to width w.
func fitLines(sty draw.TextStyle, s string, w vg.Length) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = fitText(sty, l, w)
	}
	return strings.Join(lines, "\n")
}

// wrapTitle breaks s into two lines at the space nearest its middle
// that makes both fit w, each line cut to w if none does.
func wrapTitle(sty draw.TextStyle, s string, w vg.Length) string {
	best, bestW := -1, vg.Length(math.Inf(1))
	for i, r := range s {
		if r != ' ' {
			continue
		}
		a, b := sty.Rectangle(s[:i]).Size().X, sty.Rectangle(s[i+1:]).Size().X
		if m := max(a, b); m < bestW {
			best, bestW = i, m
		}
	}
	if best < 0 {
		return fitText(sty, s, w)
	}
	return fitText(sty, s[:best], w) + "\n" + fitText(sty, s[best+1:], w)
}

// fitText shortens s with an ellipsis until it is at most w wide in sty;
// it returns "" when not even one letter fits.
func fitText(sty draw.TextStyle, s string, w vg.Length) string {
	if sty.Rectangle(s).Size().X <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // lo letters fit, hi do not
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if sty.Rectangle(string(r[:m])+"…").Size().X <= w {
			lo = m
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return ""
	}
	return string(r[:lo]) + "…"
}

// fitMiddle returns s, or s with its middle replaced by "…" so that it
// fits w in sty: the start and the distinguishing end of a name both stay
// ("Dedicated soc…mer care team"), as the app's lists cut names.
func fitMiddle(sty draw.TextStyle, s string, w vg.Length) string {
	if sty.Rectangle(s).Size().X <= w {
		return s
	}
	r := []rune(s)
	cut := func(k int) string { return string(r[:(k+1)/2]) + "…" + string(r[len(r)-k/2:]) }
	lo, hi := 0, len(r) // lo letters fit, hi do not
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if sty.Rectangle(cut(m)).Size().X <= w {
			lo = m
		} else {
			hi = m
		}
	}
	if lo < 2 {
		return fitText(sty, s, w)
	}
	return cut(lo)
}

// wrapWords joins parts with spaces into lines at most w wide in sty (a
// part wider than w gets a line of its own).
func wrapWords(sty draw.TextStyle, parts []string, w vg.Length) string {
	var lines []string
	line := ""
	for _, part := range parts {
		switch {
		case line == "":
			line = part
		case sty.Rectangle(line+"  "+part).Size().X <= w:
			line += "  " + part
		default:
			lines = append(lines, line)
			line = part
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// fitted implements fitter: Ticks chooses how many labels fit in the
// room along the axis (the data area's width or height).
func (t niceTicks) fitted(f axisFit) plot.Ticker {
	t.axisFit = f
	return t
}

// labelsFit reports whether the labelled ticks of ts leave a gap between
// neighbours when the axis from lo to hi is t.room long.
func (t niceTicks) labelsFit(ts []plot.Tick, lo, hi float64) bool {
	if t.room <= 0 || !(hi > lo) {
		return true
	}
	scale := float64(t.room) / (hi - lo)
	gap := t.sty.Font.Size * 0.8
	prev, prevSize := math.NaN(), vg.Length(0)
	for _, tk := range ts {
		if tk.Label == "" {
			continue
		}
		sz := t.sty.Rectangle(tk.Label).Size()
		size := sz.X
		if t.vertical {
			size = sz.Y
			gap = t.sty.Font.Size * 0.4
		}
		if !math.IsNaN(prev) {
			if vg.Length((tk.Value-prev)*scale) < (size+prevSize)/2+gap {
				return false
			}
		}
		prev, prevSize = tk.Value, size
	}
	return true
}

// moneyTick formats a tick value compactly without a unit (500k, 1.25M,
// -250k), exact to the tick step's decimals.
func moneyTick(v float64, dec int) string {
	a := math.Abs(v)
	scale, suffix, sdec := 1.0, "", 0
	switch {
	case a >= 1e9:
		scale, suffix, sdec = 1e9, "B", 9
	case a >= 1e6:
		scale, suffix, sdec = 1e6, "M", 6
	case a >= 1e3:
		scale, suffix, sdec = 1e3, "k", 3
	}
	s := strconv.FormatFloat(v/scale, 'f', dec+sdec, 64)
	s = trimZeros(s)
	if s == "-0" {
		s = "0"
	}
	return s + suffix
}

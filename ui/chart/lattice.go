package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LatticeNode is one node of a binomial tree.
type LatticeNode struct {
	// S is the underlying value at the node, Value the option value.
	S, Value float64
	// Exercise is true where exercising beats waiting.
	Exercise bool
}

// LatticeInput is a binomial tree: Levels[i] holds the i+1 nodes after i
// steps, from the lowest S to the highest.
type LatticeInput struct {
	Title string // "Binomial lattice" when empty
	Unit  string
	// Dt is the time step in years (for the axis; 0 labels steps).
	Dt     float64
	Levels [][]LatticeNode
}

// MaxLatticeSteps is the largest tree Lattice draws (odd: the engine's
// Leisen-Reimer lattices have an odd step count); larger trees are cut at
// this many steps.
const MaxLatticeSteps = 13

// Lattice draws a small binomial tree on a log S axis: nodes joined to
// their two successors, exercise nodes filled, each node labelled with S
// and the option value when the tree has at most 7 steps.
func Lattice(in LatticeInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Levels) < 2 {
		return nil, errf("lattice chart: %d levels: want at least 2", len(in.Levels))
	}
	levels := in.Levels
	if len(levels) > MaxLatticeSteps+1 {
		levels = levels[:MaxLatticeSteps+1]
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	cp := make([][]LatticeNode, len(levels))
	for i, lv := range levels {
		if len(lv) != i+1 {
			return nil, errf("lattice chart: level %d has %d nodes, want %d", i, len(lv), i+1)
		}
		for j, nd := range lv {
			if !finite(nd.S, nd.Value) || !(nd.S > 0) {
				return nil, errf("lattice chart: node (%d, %d): S %g, value %g: want S > 0 and finite values", i, j, nd.S, nd.Value)
			}
			lo, hi = math.Min(lo, nd.S), math.Max(hi, nd.S)
		}
		cp[i] = append([]LatticeNode(nil), lv...)
	}
	title := in.Title
	if title == "" {
		title = "Binomial lattice"
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	l := &latticeLayer{levels: cp, st: st, labels: len(cp) <= 8, unit: in.Unit}
	p.Add(l)
	// The y axis is linear in ln S with ticks labelled in S: gonum
	// centres a log axis's label box at the arithmetic mean, which on a
	// log scale is near the top and squeezes the plot.
	p.Y.Tick.Marker = logMoneyTicks{}
	pad := 0.06 * math.Log(hi/lo)
	p.Y.Min, p.Y.Max = math.Log(lo)-pad, math.Log(hi)+pad
	p.X.Min, p.X.Max = -0.3, float64(len(cp)-1)+0.75
	p.Y.Label.Text = "underlying value S" + unitSuffix(in.Unit) + " (log scale)"
	if in.Dt > 0 {
		p.X.Label.Text = fmt.Sprintf("step (Δt = %.3g years)", in.Dt)
	} else {
		p.X.Label.Text = "step"
	}
	p.X.Tick.Marker = niceTicks{n: min(len(cp)+1, 13)}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = 6
	p.Legend.Add("exercise (invest) now", swatch{c: st.RegionColor(1), outline: st.Foreground})
	p.Legend.Add("wait", swatch{c: st.Background, outline: st.Foreground})
	return p, nil
}

// latticeLayer draws the tree.
type latticeLayer struct {
	levels [][]LatticeNode
	st     Style
	labels bool
	unit   string
}

// Plot implements plot.Plotter.
func (l *latticeLayer) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	at := func(i int, nd LatticeNode) vg.Point { return vg.Point{X: trX(float64(i)), Y: trY(math.Log(nd.S))} }
	edge := draw.LineStyle{Color: l.st.Muted, Width: 0.6}
	for i := 0; i+1 < len(l.levels); i++ {
		for j, nd := range l.levels[i] {
			a := at(i, nd)
			c.StrokeLines(edge, []vg.Point{a, at(i+1, l.levels[i+1][j])}, []vg.Point{a, at(i+1, l.levels[i+1][j+1])})
		}
	}
	r := vg.Length(math.Max(2.5, math.Min(6, 40/float64(len(l.levels)))))
	sty := l.st.text(l.st.SmallSize-1, l.st.Foreground, draw.XLeft, draw.YCenter)
	// Node labels need a column about 60 points wide and rows of two
	// lines; a smaller chart shows the tree alone.
	colW := (c.Max.X - c.Min.X) / vg.Length(p.X.Max-p.X.Min)
	rowH := (c.Max.Y - c.Min.Y) / vg.Length(len(l.levels))
	roomy := colW >= 60 && rowH >= 2.2*sty.Rectangle("Xg").Size().Y
	for i, lv := range l.levels {
		for _, nd := range lv {
			ctr := at(i, nd)
			path := circlePath(ctr, r)
			c.SetColor(l.st.Background)
			if nd.Exercise {
				c.SetColor(l.st.RegionColor(1))
			}
			c.Fill(path)
			c.SetLineStyle(draw.LineStyle{Color: l.st.Foreground, Width: 0.7})
			c.Stroke(path)
			if l.labels && roomy {
				txt := fmt.Sprintf("S %s\nV %s", Money(nd.S, ""), Money(nd.Value, ""))
				pt := vg.Point{X: ctr.X + r + 2, Y: ctr.Y}
				box := sty.Rectangle(txt)
				c.SetColor(withAlpha(l.st.Background, 0xC8))
				c.Fill(vg.Rectangle{Min: box.Min.Add(pt), Max: box.Max.Add(pt)}.Path())
				c.FillText(sty, pt, txt)
			}
		}
	}
}

// DataRange implements plot.DataRanger.
func (l *latticeLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, lv := range l.levels {
		for _, nd := range lv {
			ymin, ymax = math.Min(ymin, nd.S), math.Max(ymax, nd.S)
		}
	}
	ymin, ymax = math.Log(ymin), math.Log(ymax)
	return 0, float64(len(l.levels) - 1), ymin, ymax
}

// logMoneyTicks labels an axis in ln S with S at 1, 2, 5 times powers of
// ten (more steps, 1, 1.5, 2, 3, 5, 7, when there is room; see fit).
type logMoneyTicks struct {
	axisFit
}

// fitted implements fitter.
func (t logMoneyTicks) fitted(f axisFit) plot.Ticker {
	t.axisFit = f
	return t
}

// Ticks implements plot.Ticker; lo and hi are ln S.
func (t logMoneyTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for _, ms := range [][]float64{{1, 1.5, 2, 3, 5, 7}, {1, 2, 5}, {1, 3}, {1}} {
		ticks = ticks[:0]
		for e := math.Floor(lo / math.Ln10); e <= math.Ceil(hi/math.Ln10); e++ {
			for _, m := range ms {
				v := m * math.Pow(10, e)
				if lv := math.Log(v); lv >= lo && lv <= hi {
					ticks = append(ticks, plot.Tick{Value: lv, Label: Money(v, "")})
				}
			}
		}
		if t.room <= 0 || !(hi > lo) || len(ticks) < 2 {
			return ticks
		}
		// Neighbouring labels need a line and a half between them.
		gap := vg.Length(math.Inf(1))
		for i := 1; i < len(ticks); i++ {
			gap = min(gap, vg.Length((ticks[i].Value-ticks[i-1].Value)/(hi-lo))*t.room)
		}
		if gap >= 1.5*t.sty.Rectangle("Xg").Size().Y {
			return ticks
		}
	}
	return ticks
}

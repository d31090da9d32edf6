package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// XY is a point of a line chart.
type XY struct{ X, Y float64 }

// PayoffInput is the data of the payoff chart of one option.
type PayoffInput struct {
	Title string // "Payoff" when empty
	Unit  string
	// X is the exercise price, Trigger the early-exercise trigger S*
	// (+Inf or 0 when there is none) and S today's underlying value (0 to
	// leave it out).
	X, Trigger, S float64
	// Today is the option value against S today; AtDeadline the value at
	// the deadline (the exercise payoff); NPV, if given, the value of
	// investing now (S - X).
	Today, AtDeadline, NPV []XY
}

// Payoff draws the option value against S today and at the deadline, with
// the investment X and the trigger S* marked.
func Payoff(in PayoffInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Today) < 2 || len(in.AtDeadline) < 2 {
		return nil, errf("payoff chart: want at least 2 points today and at the deadline, have %d and %d", len(in.Today), len(in.AtDeadline))
	}
	if !finite(in.X) || in.X < 0 {
		return nil, errf("payoff chart: X %g: want a finite number >= 0", in.X)
	}
	title := in.Title
	if title == "" {
		title = "Payoff"
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	type series struct {
		name string
		pts  []XY
		ls   draw.LineStyle
	}
	all := []series{
		{"value at the deadline (payoff)", in.AtDeadline, draw.LineStyle{Color: st.Muted, Width: st.LineWidth}},
		{"NPV = S − X (invest now)", in.NPV, draw.LineStyle{Color: st.Negative, Width: st.LineWidth, Dashes: []vg.Length{5, 3}}},
		{"option value today", in.Today, draw.LineStyle{Color: st.Positive, Width: st.LineWidth * 1.4}},
	}
	for _, s := range all {
		if len(s.pts) == 0 {
			continue
		}
		xys, err := xys(s.pts)
		if err != nil {
			return nil, errf("payoff chart: %s: %v", s.name, err)
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, errf("payoff chart: %s: %v", s.name, err)
		}
		l.LineStyle = s.ls
		p.Add(l)
		p.Legend.Add(s.name, l)
	}
	lbl := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YTop)
	xl := &vline{x: in.X, ls: draw.LineStyle{Color: st.Foreground, Width: 0.8, Dashes: []vg.Length{2, 2}}, label: "X = " + Money(in.X, in.Unit), sty: lbl}
	sl := &vline{x: in.S, ls: draw.LineStyle{Color: st.Positive, Width: 0.8, Dashes: []vg.Length{1, 2}}, label: "S today = " + Money(in.S, in.Unit), sty: lbl, row: 1}
	var tl *vline
	p.Add(xl)
	if finite(in.Trigger) && in.Trigger > 0 && in.Trigger > in.Today[len(in.Today)-1].X {
		p.Title.Text += fmt.Sprintf("  (trigger S* = %s, beyond the chart)", Money(in.Trigger, in.Unit))
	} else if finite(in.Trigger) && in.Trigger > 0 {
		tl = &vline{x: in.Trigger, ls: draw.LineStyle{Color: st.RegionColor(1), Width: 1.2}, label: "trigger S* = " + Money(in.Trigger, in.Unit), sty: lbl, below: true}
		p.Add(tl)
	}
	if in.S > 0 {
		p.Add(sl)
	}
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.YOffs = 24
	p.X.Label.Text = "underlying value S" + unitSuffix(in.Unit)
	p.Y.Label.Text = "value" + unitSuffix(in.Unit)
	xt := moneyTicks()
	xt.layout = func(p *plot.Plot, c draw.Canvas) {
		// A small chart has a smaller legend in the empty lower right
		// corner; a large one lifts it clear of the trigger label.
		// A small chart has a smaller legend at the top left, above the
		// flat part of the curves, and the X and S labels at the bottom
		// (the trigger's at the top); a large one has the legend at the
		// lower right, lifted clear of the trigger label.
		compact := isCompact(c)
		p.Legend.Top, p.Legend.Left = compact, compact
		p.Legend.XOffs, p.Legend.YOffs = 0, 24
		p.Legend.TextStyle.Font = st.font(st.SmallSize + 1)
		xl.below, sl.below = compact, compact
		if tl != nil {
			tl.below = !compact
		}
		if compact {
			p.Legend.XOffs, p.Legend.YOffs = 4, 0
			p.Legend.TextStyle.Font = st.font(st.SmallSize - 1)
		}
	}
	p.X.Tick.Marker = xt
	p.Y.Tick.Marker = moneyTicks()
	return p, nil
}

// xys copies pts into plotter.XYs, rejecting non-finite values.
func xys(pts []XY) (plotter.XYs, error) {
	out := make(plotter.XYs, len(pts))
	for i, q := range pts {
		if !finite(q.X, q.Y) {
			return nil, fmt.Errorf("point %d (%g, %g) is not finite", i, q.X, q.Y)
		}
		out[i] = plotter.XY{X: q.X, Y: q.Y}
	}
	return out, nil
}

package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/valuation/portfolio"
)

// FrontierInput is the efficient frontier of a funding plan: the best
// total value for each budget, with the chosen budget, the plan and the
// greedy ranking's plan marked.
type FrontierInput struct {
	Title string // "Efficient frontier" when empty
	Unit  string // currency shown on the axes
	// Points are the frontier's breakpoints (budget spent, best value),
	// by budget; between two the best value holds.
	Points []FrontierXY
	// Budget is the review's budget (a vertical line; 0: none); Plan and
	// Greedy the spend and value of the exact and the greedy plans.
	Budget       float64
	Plan, Greedy FrontierXY
	ShowGreedy   bool
}

// FrontierXY is a point of the frontier chart.
type FrontierXY struct{ Budget, Value float64 }

// FrontierFromReport takes the frontier, the plan and the greedy plan of
// a funding report (which must have a frontier).
func FrontierFromReport(r *portfolio.FundingReport, unit string) FrontierInput {
	in := FrontierInput{Unit: unit, Budget: r.Plan.Budget, ShowGreedy: true,
		Plan:   FrontierXY{r.Plan.Spent, r.Plan.Value},
		Greedy: FrontierXY{r.Greedy.Spent, r.Greedy.Value}}
	for _, p := range r.Frontier {
		in.Points = append(in.Points, FrontierXY{p.Budget, p.Value})
	}
	return in
}

// Frontier draws the best total value against the budget as a step line
// through the breakpoints, the budget as a dashed line, the plan as a
// filled dot and the greedy plan as a ring.
func Frontier(in FrontierInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Points) == 0 {
		return nil, errf("frontier chart: no points")
	}
	for _, q := range in.Points {
		if !finite(q.Budget, q.Value) {
			return nil, errf("frontier chart: point (%g, %g): want finite numbers", q.Budget, q.Value)
		}
	}
	if !finite(in.Budget, in.Plan.Budget, in.Plan.Value, in.Greedy.Budget, in.Greedy.Value) {
		return nil, errf("frontier chart: plan or budget not finite")
	}
	title := in.Title
	if title == "" {
		title = "Efficient frontier"
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	xMax := math.Max(in.Points[len(in.Points)-1].Budget, in.Budget)
	if xMax <= 0 {
		xMax = 1
	}
	xMax *= 1.05
	var steps plotter.XYs
	for k, q := range in.Points {
		if k > 0 {
			steps = append(steps, plotter.XY{X: q.Budget, Y: in.Points[k-1].Value})
		}
		steps = append(steps, plotter.XY{X: q.Budget, Y: q.Value})
	}
	steps = append(steps, plotter.XY{X: xMax, Y: in.Points[len(in.Points)-1].Value})
	line, err := plotter.NewLine(steps)
	if err != nil {
		return nil, err
	}
	line.LineStyle = draw.LineStyle{Color: st.Positive, Width: st.LineWidth}
	p.Add(line)
	p.Legend.Add("best value for the budget", line)
	pts := make(plotter.XYs, len(in.Points))
	for k, q := range in.Points {
		pts[k] = plotter.XY{X: q.Budget, Y: q.Value}
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: st.Positive, Radius: vg.Points(2), Shape: draw.CircleGlyph{}}
	p.Add(sc)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, q := range in.Points {
		lo, hi = math.Min(lo, q.Value), math.Max(hi, q.Value)
	}
	if in.Budget > 0 {
		b, err := plotter.NewLine(plotter.XYs{{X: in.Budget, Y: lo}, {X: in.Budget, Y: hi}})
		if err != nil {
			return nil, err
		}
		b.LineStyle = draw.LineStyle{Color: st.Muted, Width: 1, Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
		p.Add(b)
		p.Legend.Add("budget", b)
		pl, err := plotter.NewScatter(plotter.XYs{{X: in.Plan.Budget, Y: in.Plan.Value}})
		if err != nil {
			return nil, err
		}
		pl.GlyphStyle = draw.GlyphStyle{Color: st.Regions[1], Radius: vg.Points(5), Shape: draw.CircleGlyph{}}
		p.Add(pl)
		p.Legend.Add("the plan", pl)
		if in.ShowGreedy {
			g, err := plotter.NewScatter(plotter.XYs{{X: in.Greedy.Budget, Y: in.Greedy.Value}})
			if err != nil {
				return nil, err
			}
			g.GlyphStyle = draw.GlyphStyle{Color: st.Negative, Radius: vg.Points(5), Shape: draw.RingGlyph{}}
			p.Add(g)
			p.Legend.Add("greedy ranking by PI", g)
			lo = math.Min(lo, in.Greedy.Value)
		}
	}
	span := hi - lo
	if span <= 0 {
		span = math.Max(1, math.Abs(hi))
	}
	p.X.Min, p.X.Max = 0, xMax
	p.Y.Min, p.Y.Max = lo-0.08*span, hi+0.12*span
	p.X.Tick.Marker = moneyTicks()
	p.Y.Tick.Marker = moneyTicks()
	p.X.Label.Text = "budget spent" + unitSuffix(in.Unit)
	p.Y.Label.Text = "total value" + unitSuffix(in.Unit)
	// The frontier rises to the right: the top left is free.
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.TextStyle.Font = st.font(st.SmallSize)
	p.Legend.XOffs = vg.Points(8)
	return p, nil
}

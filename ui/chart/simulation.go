package chart

import (
	"fmt"
	"sort"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SimulationInput is the data of the simulation chart.
type SimulationInput struct {
	Title string // "Simulated portfolio value" when empty
	Unit  string
	// Samples are the simulated values (at least 2).
	Samples []float64
	// Percentiles to mark, in (0, 100), e.g. 5, 50, 95.
	Percentiles []float64
	// Bins is the number of histogram bins (0: 40).
	Bins int
}

// Percentile returns the p-th percentile (0 < p < 100) of the sorted
// samples, by gonum's stat.Quantile with the empirical CDF: the smallest
// sample x with at least p% of the samples <= x.
func Percentile(sorted []float64, p float64) float64 {
	return stat.Quantile(p/100, stat.Empirical, sorted, nil)
}

// Simulation draws the histogram of simulated values (as a share of the
// samples) with the percentiles and the mean marked.
func Simulation(in SimulationInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Samples) < 2 {
		return nil, errf("simulation chart: %d samples: want at least 2", len(in.Samples))
	}
	s := append([]float64(nil), in.Samples...)
	for i, v := range s {
		if !finite(v) {
			return nil, errf("simulation chart: sample %d is %g", i, v)
		}
	}
	for _, q := range in.Percentiles {
		if !(q > 0 && q < 100) {
			return nil, errf("simulation chart: percentile %g: want (0, 100)", q)
		}
	}
	bins := in.Bins
	if bins == 0 {
		bins = 40
	}
	if bins < 1 || bins > 1000 {
		return nil, errf("simulation chart: %d bins: want 1 to 1000", bins)
	}
	sort.Float64s(s)
	title := in.Title
	if title == "" {
		title = "Simulated portfolio value"
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	if s[0] == s[len(s)-1] {
		s[len(s)-1] += 1e-9 * (1 + s[0]) // one bin needs a width
	}
	h, err := plotter.NewHist(plotter.Values(s), bins)
	if err != nil {
		return nil, errf("simulation chart: %v", err)
	}
	h.Normalize(1)
	h.FillColor = withAlpha(st.Positive, 0xA0)
	h.LineStyle = draw.LineStyle{Color: st.Background, Width: 0.5}
	p.Add(h)
	lbl := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YTop)
	for _, q := range in.Percentiles {
		v := Percentile(s, q)
		p.Add(vline{x: v, ls: draw.LineStyle{Color: st.Negative, Width: 1.2, Dashes: []vg.Length{4, 2}},
			label: fmt.Sprintf("P%g %s", q, Money(v, in.Unit)), sty: lbl, below: q < 50})
	}
	mean := stat.Mean(s, nil)
	p.Add(vline{x: mean, ls: draw.LineStyle{Color: st.Foreground, Width: 1.2}, label: "mean " + Money(mean, in.Unit), sty: lbl})
	p.Y.Max *= 1.15
	p.X.Tick.Marker = moneyTicks(in.Unit)
	p.X.Label.Text = fmt.Sprintf("portfolio value%s, %d simulations", unitSuffix(in.Unit), len(s))
	p.Y.Label.Text = "density"
	return p, nil
}

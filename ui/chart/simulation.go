package chart

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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
	if err := allFinite("simulation chart", "sample", s); err != nil {
		return nil, err
	}
	for _, q := range in.Percentiles {
		if !(q > 0 && q < 100) {
			return nil, errf("simulation chart: percentile %g: want (0, 100)", q)
		}
	}
	bins, err := histBins("simulation chart", in.Bins)
	if err != nil {
		return nil, err
	}
	sort.Float64s(s)
	title := in.Title
	if title == "" {
		title = "Simulated portfolio value"
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	// The long right tail of option portfolios would squeeze the body of
	// the histogram: samples above the 99.5th percentile are counted in
	// the last bar.
	cut := Percentile(s, 99.5)
	vals := make(plotter.Values, len(s))
	for i, v := range s {
		vals[i] = min(v, cut)
	}
	if vals[0] == vals[len(vals)-1] {
		vals[len(vals)-1] += 1e-9 * (1 + math.Abs(vals[0])) // one bin needs a width
	}
	if err := st.shareHist(p, "simulation chart", vals, bins, len(s)); err != nil {
		return nil, err
	}
	mean := stat.Mean(s, nil)
	xs, labels := make([]float64, len(in.Percentiles)), make([]string, len(in.Percentiles))
	for k, q := range in.Percentiles {
		xs[k] = Percentile(s, q)
		labels[k] = fmt.Sprintf("P%g %s", q, Money(xs[k], in.Unit))
	}
	st.histMarks(p, mean, "mean "+Money(mean, in.Unit), xs, labels)
	yMax := p.Y.Max
	xt := moneyTicks()
	xt.layout = func(p *plot.Plot, c draw.Canvas) {
		// Room above the bars for the marker labels, more on a small
		// chart where the labels take a larger share of the height.
		p.Y.Max = yMax * 1.15
		if isCompact(c) {
			p.Y.Max = yMax * 1.6
		}
	}
	p.X.Tick.Marker = xt
	p.X.Label.Text = fmt.Sprintf("portfolio value%s, %d simulations (the last bar holds all above P99.5 = %s)", unitSuffix(in.Unit), len(s), Money(cut, in.Unit))
	p.Y.Label.Text = "share of simulations"
	return p, nil
}

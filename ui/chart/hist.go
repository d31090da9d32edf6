package chart

import (
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The histogram charts (Returns, Simulation) share their checks, their
// bars (each the share of the samples it holds) and their marker lines.

// allFinite returns an error naming chart and the first of vals (each a
// what) that is not a finite number.
func allFinite(chart, what string, vals []float64) error {
	for i, v := range vals {
		if !finite(v) {
			return errf("%s: %s %d is %g", chart, what, i, v)
		}
	}
	return nil
}

// histBins is a histogram chart's bar count: 40 when bins is 0, else
// bins, which must be within 1 to 1000.
func histBins(chart string, bins int) (int, error) {
	if bins == 0 {
		return 40, nil
	}
	if bins < 1 || bins > 1000 {
		return 0, errf("%s: %d bins: want 1 to 1000", chart, bins)
	}
	return bins, nil
}

// shareHist adds to p the histogram of vals in bins bars, each as high as
// the share of the n samples it holds, and ticks the y axis in percent.
func (st Style) shareHist(p *plot.Plot, chart string, vals plotter.Values, bins, n int) error {
	h, err := plotter.NewHist(vals, bins)
	if err != nil {
		return errf("%s: %v", chart, err)
	}
	for i := range h.Bins {
		h.Bins[i].Weight /= float64(n)
	}
	h.FillColor = withAlpha(st.Positive, 0xA0)
	h.LineStyle = draw.LineStyle{Color: st.Background, Width: 0.5}
	p.Add(h)
	p.Y.Tick.Marker = niceTicks{n: 6, format: func(v float64) string { return trimZeros(strconv.FormatFloat(100*v, 'f', 2, 64)) + "%" }}
	return nil
}

// histMarks adds to p the solid line at the mean, labelled meanLabel, and
// a dashed line at each of xs, labelled labels[k], each label on a row of
// its own below the mean's.
func (st Style) histMarks(p *plot.Plot, mean float64, meanLabel string, xs []float64, labels []string) {
	lbl := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YTop)
	p.Add(vline{x: mean, ls: draw.LineStyle{Color: st.Foreground, Width: 1.2}, label: meanLabel, sty: lbl})
	for k, x := range xs {
		p.Add(vline{x: x, ls: draw.LineStyle{Color: st.Negative, Width: 1.2, Dashes: []vg.Length{4, 2}}, label: labels[k], sty: lbl, row: k + 1})
	}
}

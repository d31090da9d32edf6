package chart

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ReturnsInput is the data of the one-year return histogram of a cash-flow
// estimate of σ.
type ReturnsInput struct {
	Name string
	// Returns are the simulated one-year log returns z (at least 2).
	Returns []float64
	// Sigma is the estimate to mark (±σ around the mean).
	Sigma float64
	Bins  int // 0: 40
}

// Returns draws the histogram of the one-year log returns z with the mean
// and mean ± σ marked.
func Returns(in ReturnsInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Returns) < 2 {
		return nil, errf("returns chart: %d returns: want at least 2", len(in.Returns))
	}
	for i, v := range in.Returns {
		if !finite(v) {
			return nil, errf("returns chart: return %d is %g", i, v)
		}
	}
	bins := in.Bins
	if bins == 0 {
		bins = 40
	}
	if bins < 1 || bins > 1000 {
		return nil, errf("returns chart: %d bins: want 1 to 1000", bins)
	}
	vals := make(plotter.Values, len(in.Returns))
	copy(vals, in.Returns)
	lo, hi := vals[0], vals[0]
	for _, v := range vals {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo == hi {
		vals[0] += 1e-9 * (1 + math.Abs(lo))
	}
	title := "One-year return z = ln((PV₁+CF₁)/PV₀)"
	if in.Name != "" {
		title += ": " + in.Name
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	h, err := plotter.NewHist(vals, bins)
	if err != nil {
		return nil, errf("returns chart: %v", err)
	}
	for i := range h.Bins {
		h.Bins[i].Weight /= float64(len(vals))
	}
	h.FillColor = withAlpha(st.Positive, 0xA0)
	h.LineStyle = draw.LineStyle{Color: st.Background, Width: 0.5}
	p.Add(h)
	mean := stat.Mean(in.Returns, nil)
	lbl := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YTop)
	p.Add(vline{x: mean, ls: draw.LineStyle{Color: st.Foreground, Width: 1.2}, label: "mean " + pct(mean), sty: lbl})
	if in.Sigma > 0 {
		for k, s := range []float64{-1, 1} {
			x := mean + s*in.Sigma
			p.Add(vline{x: x, ls: draw.LineStyle{Color: st.Negative, Width: 1.2, Dashes: []vg.Length{4, 2}},
				label: fmt.Sprintf("mean %+.0fσ", s), sty: lbl, row: k + 1})
		}
	}
	yMax := p.Y.Max
	xt := niceTicks{n: 6, format: pct}
	p.X.Tick.Marker = xt
	p.Y.Max = yMax * 1.25
	p.X.Label.Text = fmt.Sprintf("one-year log return, %d paths (σ = %s)", len(vals), pct(in.Sigma))
	p.Y.Label.Text = "share of paths"
	p.Y.Tick.Marker = niceTicks{n: 6, format: func(v float64) string { return trimZeros(strconv.FormatFloat(100*v, 'f', 2, 64)) + "%" }}
	return p, nil
}

func pct(v float64) string { return trimZeros(strconv.FormatFloat(100*v, 'f', 1, 64)) + "%" }

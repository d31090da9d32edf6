package chart

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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
	if err := allFinite("returns chart", "return", in.Returns); err != nil {
		return nil, err
	}
	bins, err := histBins("returns chart", in.Bins)
	if err != nil {
		return nil, err
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
	if err := st.shareHist(p, "returns chart", vals, bins, len(vals)); err != nil {
		return nil, err
	}
	mean := stat.Mean(in.Returns, nil)
	var xs []float64
	var labels []string
	if in.Sigma > 0 {
		for _, s := range []float64{-1, 1} {
			xs, labels = append(xs, mean+s*in.Sigma), append(labels, fmt.Sprintf("mean %+.0fσ", s))
		}
	}
	st.histMarks(p, mean, "mean "+pct(mean), xs, labels)
	yMax := p.Y.Max
	xt := niceTicks{n: 6, format: pct}
	p.X.Tick.Marker = xt
	p.Y.Max = yMax * 1.25
	p.X.Label.Text = fmt.Sprintf("one-year log return, %d paths (σ = %s)", len(vals), pct(in.Sigma))
	p.Y.Label.Text = "share of paths"
	return p, nil
}

func pct(v float64) string { return trimZeros(strconv.FormatFloat(100*v, 'f', 1, 64)) + "%" }

package chart

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// niceTicks labels a linear axis at steps of 1, 2, 2.5 or 5 times a power
// of ten, with about n labels and one minor tick between labels.
type niceTicks struct {
	n      int
	dec    int                  // decimals of the labels (set by Ticks)
	format func(float64) string // nil: shortest decimal
	money  bool                 // labels as 500k / 1.25M (format unused)

	// Set by fitted: the room along the axis in points (0: unknown, use
	// n labels), whether the axis is vertical, and the tick label style.
	axisFit
	// layout, when set, is the chart's own step run by fitPlot before
	// the axes are fitted.
	layout func(p *plot.Plot, c draw.Canvas)
	// full keeps the plot's title and axis labels as made (see
	// fitLabels).
	full *fullTexts
}

// layoutFor implements layoutHook.
func (t niceTicks) layoutFor(p *plot.Plot, c draw.Canvas) {
	if t.layout != nil {
		t.layout(p, c)
	}
}

// Ticks implements plot.Ticker: the most labels, at most n, that leave
// room between neighbouring labels (see fit).
func (t niceTicks) Ticks(lo, hi float64) []plot.Tick {
	n := t.n
	if n < 2 {
		n = 6
	}
	var ts []plot.Tick
	for k := n; k >= 2; k-- {
		ts = t.ticksN(lo, hi, k)
		if t.labelsFit(ts, lo, hi) {
			return ts
		}
	}
	// Not even two labels fit: label every other one of the widest steps.
	ts = t.ticksN(lo, hi, 1)
	return ts
}

// ticksN returns ticks at a nice step near (hi-lo)/n.
func (t niceTicks) ticksN(lo, hi float64, n int) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: t.label(lo)}}
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	dec := max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
	if f := step * math.Pow(10, float64(dec)); math.Abs(f-math.Round(f)) > 1e-6 {
		dec++
	}
	t.dec = dec
	var ticks []plot.Tick
	first := math.Ceil(lo/step-1e-9) * step
	for k := 0; ; k++ {
		v := first + float64(k)*step
		if v > hi+step*1e-9 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: t.label(v)})
		if h := v + step/2; h <= hi {
			ticks = append(ticks, plot.Tick{Value: h})
		}
	}
	if h := first - step/2; h >= lo {
		ticks = append(ticks, plot.Tick{Value: h})
	}
	return ticks
}

func (t niceTicks) label(v float64) string {
	if t.money {
		return moneyTick(v, t.dec)
	}
	if t.format != nil {
		return t.format(v)
	}
	return strconv.FormatFloat(v, 'f', t.dec, 64)
}

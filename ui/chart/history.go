package chart

import (
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HistorySeries is one line of a history chart: a value per date.
type HistorySeries struct {
	Name   string
	Values []float64
}

// HistoryInput is the data of a history chart: an initiative's or the
// portfolio's values over its snapshots.
type HistoryInput struct {
	Title  string // "History" when empty
	Unit   string
	YLabel string // "value" when empty
	// Dates are the snapshot dates, increasing; each series has one value
	// per date.
	Dates  []time.Time
	Series []HistorySeries
	// Notes, if given, has one short text per date, written under the
	// first series' point (e.g. "NPVq 1.12 · σ√t 0.45").
	Notes []string
}

// History draws each series against the snapshot dates, with a marker per
// snapshot and the notes beside the first series.
func History(in HistoryInput, st Style) (*plot.Plot, error) {
	st.check()
	n := len(in.Dates)
	if n == 0 || len(in.Series) == 0 {
		return nil, errf("history chart: want at least one date and one series, have %d and %d", n, len(in.Series))
	}
	for i := 1; i < n; i++ {
		if !in.Dates[i].After(in.Dates[i-1]) {
			return nil, errf("history chart: date %d (%s) is not after date %d (%s)", i, in.Dates[i].Format(time.DateOnly), i-1, in.Dates[i-1].Format(time.DateOnly))
		}
	}
	if in.Notes != nil && len(in.Notes) != n {
		return nil, errf("history chart: %d notes for %d dates", len(in.Notes), n)
	}
	title := in.Title
	if title == "" {
		title = "History"
	}
	p := st.newPlot(title)
	p.Add(st.grid())
	var notes texts
	var full []string
	for k, s := range in.Series {
		if len(s.Values) != n {
			return nil, errf("history chart: series %q has %d values for %d dates", s.Name, len(s.Values), n)
		}
		pts := make(plotter.XYs, n)
		for i, v := range s.Values {
			if !finite(v) {
				return nil, errf("history chart: series %q value %d is %g", s.Name, i, v)
			}
			pts[i] = plotter.XY{X: float64(in.Dates[i].Unix()), Y: v}
		}
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, errf("history chart: series %q: %v", s.Name, err)
		}
		c := st.TagColor(k)
		l.LineStyle = draw.LineStyle{Color: c, Width: st.LineWidth}
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
		p.Add(l, sc)
		p.Legend.Add(s.Name, l, sc)
		if k == 0 && in.Notes != nil {
			sty := st.text(st.SmallSize, st.Muted, draw.XCenter, draw.YTop)
			for i, note := range in.Notes {
				if note != "" {
					notes = append(notes, textItem{x: pts[i].X, y: pts[i].Y, dy: -7, text: note, sty: sty})
					full = append(full, note)
				}
			}
			p.Add(notes)
		}
	}
	if n <= 12 {
		p.X.Tick.Marker = dateTicks{dates: append([]time.Time(nil), in.Dates...)}
	} else {
		p.X.Tick.Marker = plot.TimeTicks{Format: "2006-01-02"}
	}
	if n == 1 {
		d := float64(in.Dates[0].Unix())
		p.X.Min, p.X.Max = d-15*86400, d+15*86400
	} else {
		span := p.X.Max - p.X.Min
		p.X.Min -= 0.05 * span
		p.X.Max += 0.05 * span
	}
	span := p.Y.Max - p.Y.Min
	if span == 0 {
		span = 1
	}
	p.Y.Min -= 0.15 * span
	p.Y.Max += 0.15 * span
	yMin, yMax := p.Y.Min, p.Y.Max
	yt := moneyTicks()
	yt.layout = func(p *plot.Plot, c draw.Canvas) {
		// The notes need the room of a large chart; a small one keeps
		// more room above the lines for the legend.
		compact := isCompact(c)
		p.Y.Max = yMax
		if compact {
			p.Y.Max += 0.3 * (yMax - yMin)
		}
		for i := range notes {
			notes[i].text = full[i]
			if compact {
				notes[i].text = ""
			}
		}
		p.Legend.TextStyle.Font = st.font(st.SmallSize + 1)
		if compact {
			p.Legend.TextStyle.Font = st.font(st.SmallSize - 1)
		}
	}
	p.Y.Tick.Marker = yt
	if in.YLabel != "" {
		p.Y.Label.Text = in.YLabel
	} else {
		p.Y.Label.Text = "value" + unitSuffix(in.Unit)
	}
	p.X.Label.Text = "snapshot"
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = 8
	return p, nil
}

// dateTicks marks each snapshot date and labels as many as fit: every
// one, or every second, third, ... counted from the last (the latest
// snapshot is always labelled).
type dateTicks struct {
	dates []time.Time
	axisFit
}

// fitted implements fitter.
func (t dateTicks) fitted(f axisFit) plot.Ticker {
	t.axisFit = f
	return t
}

// Ticks implements plot.Ticker.
func (t dateTicks) Ticks(lo, hi float64) []plot.Tick {
	n := len(t.dates)
	ts := make([]plot.Tick, n)
	every := 1
	if t.room > 0 && hi > lo && n > 1 {
		w := t.sty.Rectangle("2006-01-02").Size().X + t.sty.Font.Size
		gap := vg.Length(math.Inf(1))
		for i := 1; i < n; i++ {
			gap = min(gap, vg.Length(float64(t.dates[i].Unix()-t.dates[i-1].Unix())/(hi-lo))*t.room)
		}
		for every < n && vg.Length(every)*gap < w {
			every++
		}
	}
	for i, d := range t.dates {
		ts[i] = plot.Tick{Value: float64(d.Unix())}
		if (n-1-i)%every == 0 {
			ts[i].Label = d.Format(time.DateOnly)
		}
	}
	return ts
}

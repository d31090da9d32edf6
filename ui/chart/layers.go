package chart

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/valuation"
)

// LayerRow is what one tag (an SCRM layer) holds in one region.
type LayerRow struct {
	Tag string
	// Region splits the stack; 0 when the row is the whole tag.
	Region valuation.Region
	// Investment is the sum of X, OptionValue the sum of option values.
	Investment, OptionValue float64
}

// LayersInput is the data of the portfolio-by-layer chart.
type LayersInput struct {
	Title string // "Portfolio by layer" when empty
	Unit  string
	// Tags orders the tags; tags of rows not listed follow in order of
	// appearance.
	Tags []string
	Rows []LayerRow
}

// Layers draws, per tag, two stacked bars: the investment (sum of X) and
// the option value, each stacked by region, so a strategist sees which
// layers the plan covers and how ripe they are.
func Layers(in LayersInput, st Style) (*plot.Plot, error) {
	st.check()
	if len(in.Rows) == 0 {
		return nil, errf("layers chart: no rows")
	}
	tags := append([]string(nil), in.Tags...)
	idx := map[string]int{}
	for i, t := range tags {
		idx[t] = i
	}
	for _, r := range in.Rows {
		if !finite(r.Investment, r.OptionValue) || r.Investment < 0 || r.OptionValue < 0 {
			return nil, errf("layers chart: tag %q: investment %g, option value %g: want finite numbers >= 0", r.Tag, r.Investment, r.OptionValue)
		}
		if r.Region != 0 && !r.Region.Valid() {
			return nil, errf("layers chart: tag %q: region %d: want 0 to %d", r.Tag, int(r.Region), valuation.NumRegions)
		}
		if _, ok := idx[r.Tag]; !ok {
			idx[r.Tag] = len(tags)
			tags = append(tags, r.Tag)
		}
	}
	// stacks[tag][0 investment | 1 option value][region]
	stacks := make([][2][valuation.NumRegions + 1]float64, len(tags))
	present := [valuation.NumRegions + 1]bool{}
	for _, r := range in.Rows {
		i := idx[r.Tag]
		stacks[i][0][r.Region] += r.Investment
		stacks[i][1][r.Region] += r.OptionValue
		present[r.Region] = true
	}
	title := in.Title
	if title == "" {
		title = "Portfolio by layer"
	}
	p := st.newPlot(title)
	var rs []rect
	var ts texts
	top := 0.0
	const w = 0.36
	above := st.text(st.SmallSize, st.Foreground, draw.XCenter, draw.YBottom)
	for i := range tags {
		for k, name := range []string{"X", "C"} {
			x := float64(i) + (float64(k)-0.5)*(w+0.04)
			y := 0.0
			for g := 0; g <= valuation.NumRegions; g++ {
				v := stacks[i][k][g]
				if v == 0 {
					continue
				}
				c := st.Positive // no region given
				if g > 0 {
					c = st.RegionColor(valuation.Region(g))
				}
				if k == 0 {
					c = withAlpha(c, 0x90)
				}
				rs = append(rs, rect{x - w/2, x + w/2, y, y + v, c})
				y += v
			}
			ts = append(ts, textItem{x: x, y: y, dy: 2, text: name + " " + Money(y, ""), sty: above})
			top = max(top, y)
		}
	}
	p.Add(rectLayer{rs: rs, outline: draw.LineStyle{Color: st.Background}}, ts)
	ticks := make([]plot.Tick, len(tags))
	for i, t := range tags {
		ticks[i] = plot.Tick{Value: float64(i), Label: t}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.6, float64(len(tags))-0.4
	p.X.Tick.Length = 0
	p.Y.Min, p.Y.Max = 0, top*1.25
	full := make([]string, len(ts))
	for i, t := range ts {
		full[i] = t.text
	}
	yt := moneyTicks()
	yt.layout = func(p *plot.Plot, c draw.Canvas) {
		// A small chart drops the totals above the bars and keeps more
		// room above them for a smaller legend.
		compact := isCompact(c)
		p.Y.Max = top * 1.25
		p.Legend.TextStyle.Font = st.font(st.SmallSize + 1)
		for i := range ts {
			ts[i].text = full[i]
			if compact {
				ts[i].text = ""
			}
		}
		if compact {
			p.Y.Max = top * 1.6
			p.Legend.TextStyle.Font = st.font(st.SmallSize - 1)
		}
	}
	p.Y.Tick.Marker = yt
	p.Y.Label.Text = fmt.Sprintf("investment X (light) and option value C (solid)%s", unitSuffix(in.Unit))
	p.Legend.Top = true
	for g := valuation.RegionInvestNow; g <= valuation.RegionNever; g++ {
		if present[g] {
			p.Legend.Add(fmt.Sprintf("%d %s", int(g), g), rectSwatch{st.RegionColor(g)})
		}
	}
	return p, nil
}

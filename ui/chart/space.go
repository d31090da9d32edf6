package chart

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/valuation"
)

// Point is a position in the option space: NPVq across, sigma*sqrt(t)
// down.
type Point struct {
	NPVq, CumVol float64
}

// SpacePoint is one initiative on the option space map.
type SpacePoint struct {
	// ID identifies the initiative (returned in Hit); Name labels the
	// bubble; Tag colours it when coloured by tag.
	ID, Name, Tag string
	// NPVq and CumVol place the bubble; X (>= 0) sets its area.
	NPVq, CumVol, X float64
	// Region is the region the engine reports; it colours the bubble.
	Region valuation.Region
	// Drift holds where the initiative drifts if nothing is done (e.g. in 6
	// and 12 months), in order; drawn as an arrow when ShowDrift is set.
	Drift []Point
	// Trail holds past positions, oldest first; drawn when ShowTrails is
	// set.
	Trail []Point
	// Dim draws the bubble faint and without a label (it does not match a
	// search or filter); it keeps its place and its hover.
	Dim bool
}

// ColorBy says what colours the bubbles.
type ColorBy int

// The colourings.
const (
	// ByRegion colours each bubble by its region.
	ByRegion ColorBy = iota
	// ByTag colours each bubble by its tag, in the order of
	// SpaceOptions.Tags.
	ByTag
)

// SpaceOptions control the option space map.
type SpaceOptions struct {
	// Title is drawn above the map ("Option space" when empty).
	Title string
	// Thresholds are the region boundaries (valuation.DefaultThresholds
	// when all zero).
	Thresholds valuation.Thresholds
	// Rate is the portfolio's continuously compounded rate, used for the
	// NPV = 0 curve NPVq = exp(Rate*t).
	Rate float64
	// RefSigma is the volatility at which the NPV = 0 and 1/2 curves are
	// drawn: t = (sigma*sqrt(t)/RefSigma)^2. 0 means 0.3.
	RefSigma float64
	// ColorBy selects region or tag colours; Tags orders the tags.
	ColorBy ColorBy
	Tags    []string
	// ShowDrift and ShowTrails draw the drift arrows and past trails.
	ShowDrift, ShowTrails bool
	// XMin, XMax bound the NPVq axis (0: 0.3 and 3, widened to fit the
	// points); YMax bounds sigma*sqrt(t) (0: 1, widened to fit). Together
	// they make the map's full window.
	XMin, XMax, YMax float64
	// Interactive says the map is shown in a window, where pointing at a
	// bubble shows its name: the legend of numbered bubbles then ends in
	// "… N more: hover a bubble". A map drawn to a file (the CLI's chart,
	// the report) has nothing to hover, and says "… N more not labelled".
	Interactive bool
	// Window, when not zero, is the part of the full window drawn (a zoom):
	// the axes, region boundaries, background and labels are drawn for it,
	// and bubbles outside it are left out (never drawn at its edge). It is
	// cut to the full window; a window outside it draws the full map.
	Window SpaceWindow
}

// The map's axis limits: the NPVq axis never widens beyond these, points
// outside are drawn at the edge.
const (
	spaceXFloor = 0.02
	spaceXCeil  = 50.0
	spaceYCeil  = 5.0
)

// maxLabels bounds the bubble labels drawn: the largest initiatives are
// labelled first; beyond this many the map gets cluttered (and slow).
const maxLabels = 90

// csContours are the labelled C/S contour levels.
var csContours = []float64{0.05, 0.10, 0.20, 0.40}

// Space draws the option space map of pts (see the package documentation).
// It returns an error naming the point or option that is unusable.
func Space(pts []SpacePoint, opt SpaceOptions, st Style) (*plot.Plot, error) {
	st.check()
	l, err := newSpaceLayer(pts, opt, st)
	if err != nil {
		return nil, err
	}
	title := opt.Title
	if title == "" {
		title = "Option space"
	}
	p := st.newPlot(title)
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = spaceTicks{l: l}
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	axis := "value-to-cost NPVq = S / PV(X)  (log scale)"
	note := []string{"dashed: NPV = 0;", "dotted: invest-now edge without leakage;",
		fmt.Sprintf("both for t = (σ√t / %.0f%%)², r = %.2f%% (continuous)", 100*l.geom.refSigma, 100*l.geom.rate)}
	yt := niceTicks{n: 8}
	yt.layout = func(p *plot.Plot, c draw.Canvas) {
		// The note under the axis wraps to the width (a label wider
		// than the chart squeezes the map); a small chart leaves it out.
		p.Y.Label.Text = "cumulative volatility σ√t"
		if isCompact(c) {
			p.X.Label.Text = fitText(p.X.Label.TextStyle, "NPVq (log scale)", c.Max.X-c.Min.X-4)
			p.Y.Label.Text = "σ√t"
			return
		}
		// The label is centred on the data area, which is narrower than
		// the canvas and off its centre: wrap to well inside the canvas
		// so the caption is never cut at an edge.
		p.X.Label.Text = axis + "\n" + wrapWords(p.X.Label.TextStyle, note, (c.Max.X-c.Min.X)*0.6)
	}
	p.Y.Tick.Marker = yt
	p.X.Label.Text = axis + "\n" + strings.Join(note, "  ")
	p.X.Label.TextStyle.Font.Size = st.LabelSize
	p.Y.Label.Text = "cumulative volatility σ√t"
	v := l.view
	p.X.Min, p.X.Max = v.XMin, v.XMax
	p.Y.Min, p.Y.Max = v.YMin, v.YMax
	p.Add(l)
	p.X.Min, p.X.Max = v.XMin, v.XMax
	p.Y.Min, p.Y.Max = v.YMin, v.YMax
	if opt.ColorBy == ByTag {
		p.Legend.Top, p.Legend.Left = true, true
		p.Legend.XOffs, p.Legend.YOffs = 6, -4
		for i, tag := range l.tags {
			p.Legend.Add(tag, swatch{c: st.TagColor(i), outline: st.Foreground})
		}
	}
	return p, nil
}

// spaceTicks labels the log NPVq axis at 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5,
// 10, ... with unlabelled minor ticks between; where those labels would
// crowd the room along the axis (a narrow map, or a wide range such as 0.02
// to 50) it labels 1, 2 and 5, then 1 and 3, then the powers of ten, then
// every other power. A window zoomed in too far for two labels gets evenly
// spaced labels instead. It carries the map's layer (see layerOf).
type spaceTicks struct {
	l *spaceLayer
	// Set by fitted: the room along the axis (0: unknown, all labels).
	axisFit
}

// fitted implements fitter.
func (t spaceTicks) fitted(f axisFit) plot.Ticker {
	t.axisFit = f
	return t
}

// spaceTickSets are the mantissas labelled, densest first; 0 stands for
// the powers of ten with an even exponent.
var spaceTickSets = [][]int{{1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}, {0}}

// Ticks implements plot.Ticker.
func (t spaceTicks) Ticks(min, max float64) []plot.Tick {
	// sparsest is the sparsest set with two labels, for an axis too short
	// for any to be roomy.
	var sparsest []plot.Tick
	for _, set := range spaceTickSets {
		ticks := logTicks(min, max, set)
		labelled := 0
		for _, tk := range ticks {
			if tk.Label != "" {
				labelled++
			}
		}
		if labelled < 2 {
			break
		}
		if t.roomy(ticks, min, max) {
			return ticks
		}
		sparsest = ticks
	}
	if sparsest != nil {
		return sparsest
	}
	return niceTicks{n: 5, axisFit: t.axisFit}.Ticks(min, max)
}

// roomy reports whether the labels of ticks leave about two characters
// (1.5 times the font size) between neighbours on the log axis from min to
// max t.room long: closer, the numbers of a wide range read as one row
// of digits.
func (t spaceTicks) roomy(ticks []plot.Tick, min, max float64) bool {
	if t.room <= 0 || !(max > min) {
		return true
	}
	scale := float64(t.room) / math.Log10(max/min)
	gap := 1.5 * t.sty.Font.Size
	prev, prevW := math.NaN(), vg.Length(0)
	for _, tk := range ticks {
		if tk.Label == "" {
			continue
		}
		x, w := math.Log10(tk.Value), t.sty.Rectangle(tk.Label).Size().X
		if !math.IsNaN(prev) && vg.Length((x-prev)*scale) < (w+prevW)/2+gap {
			return false
		}
		prev, prevW = x, w
	}
	return true
}

// logTicks returns the ticks at 1 to 9 times the powers of ten in [min,
// max], labelled at the mantissas in set (0: at the powers of ten with an
// even exponent).
func logTicks(min, max float64, set []int) []plot.Tick {
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		base := math.Pow(10, e)
		for m := 1; m < 10; m++ {
			v := float64(m) * base
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			lbl := ""
			for _, k := range set {
				if k == m || (k == 0 && m == 1 && int(e)%2 == 0) {
					lbl = strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
				}
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: lbl})
		}
	}
	return ticks
}

// swatch is a legend thumbnail: a filled circle.
type swatch struct{ c, outline color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	ctr := c.Center()
	r := math.Min(float64(c.Max.X-c.Min.X), float64(c.Max.Y-c.Min.Y)) / 2
	c.SetColor(s.c)
	path := circlePath(ctr, vg.Length(r))
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: s.outline, Width: 0.5})
	c.Stroke(path)
}

func circlePath(ctr vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: ctr.X + r, Y: ctr.Y})
	p.Arc(ctr, r, 0, 2*math.Pi)
	p.Close()
	return p
}

// spaceLayer draws everything inside the map's data area.
type spaceLayer struct {
	pts              []SpacePoint
	opt              SpaceOptions
	st               Style
	geom             spaceGeom
	xmin, xmax, ymax float64
	// view is the window drawn: the full window (0 to ymax down) unless
	// zoomed.
	view     SpaceWindow
	tags     []string
	tagIndex map[string]int
	maxX     float64
	rmax     vg.Length
	// placed, when set (tests), is given the IDs and circles of the
	// bubbles drawn and where their labels went.
	placed func(ids []string, circles []circle, places []labelPlacement)
	// named, when set (tests), is given the region names drawn.
	named func([]regionName)
	// part is what Plot draws: all of the layer, only its static part
	// (the C/S background, contours and region boundaries, which do not
	// depend on the bubbles), or only the rest over an image that holds
	// the static part (see spacecache.go).
	part layerPart
	// contourBoxes are the contour labels' boxes, kept out of the way of
	// the other labels: set by drawing the static part, or from the cache;
	// contourLabels are the labels themselves, written again over the
	// bubbles that cover them.
	contourBoxes  []vg.Rectangle
	contourLabels []contourLabel
}

// contourLabel is a C/S contour's label: its text centred at at, on the
// background box.
type contourLabel struct {
	box  vg.Rectangle
	at   vg.Point
	text string
}

// layerPart says which part of the map layer Plot draws.
type layerPart int

// The parts.
const (
	partAll layerPart = iota
	partBase
	partTop
)

func newSpaceLayer(pts []SpacePoint, opt SpaceOptions, st Style) (*spaceLayer, error) {
	th := opt.Thresholds
	if th == (valuation.Thresholds{}) {
		th = valuation.DefaultThresholds()
	}
	if err := th.Validate(); err != nil {
		return nil, err
	}
	if math.IsNaN(opt.Rate) || math.IsInf(opt.Rate, 0) || math.Abs(opt.Rate) > 1 {
		return nil, fmt.Errorf("space map rate %g: want a continuous rate in [-1, 1]", opt.Rate)
	}
	ref := opt.RefSigma
	if ref == 0 {
		ref = 0.3
	}
	if !(ref > 0 && ref <= 5) {
		return nil, fmt.Errorf("space map reference volatility %g: want (0, 5]", opt.RefSigma)
	}
	l := &spaceLayer{opt: opt, st: st, geom: spaceGeom{th: th, rate: opt.Rate, refSigma: ref}}
	l.xmin, l.xmax, l.ymax = 0.3, 3, 1
	for _, f := range []struct {
		name string
		v    float64
		dst  *float64
	}{{"x_min", opt.XMin, &l.xmin}, {"x_max", opt.XMax, &l.xmax}, {"y_max", opt.YMax, &l.ymax}} {
		if f.v == 0 {
			continue
		}
		if !(f.v > 0) || math.IsInf(f.v, 0) {
			return nil, fmt.Errorf("space map %s %g: want a positive number", f.name, f.v)
		}
		*f.dst = f.v
	}
	if !(l.xmin < 1 && l.xmax > 1) {
		return nil, fmt.Errorf("space map NPVq range [%g, %g]: it must contain 1", l.xmin, l.xmax)
	}
	l.pts = make([]SpacePoint, len(pts))
	for i, p := range pts {
		if err := checkPoint(Point{p.NPVq, p.CumVol}); err != nil {
			return nil, fmt.Errorf("initiative %q: %w", p.Name, err)
		}
		if !(p.X >= 0) || math.IsInf(p.X, 0) {
			return nil, fmt.Errorf("initiative %q: X %g: want a finite number >= 0", p.Name, p.X)
		}
		if !p.Region.Valid() {
			return nil, fmt.Errorf("initiative %q: region %d: want 1 to %d", p.Name, int(p.Region), valuation.NumRegions)
		}
		p.Drift = append([]Point(nil), p.Drift...)
		p.Trail = append([]Point(nil), p.Trail...)
		for _, q := range append(append([]Point(nil), p.Drift...), p.Trail...) {
			if err := checkPoint(q); err != nil {
				return nil, fmt.Errorf("initiative %q: drift or trail point: %w", p.Name, err)
			}
		}
		l.pts[i] = p
		l.maxX = math.Max(l.maxX, p.X)
		l.fit(Point{p.NPVq, p.CumVol})
		if opt.ShowDrift {
			for _, q := range p.Drift {
				l.fit(q)
			}
		}
		if opt.ShowTrails {
			for _, q := range p.Trail {
				l.fit(q)
			}
		}
	}
	l.tags = append([]string(nil), opt.Tags...)
	l.tagIndex = map[string]int{}
	for i, t := range l.tags {
		l.tagIndex[t] = i
	}
	for _, p := range l.pts {
		if _, ok := l.tagIndex[p.Tag]; !ok && p.Tag != "" && opt.ColorBy == ByTag {
			l.tagIndex[p.Tag] = len(l.tags)
			l.tags = append(l.tags, p.Tag)
		}
	}
	l.rmax = maxRadius(len(l.pts))
	if err := l.setView(opt.Window); err != nil {
		return nil, err
	}
	return l, nil
}

// checkPoint reports whether q can be placed on the map.
func checkPoint(q Point) error {
	if !(q.NPVq > 0) || math.IsInf(q.NPVq, 0) {
		return fmt.Errorf("NPVq %g: want a finite number > 0", q.NPVq)
	}
	if !(q.CumVol >= 0) || math.IsInf(q.CumVol, 0) {
		return fmt.Errorf("sigma*sqrt(t) %g: want a finite number >= 0", q.CumVol)
	}
	return nil
}

// fit widens the axes to show q (with a margin), within the limits.
func (l *spaceLayer) fit(q Point) {
	l.xmin = math.Max(spaceXFloor, math.Min(l.xmin, q.NPVq/1.12))
	l.xmax = math.Min(spaceXCeil, math.Max(l.xmax, q.NPVq*1.12))
	l.ymax = math.Min(spaceYCeil, math.Max(l.ymax, q.CumVol*1.05))
}

// clamp returns q moved inside the axes.
func (l *spaceLayer) clamp(q Point) Point {
	return Point{math.Min(math.Max(q.NPVq, l.xmin), l.xmax), math.Min(q.CumVol, l.ymax)}
}

// full returns the map's full window.
func (l *spaceLayer) full() SpaceWindow {
	return SpaceWindow{XMin: l.xmin, XMax: l.xmax, YMin: 0, YMax: l.ymax}
}

// visible reports whether the bubble at q (clamped to the full window) is
// inside the window drawn.
func (l *spaceLayer) visible(q Point) bool {
	const eps = 1e-12
	v := l.view
	return q.NPVq >= v.XMin*(1-eps) && q.NPVq <= v.XMax*(1+eps) && q.CumVol >= v.YMin-eps && q.CumVol <= v.YMax+eps
}

// DataRange implements plot.DataRanger.
func (l *spaceLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	return l.view.XMin, l.view.XMax, l.view.YMin, l.view.YMax
}

// SpaceExtent returns the full window of the map Space draws of pts with
// opt (opt.Window aside), or the error Space would return.
func SpaceExtent(pts []SpacePoint, opt SpaceOptions) (SpaceWindow, error) {
	opt.Window = SpaceWindow{}
	l, err := newSpaceLayer(pts, opt, Style{})
	if err != nil {
		return SpaceWindow{}, err
	}
	return l.full(), nil
}

// maxRadius returns the radius of the largest bubble on a map of n
// bubbles: 24 points up to 10 bubbles, shrinking as 1/sqrt(n), at least 7.
func maxRadius(n int) vg.Length {
	return vg.Length(math.Max(7, math.Min(24, 24*math.Sqrt(10/float64(max(n, 1))))))
}

// radiusScale returns the factor on bubble radii for a data area r: 1
// when its smaller side is at least 240 points, less on a small chart (at
// least 0.45), so bubbles do not cover a small map.
func radiusScale(r vg.Rectangle) vg.Length {
	side := min(r.Max.X-r.Min.X, r.Max.Y-r.Min.Y)
	return max(0.45, min(1, side/240))
}

// bubbleRadius returns the radius of a bubble for investment x when the
// largest is maxX with radius rmax: area proportional to x, at least 2.5
// points so every initiative stays visible.
func bubbleRadius(x, maxX float64, rmax vg.Length) vg.Length {
	if maxX <= 0 {
		return 4
	}
	return vg.Length(math.Max(2.5, float64(rmax)*math.Sqrt(x/maxX)))
}

// color returns the fill colour of p.
func (l *spaceLayer) color(p SpacePoint) color.Color {
	if l.opt.ColorBy == ByTag {
		if i, ok := l.tagIndex[p.Tag]; ok {
			return l.st.TagColor(i)
		}
		return l.st.Muted
	}
	return l.st.RegionColor(p.Region)
}

// drawBubble draws the bubble of p at ctr with radius r: through dp where
// the canvas has one (pixels), else as a path; a dimmed point faint and
// without an outline.
func (l *spaceLayer) drawBubble(c draw.Canvas, dp *discPainter, p SpacePoint, ctr vg.Point, r vg.Length) {
	outline := draw.LineStyle{Color: l.st.Foreground, Width: 0.6}
	if dp != nil {
		if p.Dim {
			dp.disc(ctr, r, withAlpha(l.color(p), 0x38), nil, 0)
		} else {
			dp.disc(ctr, r, withAlpha(l.color(p), 0xD8), outline.Color, outline.Width)
		}
		return
	}
	path := circlePath(ctr, r)
	if p.Dim {
		c.SetColor(withAlpha(l.color(p), 0x38))
		c.Fill(path)
		return
	}
	c.SetColor(withAlpha(l.color(p), 0xD8))
	c.Fill(path)
	c.SetLineStyle(outline)
	c.Stroke(path)
}

// Plot implements plot.Plotter.
func (l *spaceLayer) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	at := func(q Point) vg.Point { return vg.Point{X: trX(q.NPVq), Y: trY(q.CumVol)} }
	v := l.view
	if l.part != partTop {
		drawHeat(c, v.XMin, v.XMax, v.YMin, v.YMax, l.st.HeatLow, l.st.HeatHigh)
	}

	// The bubbles inside the window drawn: bs[k] is bubble k of them, of
	// point bs[k].i; circles, order and names below are indexed alike.
	type bubble struct {
		i   int
		ctr vg.Point
		r   vg.Length
	}
	bs := make([]bubble, 0, len(l.pts))
	k := radiusScale(c.Rectangle)
	small := k < 1
	for i, p := range l.pts {
		q := l.clamp(Point{p.NPVq, p.CumVol})
		if l.visible(q) {
			bs = append(bs, bubble{i, at(q), bubbleRadius(p.X, l.maxX, l.rmax*k)})
		}
	}
	circles := make([]circle, len(bs))
	for j, b := range bs {
		circles[j] = circle{b.ctr, b.r}
	}
	// Bubbles are drawn largest first, so small ones stay visible.
	order := make([]int, len(bs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		pa, pb := l.pts[bs[order[a]].i], l.pts[bs[order[b]].i]
		if pa.X != pb.X {
			return pa.X > pb.X
		}
		return pa.ID < pb.ID
	})

	// The contours and boundaries are the static part (see part): drawn
	// with the background, or already there.
	if l.part != partTop {
		l.contourLabels = l.drawContours(c, at, small)
		l.contourBoxes = nil // a fresh slice: the old one may be a cached part's
		for _, cl := range l.contourLabels {
			l.contourBoxes = append(l.contourBoxes, cl.box)
		}
		l.drawBoundaries(c, at)
	}
	if l.part == partBase {
		return
	}
	var occupied []vg.Rectangle
	if l.opt.ColorBy == ByTag && len(l.tags) > 0 {
		occupied = append(occupied, l.legendBox(c))
	}
	occupied = append(occupied, l.contourBoxes...)
	regions := l.placeRegionNames(c, at, occupied, circles, small)
	for _, rn := range regions {
		occupied = append(occupied, rn.box)
	}

	dp := newDiscPainter(c)
	if dp != nil && l.view != l.full() {
		// A zoomed map cuts the bubbles at its window's edges (the full
		// map draws a bubble clamped to an edge whole).
		dp.clipTo(c.Rectangle)
	}
	if l.opt.ShowTrails {
		for _, b := range bs {
			l.drawTrail(c, dp, at, l.pts[b.i], b.ctr)
		}
	}
	if l.opt.ShowDrift {
		for _, b := range bs {
			l.drawDrift(c, dp, at, l.pts[b.i], b.ctr, b.r)
		}
	}
	for _, i := range order {
		l.drawBubble(c, dp, l.pts[bs[i].i], bs[i].ctr, bs[i].r)
	}

	// A contour label a bubble covers is written again over it: on a
	// dense map the labels sat under the bubbles, unreadable.
	l.drawCoveredContourLabels(c, circles)

	// The region names go over the bubbles: on a crowded map a name may
	// have no spot clear of them, and under them it could not be read.
	l.drawRegionNames(c, regions)
	if l.named != nil {
		l.named(regions)
	}

	// Labels, greedily, largest initiatives first: each beside its own
	// bubble (a leader line when moved off it); a bubble without room gets
	// a number and its name in the numbered legend.
	sty := l.st.text(l.st.SmallSize, l.st.Foreground, draw.XLeft, draw.YBottom)
	tw := newTextWriter(c, sty)
	defer tw.close()
	halo := withAlpha(l.st.Background, 0xB0)
	names := make([]string, len(bs))
	for j, b := range bs {
		if p := l.pts[b.i]; !p.Dim {
			names[j] = shortenMiddle(p.Name, 28)
		}
	}
	size := func(s string) vg.Point { return textSize(sty, s) }
	places := placeLabels(c.Rectangle, occupied, circles, order, names, size, len(bs) <= 80, maxLabels)
	if l.placed != nil {
		ids := make([]string, len(bs))
		for j, b := range bs {
			ids[j] = l.pts[b.i].ID
		}
		l.placed(ids, circles, places)
	}
	var numbered []labelPlacement
	for _, pl := range places {
		if pl.Number > 0 {
			numbered = append(numbered, pl)
			continue
		}
		if pl.Leader {
			c.StrokeLines(draw.LineStyle{Color: l.st.Foreground, Width: 0.5}, []vg.Point{edgeToward(bs[pl.I].ctr, bs[pl.I].r, nearestOnRect(pl.Rect, bs[pl.I].ctr)), nearestOnRect(pl.Rect, bs[pl.I].ctr)})
		}
		fillRect(c, dp, pl.Rect, halo)
		tw.write(vg.Point{X: pl.Rect.Min.X + 1, Y: textBottomIn(sty, pl.Rect.Min.Y, pl.Rect.Max.Y)}, names[pl.I])
	}
	l.drawNumbered(c, tw, sty, halo, numbered, names, circles, occupied, places)
}

// textSizes caches textSize: a redraw of the map (a driver dragged)
// measures the same names again, and shaping them was about a tenth of
// drawing a 1,000-bubble map. Emptied when it reaches maxTextSizes.
var textSizes = struct {
	sync.Mutex
	m map[textSizeKey]vg.Point
}{m: map[textSizeKey]vg.Point{}}

const maxTextSizes = 1 << 14

type textSizeKey struct {
	f font.Font
	s string
}

// textSize returns sty.Rectangle(s).Size(), from the cache when the same
// font measured s before (the styles here all use plot's default text
// handler, so the font and the text decide the size).
func textSize(sty draw.TextStyle, s string) vg.Point {
	if sty.Handler != plot.DefaultTextHandler {
		return sty.Rectangle(s).Size()
	}
	k := textSizeKey{sty.Font, s}
	textSizes.Lock()
	sz, ok := textSizes.m[k]
	textSizes.Unlock()
	if ok {
		return sz
	}
	sz = sty.Rectangle(s).Size()
	textSizes.Lock()
	if len(textSizes.m) >= maxTextSizes {
		clear(textSizes.m)
	}
	textSizes.m[k] = sz
	textSizes.Unlock()
	return sz
}

// moreLine is the legend's last line for the n numbered bubbles it has
// no room for: in a window their hover names them; in a file nothing
// does (the initiative table lists them all).
func moreLine(n int, interactive bool) string {
	if interactive {
		return fmt.Sprintf("… %d more: hover a bubble", n)
	}
	return fmt.Sprintf("… %d more not labelled", n) // no longer than the hover hint: it fits where that did
}

// drawNumbered draws the numbers of the bubbles that got no label beside
// them and, where the map has room clear of bubbles and labels, the legend
// of those numbers ("3  Customer community…").
func (l *spaceLayer) drawNumbered(c draw.Canvas, tw *textWriter, sty draw.TextStyle, halo color.Color, numbered []labelPlacement, names []string, circles []circle, occupied []vg.Rectangle, places []labelPlacement) {
	if len(numbered) > maxNumbered {
		numbered = numbered[:maxNumbered]
	}
	if len(numbered) == 0 {
		return
	}
	dp := newDiscPainter(c)
	for _, pl := range numbered {
		// placeLabels put the number's box on its bubble, clear of the
		// labels and the other numbers.
		r := pl.Rect
		fillRect(c, dp, r, halo)
		tw.write(vg.Point{X: r.Min.X + 1, Y: textBottomIn(sty, r.Min.Y, r.Max.Y)}, fmt.Sprint(pl.Number))
	}
	// The legend: as many lines as fit in a corner clear of bubbles and
	// labels, the rest summed up in a last line.
	taken := append([]vg.Rectangle(nil), occupied...)
	for _, pl := range places {
		taken = append(taken, pl.Rect)
	}
	lineH := textSize(sty, "0").Y + 1
	lines := make([]string, len(numbered))
	for k, pl := range numbered {
		lines[k] = fmt.Sprintf("%d  %s", pl.Number, names[pl.I])
	}
	for n := len(lines); n > 0; n-- {
		show := lines[:n]
		if n < len(lines) {
			show = append(append([]string(nil), lines[:n-1]...), moreLine(len(lines)-n+1, l.opt.Interactive))
		}
		w := vg.Length(0)
		for _, s := range show {
			w = vg.Length(math.Max(float64(w), float64(textSize(sty, s).X)))
		}
		bw, bh := w+6, vg.Length(len(show))*lineH+4
		a := c.Rectangle
		for _, o := range []vg.Point{{X: a.Max.X - bw - 2, Y: a.Min.Y + 2}, {X: a.Max.X - bw - 2, Y: a.Max.Y - bh - 2},
			{X: a.Min.X + 2, Y: a.Max.Y - bh - 2}, {X: a.Min.X + 2, Y: a.Min.Y + 2}} {
			box := vg.Rectangle{Min: o, Max: vg.Point{X: o.X + bw, Y: o.Y + bh}}
			if box.Min.X < a.Min.X || box.Min.Y < a.Min.Y {
				continue
			}
			clear := true
			for _, t := range taken {
				clear = clear && !overlaps(t, box)
			}
			for _, ci := range circles {
				clear = clear && !circleHitsRect(ci, box)
			}
			if !clear {
				continue
			}
			fillRect(c, dp, box, withAlpha(l.st.Background, 0xE0))
			for k, s := range show {
				top := box.Max.Y - 2 - vg.Length(k)*lineH
				tw.write(vg.Point{X: box.Min.X + 3, Y: textBottomIn(sty, top-lineH, top)}, s)
			}
			return
		}
	}
}

// textBottomIn returns the y at which text of style sty (YBottom) is
// written so that its glyphs, from the descent below the baseline to the
// ascent above it, are centred between y0 and y1. (Writing it at y0 + 1 -
// descent, as before, set the baseline on the box's bottom edge: the
// glyphs stood on the edge of their halo, the descenders below it.)
func textBottomIn(sty draw.TextStyle, y0, y1 vg.Length) vg.Length {
	e := sty.FontExtents()
	// YBottom puts the baseline at y + size - ascent.
	return (y0+y1)/2 - sty.Font.Size + (e.Ascent+e.Descent)/2
}

// edgeToward returns the point on the circle (ctr, r) toward p, where a
// leader line starts.
func edgeToward(ctr vg.Point, r vg.Length, p vg.Point) vg.Point {
	dx, dy := float64(p.X-ctr.X), float64(p.Y-ctr.Y)
	d := math.Hypot(dx, dy)
	if d <= float64(r) || d == 0 {
		return ctr
	}
	k := float64(r) / d
	return vg.Point{X: ctr.X + vg.Length(dx*k), Y: ctr.Y + vg.Length(dy*k)}
}

// contourStyle is the contour labels' text style.
func (l *spaceLayer) contourStyle() draw.TextStyle {
	return l.st.text(l.st.SmallSize-1, l.st.Muted, draw.XCenter, draw.YCenter)
}

// drawContourLabel draws a contour label: its box, then its text.
func (l *spaceLayer) drawContourLabel(c draw.Canvas, sty draw.TextStyle, cl contourLabel) {
	c.SetColor(withAlpha(l.st.Background, 0xC0))
	c.Fill(cl.box.Path())
	c.FillText(sty, cl.at, cl.text)
}

// drawCoveredContourLabels draws again, over the bubbles, the contour
// labels that a bubble covers.
func (l *spaceLayer) drawCoveredContourLabels(c draw.Canvas, circles []circle) {
	sty := l.contourStyle()
	for _, cl := range l.contourLabels {
		for _, ci := range circles {
			if circleHitsRect(ci, cl.box) {
				l.drawContourLabel(c, sty, cl)
				break
			}
		}
	}
}

// drawContours draws the labelled C/S contours (unlabelled when small); it
// returns the labels.
func (l *spaceLayer) drawContours(c draw.Canvas, at func(Point) vg.Point, small bool) []contourLabel {
	ls := draw.LineStyle{Color: withAlpha(l.st.Muted, 0x90), Width: 0.7}
	sty := l.contourStyle()
	var labels []contourLabel
	for _, level := range csContours {
		pts := contourPath(level, l.view.YMin, l.view.YMax)
		// The whole contour is drawn, cut at the window's edges; its label
		// goes near the lower end of the part inside the window across.
		var line, all []vg.Point
		for _, q := range pts {
			all = append(all, at(q))
			if q.NPVq < l.view.XMin || q.NPVq > l.view.XMax {
				continue
			}
			line = append(line, at(q))
		}
		if len(line) < 2 {
			continue
		}
		c.SetLineStyle(ls)
		c.StrokeLines(ls, c.ClipLinesXY(all)...)
		if small {
			continue
		}
		// Label near the lower end of the contour, on a background box.
		k := len(line) * 85 / 100
		lbl := fmt.Sprintf("C/S %g%%", 100*level)
		r := sty.Rectangle(lbl)
		box := vg.Rectangle{Min: vg.Point{X: line[k].X + r.Min.X - 1, Y: line[k].Y + r.Min.Y - 1}, Max: vg.Point{X: line[k].X + r.Max.X + 1, Y: line[k].Y + r.Max.Y + 1}}
		if !c.Contains(box.Min) || !c.Contains(box.Max) {
			continue
		}
		cl := contourLabel{box: box, at: line[k], text: lbl}
		l.drawContourLabel(c, sty, cl)
		labels = append(labels, cl)
	}
	return labels
}

// contourPath returns the C/S = level contour from sigma*sqrt(t) = y0 to
// y1, cached.
func contourPath(level, y0, y1 float64) []Point {
	return cachedPath(pathKey{kind: 'c', a: level, ymin: y0, ymax: y1}, func() []Point {
		const n = 96
		pts := make([]Point, n+1)
		for i := range pts {
			v := y0 + (y1-y0)*float64(i)/n
			pts[i] = Point{npvqAtShare(level, v), v}
		}
		return pts
	})
}

// drawBoundaries draws the region boundaries.
func (l *spaceLayer) drawBoundaries(c draw.Canvas, at func(Point) vg.Point) {
	solid := draw.LineStyle{Color: withAlpha(l.st.Foreground, 0xC0), Width: 1.6}
	thin := draw.LineStyle{Color: withAlpha(l.st.Foreground, 0xA0), Width: 1.1}
	v := l.view
	// NPVq = 1 (cut at the window's edges, as every line here).
	c.StrokeLines(solid, c.ClipLinesXY([]vg.Point{at(Point{1, v.YMin}), at(Point{1, v.YMax})})...)
	// 4/5 and 5/6: C/S contours left of NPVq = 1, from where they cross it.
	for _, level := range []float64{l.geom.th.MaybeLater, l.geom.th.ProbablyNever} {
		if !(level > 0) {
			continue
		}
		v0 := shareAtParity(level)
		if v0 >= v.YMax {
			continue
		}
		var line []vg.Point
		if v0 >= v.YMin {
			line = append(line, at(Point{1, v0}))
		}
		for _, q := range contourPath(level, v.YMin, v.YMax) {
			if q.CumVol > v0 && q.NPVq <= 1 {
				line = append(line, at(q))
			}
		}
		if len(line) > 1 {
			c.StrokeLines(thin, c.ClipLinesXY(line)...)
		}
	}
	// NPV = 0 (dashed) and the no-leakage 1/2 edge (dotted), right of 1.
	g := l.geom
	zero, edge := boundaryPaths(g, v.YMin, v.YMax)
	dashed := thin
	dashed.Dashes = []vg.Length{5, 3}
	dotted := thin
	dotted.Dashes = []vg.Length{1.5, 2.5}
	for _, s := range []struct {
		pts []Point
		ls  draw.LineStyle
	}{{zero, dashed}, {edge, dotted}} {
		var line []vg.Point
		for _, q := range s.pts {
			if q.NPVq > 1 {
				line = append(line, at(q))
			}
		}
		if len(line) > 1 {
			c.StrokeLines(s.ls, c.ClipLinesXY(line)...)
		}
	}
}

// boundaryPaths returns the NPV = 0 curve and the no-leakage 1/2 edge,
// cached.
func boundaryPaths(g spaceGeom, y0, y1 float64) (zero, edge []Point) {
	const n = 96
	zero = cachedPath(pathKey{kind: 'z', a: g.rate, b: g.refSigma, ymin: y0, ymax: y1}, func() []Point {
		pts := make([]Point, n+1)
		for i := range pts {
			v := y0 + (y1-y0)*float64(i)/n
			pts[i] = Point{g.npvZero(v), v}
		}
		return pts
	})
	edge = cachedPath(pathKey{kind: 'e', a: g.rate, b: g.refSigma, c: g.th.InvestNowPremium, ymin: y0, ymax: y1}, func() []Point {
		pts := make([]Point, 0, n+1)
		for i := 0; i <= n; i++ {
			v := y0 + (y1-y0)*float64(i)/n
			if q := g.investNowEdge(v); !math.IsInf(q, 1) {
				pts = append(pts, Point{q, v})
			}
		}
		return pts
	})
	return zero, edge
}

// regionName is where a region's number and name go.
type regionName struct {
	g    valuation.Region
	name string
	box  vg.Rectangle
	sty  draw.TextStyle
	// over is set when the name lies over bubbles (no spot was clear of
	// them): its background is then nearly opaque, to be read.
	over bool
}

// drawRegionNames writes the region names placed by placeRegionNames.
func (l *spaceLayer) drawRegionNames(c draw.Canvas, names []regionName) {
	for _, rn := range names {
		box, sty := rn.box, rn.sty
		alpha := uint8(0xA0)
		if rn.over {
			alpha = 0xE0
		}
		c.SetColor(withAlpha(l.st.Background, alpha))
		c.Fill(box.Path())
		c.SetColor(l.st.RegionColor(rn.g))
		c.Fill(vg.Rectangle{Min: box.Min, Max: vg.Point{X: box.Min.X + 2.5, Y: box.Max.Y}}.Path())
		c.FillText(sty, vg.Point{X: box.Min.X + 4, Y: textBottomIn(sty, box.Min.Y, box.Max.Y)}, rn.name)
	}
}

// placeRegionNames places each region's number and name inside it.
func (l *spaceLayer) placeRegionNames(c draw.Canvas, at func(Point) vg.Point, occupied []vg.Rectangle, circles []circle, small bool) []regionName {
	sty := l.st.text(l.st.LabelSize, l.st.Foreground, draw.XLeft, draw.YBottom)
	passes := 3
	if small {
		// A small map names a region only where no bubble is.
		sty = l.st.text(l.st.SmallSize, l.st.Foreground, draw.XLeft, draw.YBottom)
		passes = 1
	}
	// Preferred spots per region, in normalised axis coordinates
	// (u across from the left, w down from the top).
	prefs := map[valuation.Region][][2]float64{
		valuation.RegionInvestNow:     {{0.80, 0.03}, {0.70, 0.08}, {0.85, 0.2}, {0.75, 0.3}},
		valuation.RegionMaybeNow:      {{0.78, 0.55}, {0.8, 0.4}, {0.8, 0.7}, {0.7, 0.5}, {0.85, 0.85}},
		valuation.RegionProbablyLater: {{0.51, 0.92}, {0.52, 0.8}, {0.52, 0.6}, {0.53, 0.4}},
		valuation.RegionMaybeLater:    {{0.02, 0.93}, {0.1, 0.93}, {0.25, 0.93}, {0.35, 0.8}},
		valuation.RegionProbablyNever: {{0.02, 0.45}, {0.02, 0.35}, {0.02, 0.55}, {0.1, 0.4}, {0.2, 0.3}, {0.3, 0.2}},
		valuation.RegionNever:         {{0.02, 0.03}, {0.02, 0.1}, {0.1, 0.05}, {0.2, 0.05}},
	}
	var boxes []vg.Rectangle
	var out []regionName
	for g := valuation.RegionInvestNow; g <= valuation.RegionNever; g++ {
		name := fmt.Sprintf("%d %s", int(g), g)
		sz := sty.Rectangle(name).Size()
		cands := prefs[g]
		// Then a coarse scan of the whole area.
		for w := 0.05; w < 1; w += 0.1 {
			for u := 0.02; u < 0.95; u += 0.06 {
				cands = append(cands, [2]float64{u, w})
			}
		}
		// First a spot clear of bubbles; failing that, any spot in the
		// region clear of other labels; failing that (a thin region), a
		// spot clear of bubbles where the name starts inside the region.
		for pass := 0; pass < passes; pass++ {
			if box, ok := l.regionSpot(c, at, g, sz, cands, append(occupied, boxes...), circles, pass != 1, pass == 2); ok {
				boxes = append(boxes, box)
				out = append(out, regionName{g: g, name: name, box: box, sty: sty, over: pass == 1})
				break
			}
		}
	}
	return out
}

// regionSpot returns the first candidate box for region g's name that is
// inside the data area and inside region g, overlaps no box in taken and,
// when clear is set, no bubble. With anchorOnly only the name's start (the
// middle of the box's left edge, where its colour mark is) must lie in
// region g: thin regions such as 3 (between NPVq = 1 and NPV = 0) cannot
// hold a whole label.
func (l *spaceLayer) regionSpot(c draw.Canvas, at func(Point) vg.Point, g valuation.Region, sz vg.Point, cands [][2]float64, taken []vg.Rectangle, circles []circle, clear, anchorOnly bool) (vg.Rectangle, bool) {
	v := l.view
	lx, ly := math.Log(v.XMin), math.Log(v.XMax)
next:
	for _, cd := range cands {
		o := at(Point{math.Exp(lx + cd[0]*(ly-lx)), v.YMin + cd[1]*(v.YMax-v.YMin)})
		box := vg.Rectangle{Min: o, Max: vg.Point{X: o.X + sz.X + 4, Y: o.Y + sz.Y + 2}}
		if !c.Contains(box.Min) || !c.Contains(box.Max) {
			continue
		}
		corners := []vg.Point{box.Min, box.Max, {X: box.Min.X, Y: box.Max.Y}, {X: box.Max.X, Y: box.Min.Y}}
		if anchorOnly {
			corners = []vg.Point{{X: box.Min.X + 1, Y: (box.Min.Y + box.Max.Y) / 2}}
		}
		for _, corner := range corners {
			if l.geom.regionAt(invertSpace(c.Rectangle, plotAxes(l), corner)) != g {
				continue next
			}
		}
		for _, b := range taken {
			if overlaps(b, box) {
				continue next
			}
		}
		if clear {
			for _, ci := range circles {
				if circleHitsRect(ci, box) {
					continue next
				}
			}
		}
		return box, true
	}
	return vg.Rectangle{}, false
}

// legendBox returns the area the tag legend covers (top left).
func (l *spaceLayer) legendBox(c draw.Canvas) vg.Rectangle {
	sty := l.st.text(l.st.SmallSize+1, l.st.Foreground, draw.XLeft, draw.YBottom)
	w := vg.Length(0)
	for _, t := range l.tags {
		w = max(w, sty.Rectangle(t).Size().X)
	}
	h := sty.Rectangle("Xg").Size().Y * vg.Length(len(l.tags))
	return vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: c.Max.Y - h - 10}, Max: vg.Point{X: c.Min.X + w + 2*sty.Font.Size + 14, Y: c.Max.Y}}
}

// axes is the data range of the map drawn.
type axes struct{ xmin, xmax, ymin, ymax float64 }

func plotAxes(l *spaceLayer) axes { return axes{l.view.XMin, l.view.XMax, l.view.YMin, l.view.YMax} }

// invertSpace maps a point of the data rectangle r back to data
// coordinates: x is log-scaled from xmin to xmax, y runs from ymin at the
// top to ymax at the bottom.
func invertSpace(r vg.Rectangle, a axes, pt vg.Point) (q, v float64) {
	u := float64((pt.X - r.Min.X) / (r.Max.X - r.Min.X))
	w := float64((r.Max.Y - pt.Y) / (r.Max.Y - r.Min.Y))
	return math.Exp(math.Log(a.xmin) + u*(math.Log(a.xmax)-math.Log(a.xmin))), a.ymin + w*(a.ymax-a.ymin)
}

// drawTrail draws p's past positions as a dashed path ending at ctr.
func (l *spaceLayer) drawTrail(c draw.Canvas, dp *discPainter, at func(Point) vg.Point, p SpacePoint, ctr vg.Point) {
	if len(p.Trail) == 0 {
		return
	}
	line := make([]vg.Point, 0, len(p.Trail)+1)
	for _, q := range p.Trail {
		line = append(line, at(l.clamp(q)))
	}
	line = append(line, ctr)
	ls := draw.LineStyle{Color: withAlpha(l.color(p), 0xC0), Width: 1, Dashes: []vg.Length{3, 2}}
	c.StrokeLines(ls, c.ClipLinesXY(line)...)
	c.SetColor(withAlpha(l.color(p), 0xC0))
	for _, q := range line[:len(line)-1] {
		if c.Contains(q) {
			fillDot(c, dp, q, 1.8, withAlpha(l.color(p), 0xC0))
		}
	}
}

// drawDrift draws an arrow from ctr through p's drift points.
func (l *spaceLayer) drawDrift(c draw.Canvas, dp *discPainter, at func(Point) vg.Point, p SpacePoint, ctr vg.Point, r vg.Length) {
	if len(p.Drift) == 0 {
		return
	}
	line := []vg.Point{ctr}
	for _, q := range p.Drift {
		line = append(line, at(l.clamp(q)))
	}
	end, prev := line[len(line)-1], line[len(line)-2]
	dx, dy := float64(end.X-prev.X), float64(end.Y-prev.Y)
	d := math.Hypot(dx, dy)
	if d < 1 {
		return
	}
	col := withAlpha(l.st.Foreground, 0xB0)
	ls := draw.LineStyle{Color: col, Width: 0.9}
	c.StrokeLines(ls, c.ClipLinesXY(line)...)
	if !c.Contains(end) {
		// The arrow leaves the window drawn: no head at its edge.
		return
	}
	ux, uy := dx/d, dy/d
	const ah, aw = 6.0, 2.6
	base := vg.Point{X: end.X - vg.Length(ah*ux), Y: end.Y - vg.Length(ah*uy)}
	var head vg.Path
	head.Move(end)
	head.Line(vg.Point{X: base.X + vg.Length(aw*uy), Y: base.Y - vg.Length(aw*ux)})
	head.Line(vg.Point{X: base.X - vg.Length(aw*uy), Y: base.Y + vg.Length(aw*ux)})
	head.Close()
	c.SetColor(col)
	c.Fill(head)
	for _, q := range line[1 : len(line)-1] {
		if c.Contains(q) {
			fillDot(c, dp, q, 1.5, col)
		}
	}
}

// withAlpha returns c with alpha a (non-premultiplied).
func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// discPainter draws bubbles (filled, outlined circles) straight into the
// pixels of an image canvas, anti-aliased by the exact distance of each
// pixel centre to the circle: on a map of thousands of bubbles the vector
// path (an arc flattened, stroked and rasterized per bubble) dominated
// the drawing. It composites like the path painter: source over, the
// colour's alpha times the pixel's coverage.
type discPainter struct {
	img  *image.RGBA
	s, h float64 // pixels per point, image height in pixels
	// clip bounds the pixels drawn (the image's unless clipTo).
	clip image.Rectangle
}

// newDiscPainter returns a painter for c, or nil when c does not draw to
// an RGBA image (vector output keeps the paths).
func newDiscPainter(c draw.Canvas) *discPainter {
	if pathBubbles {
		return nil
	}
	img, dpi := rgbaImage(c.Canvas)
	if img == nil {
		return nil
	}
	return &discPainter{img: img, s: dpi / float64(vg.Inch), h: float64(img.Bounds().Dy()), clip: img.Bounds()}
}

// clipTo draws only inside r (in points) from now on.
func (d *discPainter) clipTo(r vg.Rectangle) {
	px := image.Rect(int(math.Floor(float64(r.Min.X)*d.s)), int(math.Floor(d.h-float64(r.Max.Y)*d.s)),
		int(math.Ceil(float64(r.Max.X)*d.s)), int(math.Ceil(d.h-float64(r.Min.Y)*d.s)))
	d.clip = d.clip.Intersect(px)
}

// disc fills the circle (ctr, r) with fill and, when lw > 0, strokes its
// outline of width lw centred on the circle with line.
func (d *discPainter) disc(ctr vg.Point, r vg.Length, fill color.Color, line color.Color, lw vg.Length) {
	cx, cy := float64(ctr.X)*d.s, d.h-float64(ctr.Y)*d.s
	rr, hw := float64(r)*d.s, float64(lw)*d.s/2
	outer := rr + hw + 1
	b, cl := d.img.Bounds(), d.clip
	x0, x1 := max(cl.Min.X, int(math.Floor(cx-outer))), min(cl.Max.X, int(math.Ceil(cx+outer)))
	y0, y1 := max(cl.Min.Y, int(math.Floor(cy-outer))), min(cl.Max.Y, int(math.Ceil(cy+outer)))
	fr, fg, fb, fa := fill.RGBA()
	var lr, lg, lb, la uint32
	if line == nil {
		hw = 0
	} else {
		lr, lg, lb, la = line.RGBA()
	}
	// The built-in min and max: the same values as math.Min and Max on
	// these finite numbers, without their calls.
	cover := func(rad, dist float64) float64 { return min(1, max(0, rad-dist+0.5)) }
	// Pixels whose centre is within inner of the centre are all fill (at
	// full coverage, no outline): they are composited without a distance.
	inner := rr - hw - 0.5
	inv := 0xffff - fa
	for y := y0; y < y1; y++ {
		dy := float64(y) + 0.5 - cy
		if dy*dy >= outer*outer {
			continue // every pixel of the row is at least outer away
		}
		row := d.img.Pix[(y-b.Min.Y)*d.img.Stride:]
		// The row's pixels within outer of the centre lie in [xs, xe): a
		// pixel beyond (a corner of the bounding square) is skipped by the
		// distance test below anyway; the span is a pixel wider each side
		// than exact, so rounding never leaves one out.
		ho := math.Sqrt(outer*outer - dy*dy)
		xs := max(x0, int(math.Floor(cx-ho-0.5)))
		xe := min(x1, int(math.Ceil(cx+ho-0.5))+1)
		xi0, xi1 := x1, x1 // the interior span of the row, [xi0, xi1)
		if inner > 0 && dy*dy <= inner*inner {
			half := math.Sqrt(inner*inner - dy*dy)
			xi0 = max(x0, int(math.Ceil(cx-half-0.5)))
			xi1 = max(xi0, min(x1, int(math.Floor(cx+half-0.5))+1))
		}
		for x := xs; x < xe; x++ {
			if x == xi0 {
				for ; x < xi1; x++ {
					i := 4 * (x - b.Min.X)
					p := row[i : i+4 : i+4]
					p[0] = uint8((uint32(p[0])*0x101*inv/0xffff + fr) >> 8)
					p[1] = uint8((uint32(p[1])*0x101*inv/0xffff + fg) >> 8)
					p[2] = uint8((uint32(p[2])*0x101*inv/0xffff + fb) >> 8)
					p[3] = uint8((uint32(p[3])*0x101*inv/0xffff + fa) >> 8)
				}
				if x >= x1 {
					break
				}
			}
			dx := float64(x) + 0.5 - cx
			dist := math.Sqrt(dx*dx + dy*dy)
			if dist >= outer {
				continue
			}
			p := row[4*(x-b.Min.X) : 4*(x-b.Min.X)+4 : 4*(x-b.Min.X)+4]
			if c := cover(rr, dist); c > 0 {
				over(p, fr, fg, fb, fa, c)
			}
			if hw > 0 {
				if c := cover(rr+hw, dist) - cover(rr-hw, dist); c > 0 {
					over(p, lr, lg, lb, la, c)
				}
			}
		}
	}
}

// rect fills the rectangle r (in points) with col, each pixel by the share
// of it r covers.
func (d *discPainter) rect(r vg.Rectangle, col color.Color) {
	fx0, fx1 := float64(r.Min.X)*d.s, float64(r.Max.X)*d.s
	fy0, fy1 := d.h-float64(r.Max.Y)*d.s, d.h-float64(r.Min.Y)*d.s
	b, cl := d.img.Bounds(), d.clip
	x0, x1 := max(cl.Min.X, int(math.Floor(fx0))), min(cl.Max.X, int(math.Ceil(fx1)))
	y0, y1 := max(cl.Min.Y, int(math.Floor(fy0))), min(cl.Max.Y, int(math.Ceil(fy1)))
	cr, cg, cb, ca := col.RGBA()
	span := func(lo, hi float64, i int) float64 {
		return math.Max(0, math.Min(hi, float64(i+1))-math.Max(lo, float64(i)))
	}
	for y := y0; y < y1; y++ {
		cy := span(fy0, fy1, y)
		row := d.img.Pix[(y-b.Min.Y)*d.img.Stride:]
		for x := x0; x < x1; x++ {
			if c := cy * span(fx0, fx1, x); c > 0 {
				i := 4 * (x - b.Min.X)
				over(row[i:i+4:i+4], cr, cg, cb, ca, c)
			}
		}
	}
}

// fillDot fills the circle (ctr, r) with col: straight into the image
// through dp, or as a path when dp is nil.
func fillDot(c draw.Canvas, dp *discPainter, ctr vg.Point, r vg.Length, col color.Color) {
	if dp != nil {
		dp.disc(ctr, r, col, nil, 0)
		return
	}
	c.SetColor(col)
	c.Fill(circlePath(ctr, r))
}

// fillRect fills r with col: straight into the image through dp, or as a
// path when dp is nil.
func fillRect(c draw.Canvas, dp *discPainter, r vg.Rectangle, col color.Color) {
	if dp != nil {
		dp.rect(r, col)
		return
	}
	c.SetColor(col)
	c.Fill(r.Path())
}

// over composites the premultiplied 16-bit colour (r, g, b, a) at coverage
// c over the RGBA pixel p.
func over(p []uint8, r, g, b, a uint32, c float64) {
	k := uint32(c*0xffff + 0.5)
	ma := a * k / 0xffff
	inv := 0xffff - ma
	p[0] = uint8((uint32(p[0])*0x101*inv/0xffff + r*k/0xffff) >> 8)
	p[1] = uint8((uint32(p[1])*0x101*inv/0xffff + g*k/0xffff) >> 8)
	p[2] = uint8((uint32(p[2])*0x101*inv/0xffff + b*k/0xffff) >> 8)
	p[3] = uint8((uint32(p[3])*0x101*inv/0xffff + ma) >> 8)
}

// pathBubbles, when set (tests), draws the bubbles and label boxes as
// vector paths on image canvases too.
var pathBubbles bool

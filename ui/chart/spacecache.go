package chart

import (
	"fmt"
	"image"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The map's static part - the background, title, axes with their ticks
// and labels, the C/S background, contours and region boundaries - does not
// depend on the bubbles: a driver being dragged or a click redraws the same
// static part with other bubbles. RenderSpace keeps the last few static
// images, keyed by everything they are drawn from, and draws only the
// bubbles, trails, drift arrows, region names and labels on a copy; the
// pixels are those of drawing it all (TestSpaceCacheSamePixels).

// spaceBaseKey identifies a static part: the image's size and resolution,
// the plot's texts, ranges and ticks after FitTo, the window drawn, the
// region geometry and the style.
type spaceBaseKey struct {
	w, h           int
	dpi            float64
	title, xl, yl  string
	x0, x1, y0, y1 float64
	xticks, yticks string
	view           SpaceWindow
	geom           spaceGeom
	style          string
}

// spaceBase is a cached static part: its pixels and the contour labels'
// boxes.
type spaceBase struct {
	pix    []uint8
	boxes  []vg.Rectangle
	labels []contourLabel
}

// spaceBaseCacheSize bounds the static parts kept (a 1400x900 map is 5 MB).
const spaceBaseCacheSize = 4

var (
	spaceBaseMu    sync.Mutex
	spaceBaseCache = map[spaceBaseKey]spaceBase{}
	// spaceCacheOff, when set (tests, benchmarks), makes RenderSpace draw
	// everything each time.
	spaceCacheOff bool
)

// cacheable reports whether the map's static part can be cached: a tag
// legend is drawn after the bubbles, over them, so a map coloured by tag
// is drawn whole.
func (l *spaceLayer) cacheable() bool {
	return !(l.opt.ColorBy == ByTag && len(l.tags) > 0)
}

// baseKey returns the key of p's static part drawn on dc (after FitTo).
func baseKey(p *plot.Plot, l *spaceLayer, img *image.RGBA, dpi float64) spaceBaseKey {
	ticks := func(a *plot.Axis) string {
		var b strings.Builder
		for _, t := range a.Tick.Marker.Ticks(a.Min, a.Max) {
			fmt.Fprintf(&b, "%g:%s;", t.Value, t.Label)
		}
		return b.String()
	}
	return spaceBaseKey{
		w: img.Bounds().Dx(), h: img.Bounds().Dy(), dpi: dpi,
		title: p.Title.Text, xl: p.X.Label.Text, yl: p.Y.Label.Text,
		x0: p.X.Min, x1: p.X.Max, y0: p.Y.Min, y1: p.Y.Max,
		xticks: ticks(&p.X), yticks: ticks(&p.Y),
		view: l.view, geom: l.geom,
		style: fmt.Sprintf("%v", l.st),
	}
}

// drawSpace draws the map p (made by Space, whose layer is l) on dc, an
// image canvas made by plotCanvas over img: the static part from the cache
// when it holds it (else drawn and kept), then the rest.
func drawSpace(p *plot.Plot, l *spaceLayer, img *image.RGBA, dpi float64, dc draw.Canvas) {
	FitTo(p, dc)
	if spaceCacheOff || !l.cacheable() {
		drawFittedImage(p, dc)
		return
	}
	key := baseKey(p, l, img, dpi)
	spaceBaseMu.Lock()
	b, ok := spaceBaseCache[key]
	spaceBaseMu.Unlock()
	defer func() { l.part = partAll }()
	if ok {
		copy(img.Pix, b.pix)
		l.contourBoxes, l.contourLabels = b.boxes, b.labels
	} else {
		l.part = partBase
		drawFittedImage(p, dc)
		b = spaceBase{pix: append([]uint8(nil), img.Pix...), boxes: l.contourBoxes, labels: l.contourLabels}
		spaceBaseMu.Lock()
		putEvicting(spaceBaseCache, key, b, spaceBaseCacheSize)
		spaceBaseMu.Unlock()
	}
	l.part = partTop
	l.Plot(p.DataCanvas(dc), p)
}

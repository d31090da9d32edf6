package chart

import (
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Hit is where an initiative's bubble was drawn, in pixels of the rendered
// image (origin top left, y down).
type Hit struct {
	ID   string
	X, Y float64 // centre
	R    float64 // radius
}

// RenderWithHits renders the option space map p (made by Space from pts)
// like Render and also returns each drawn bubble's centre and radius in
// pixels, in the order of pts, computed with the plot's own data-to-canvas
// transforms. A zoomed map (SpaceOptions.Window) has no hit for a bubble
// outside its window. pts must be the points p was made from.
func RenderWithHits(p *plot.Plot, pts []SpacePoint, wPx, hPx int, dpi float64) (image.Image, []Hit, error) {
	img, hits, _, err := RenderSpace(p, pts, wPx, hPx, dpi)
	return img, hits, err
}

// RenderSpace is RenderWithHits that also returns the frame of the image:
// the map's full window, the window drawn and the data area in pixels, for
// turning a pointer position into a zoom or a pan.
func RenderSpace(p *plot.Plot, pts []SpacePoint, wPx, hPx int, dpi float64) (image.Image, []Hit, SpaceFrame, error) {
	if p == nil {
		panic("chart: RenderWithHits of a nil plot")
	}
	if err := checkSize(wPx, hPx, dpi); err != nil {
		return nil, nil, SpaceFrame{}, err
	}
	c := plotCanvas(p, wPx, hPx, dpi)
	dc := draw.New(c)
	if l := layerOf(p); l != nil {
		drawSpace(p, l, c.Image().(*image.RGBA), float64(c.DPI()), dc)
	} else {
		drawImage(p, dc)
	}
	da := p.DataCanvas(dc)
	trX, trY := p.Transforms(&da)
	s := float64(c.DPI()) / float64(vg.Inch)
	maxX := 0.0
	for _, pt := range pts {
		maxX = math.Max(maxX, pt.X)
	}
	l := layerOf(p)
	rmax := maxRadius(len(pts)) * radiusScale(da.Rectangle)
	hits := make([]Hit, 0, len(pts))
	for _, pt := range pts {
		q := Point{math.Min(math.Max(pt.NPVq, p.X.Min), p.X.Max), math.Min(math.Max(pt.CumVol, p.Y.Min), p.Y.Max)}
		if l != nil {
			if q = l.clamp(Point{pt.NPVq, pt.CumVol}); !l.visible(q) {
				continue
			}
		}
		hits = append(hits, Hit{
			ID: pt.ID,
			X:  float64(trX(q.NPVq)) * s,
			Y:  float64(hPx) - float64(trY(q.CumVol))*s,
			R:  float64(bubbleRadius(pt.X, maxX, rmax)) * s,
		})
	}
	f := SpaceFrame{
		View: SpaceWindow{XMin: p.X.Min, XMax: p.X.Max, YMin: p.Y.Min, YMax: p.Y.Max},
		X0:   float64(da.Min.X) * s, X1: float64(da.Max.X) * s,
		Y0: float64(hPx) - float64(da.Max.Y)*s, Y1: float64(hPx) - float64(da.Min.Y)*s,
	}
	f.Full = f.View
	if l != nil {
		f.Full, f.View = l.full(), l.view
	}
	return c.Image(), hits, f, nil
}

// layerOf returns the map layer of a plot made by Space (its NPVq tick
// marker carries it), or nil.
func layerOf(p *plot.Plot) *spaceLayer {
	if t, ok := p.X.Tick.Marker.(spaceTicks); ok {
		return t.l
	}
	return nil
}

// SpaceDataAt returns the option space coordinates (NPVq, sigma*sqrt(t))
// under pixel (x, y) of the map p rendered at wPx x hPx and dpi, for
// hover read-outs. ok is false outside the data area.
func SpaceDataAt(p *plot.Plot, wPx, hPx int, dpi float64, x, y float64) (npvq, cumvol float64, ok bool) {
	if p == nil {
		panic("chart: SpaceDataAt of a nil plot")
	}
	d := int(math.Round(dpi))
	w, h := pageSize(wPx, hPx, d)
	dc := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}
	FitTo(p, dc)
	da := p.DataCanvas(dc)
	s := vg.Length(d) / vg.Inch
	pt := vg.Point{X: vg.Length(x) / s, Y: h - vg.Length(y)/s}
	if !da.Contains(pt) {
		return 0, 0, false
	}
	q, v := invertSpace(da.Rectangle, axes{p.X.Min, p.X.Max, p.Y.Min, p.Y.Max}, pt)
	return q, v, true
}

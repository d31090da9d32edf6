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
// like Render and also returns each bubble's centre and radius in pixels,
// in the order of pts, computed with the plot's own data-to-canvas
// transforms. pts must be the points p was made from.
func RenderWithHits(p *plot.Plot, pts []SpacePoint, wPx, hPx int, dpi float64) (image.Image, []Hit, error) {
	if p == nil {
		panic("chart: RenderWithHits of a nil plot")
	}
	if err := checkSize(wPx, hPx, dpi); err != nil {
		return nil, nil, err
	}
	c := newImageCanvas(wPx, hPx, dpi)
	dc := draw.New(c)
	FitTo(p, dc)
	p.Draw(dc)
	da := p.DataCanvas(dc)
	trX, trY := p.Transforms(&da)
	s := float64(c.DPI()) / float64(vg.Inch)
	maxX := 0.0
	for _, pt := range pts {
		maxX = math.Max(maxX, pt.X)
	}
	rmax := maxRadius(len(pts)) * radiusScale(da.Rectangle)
	hits := make([]Hit, len(pts))
	for i, pt := range pts {
		q := math.Min(math.Max(pt.NPVq, p.X.Min), p.X.Max)
		v := math.Min(math.Max(pt.CumVol, p.Y.Min), p.Y.Max)
		hits[i] = Hit{
			ID: pt.ID,
			X:  float64(trX(q)) * s,
			Y:  float64(hPx) - float64(trY(v))*s,
			R:  float64(bubbleRadius(pt.X, maxX, rmax)) * s,
		}
	}
	return c.Image(), hits, nil
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
	q, v := invertSpace(da.Rectangle, axes{p.X.Min, p.X.Max, p.Y.Max}, pt)
	return q, v, true
}

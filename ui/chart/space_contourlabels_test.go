package chart

import (
	"image"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TestContourLabelsOverBubbles: a C/S contour label that a bubble covers
// is written again over it (on dense maps the labels sat under the
// bubbles): inside the label's box the pixels are far from the bubble's
// own colour, as the label's halo is; without the redraw they were the
// bubble's colour, within a few levels. The same holds drawn from the
// cached static part.
func TestContourLabelsOverBubbles(t *testing.T) {
	const w, h, dpi = 900, 700, 96
	s := dpi / float64(vg.Inch)
	far := []SpacePoint{{ID: "far", Name: "far", NPVq: 2.5, CumVol: 0.05, X: 1, Region: 1}}
	p, err := Space(far, SpaceOptions{Rate: testRate}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := RenderSpace(p, far, w, h, dpi); err != nil {
		t.Fatal(err)
	}
	l := layerOf(p)
	if len(l.contourLabels) == 0 {
		t.Fatal("no contour label drawn")
	}
	cl := l.contourLabels[len(l.contourLabels)/2]
	// A big bubble centred on the label: its data point from the label's
	// anchor (the same data area for the same options and size).
	da := p.DataCanvas(draw.New(plotCanvas(p, w, h, dpi)))
	q, v := invertSpace(da.Rectangle, plotAxes(l), cl.at)
	pts := []SpacePoint{far[0], {ID: "big", Name: "", NPVq: q, CumVol: v, X: 1, Region: 4}}
	defer func() { spaceCacheOff = false }()
	for _, cached := range []bool{false, true} {
		spaceCacheOff = !cached
		p2, err := Space(pts, SpaceOptions{Rate: testRate}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		img, _, _, err := RenderSpace(p2, pts, w, h, dpi)
		if err != nil {
			t.Fatal(err)
		}
		rgba := img.(*image.RGBA)
		l2 := layerOf(p2)
		var box vg.Rectangle
		for _, c := range l2.contourLabels {
			if c.text == cl.text {
				box = c.box
			}
		}
		// The bubble's colour just beside the box (inside the bubble).
		ref := rgba.RGBAAt(int(float64(box.Min.X)*s)-3, int(h-float64(box.Min.Y+box.Max.Y)/2*s))
		x0, x1 := int(math.Ceil(float64(box.Min.X)*s))+1, int(float64(box.Max.X)*s)-1
		y0, y1 := int(math.Ceil(h-float64(box.Max.Y)*s))+1, int(h-float64(box.Min.Y)*s)-1
		sum, n := 0.0, 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				c := rgba.RGBAAt(x, y)
				sum += math.Abs(float64(c.R)-float64(ref.R)) + math.Abs(float64(c.G)-float64(ref.G)) + math.Abs(float64(c.B)-float64(ref.B))
				n++
			}
		}
		if n == 0 || sum/float64(n) < 60 {
			t.Errorf("cached %v: the label %q under the bubble: mean distance %.1f from the bubble's colour %v over %d pixels, want >= 60 (its halo over the bubble)",
				cached, cl.text, sum/float64(max(n, 1)), ref, n)
		}
	}
}

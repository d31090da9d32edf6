package chart

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"sync"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/optionspace/optionspace/valuation"
)

// heatKey identifies a cached background image.
type heatKey struct {
	xmin, xmax, ymin, ymax float64
	w, h                   int
	low, high              color.RGBA
}

// pathKey identifies a cached boundary or contour path.
type pathKey struct {
	kind       byte
	a, b, c    float64
	ymin, ymax float64
}

// cacheSize bounds each cache; an arbitrary entry is dropped when full.
const cacheSize = 16

var (
	cacheMu   sync.Mutex
	heatCache = map[heatKey]*image.RGBA{}
	pathCache = map[pathKey][]Point{}
)

// cachedPath returns the path for k, computing it with make once.
func cachedPath(k pathKey, make func() []Point) []Point {
	cacheMu.Lock()
	p, ok := pathCache[k]
	cacheMu.Unlock()
	if ok {
		return p
	}
	p = make()
	cacheMu.Lock()
	putEvicting(pathCache, k, p, 4*cacheSize)
	cacheMu.Unlock()
	return p
}

// putEvicting stores v under k in m, first dropping an arbitrary entry
// when m holds max entries.
func putEvicting[K comparable, V any](m map[K]V, k K, v V, max int) {
	if len(m) >= max {
		for old := range m {
			delete(m, old)
			break
		}
	}
	m[k] = v
}

// drawHeat fills the data canvas c with the C/S background. On an image
// canvas it copies a cached image of exactly the data area's pixels; on
// vector canvases it draws a smaller image stretched over the area.
func drawHeat(c draw.Canvas, xmin, xmax, ymin, ymax float64, low, high color.Color) {
	lo, hi := toRGBA(low), toRGBA(high)
	if ic := imageCanvas(c.Canvas); ic != nil {
		dst := ic.Image()
		s := float64(ic.DPI()) / float64(vg.Inch)
		hImg := dst.Bounds().Dy()
		x0 := int(math.Round(float64(c.Min.X) * s))
		x1 := int(math.Round(float64(c.Max.X) * s))
		y0 := hImg - int(math.Round(float64(c.Max.Y)*s))
		y1 := hImg - int(math.Round(float64(c.Min.Y)*s))
		if x1-x0 < 1 || y1-y0 < 1 {
			return
		}
		img := heatImage(heatKey{xmin, xmax, ymin, ymax, x1 - x0, y1 - y0, lo, hi})
		stddraw.Draw(dst, image.Rect(x0, y0, x1, y1), img, image.Point{}, stddraw.Src)
		return
	}
	w := int(math.Min(480, float64(c.Max.X-c.Min.X)*2))
	h := int(math.Min(320, float64(c.Max.Y-c.Min.Y)*2))
	if w < 1 || h < 1 {
		return
	}
	c.DrawImage(c.Rectangle, heatImage(heatKey{xmin, xmax, ymin, ymax, w, h, lo, hi}))
}

func toRGBA(c color.Color) color.RGBA {
	return color.RGBAModel.Convert(c).(color.RGBA)
}

// heatImage returns the cached background for k, computing it if needed:
// column i is NPVq at (i+0.5)/w of the log axis, row j is sigma*sqrt(t) at
// (j+0.5)/h from ymin (at the top) to ymax; the colour is HeatLow to HeatHigh by
// sqrt(C/S). C/S is computed on a grid of every other pixel and
// interpolated bilinearly in between (C/S is smooth).
func heatImage(k heatKey) *image.RGBA {
	cacheMu.Lock()
	img, ok := heatCache[k]
	cacheMu.Unlock()
	if ok {
		return img
	}
	const step = 2
	gw, gh := k.w/step+2, k.h/step+2
	lx, ly := math.Log(k.xmin), math.Log(k.xmax)
	grid := make([]float64, gw*gh)
	for gj := range gh {
		v := k.ymin + (float64(gj*step)+0.5)/float64(k.h)*(k.ymax-k.ymin)
		for gi := range gw {
			q := math.Exp(lx + (float64(gi*step)+0.5)/float64(k.w)*(ly-lx))
			grid[gj*gw+gi] = math.Sqrt(valuation.CallShare(q, v))
		}
	}
	img = image.NewRGBA(image.Rect(0, 0, k.w, k.h))
	lerp := func(a, b uint8, t float64) uint8 { return uint8(float64(a) + t*(float64(b)-float64(a)) + 0.5) }
	for j := range k.h {
		gj, fj := j/step, float64(j%step)/step
		row := img.Pix[j*img.Stride:]
		for i := range k.w {
			gi, fi := i/step, float64(i%step)/step
			a := grid[gj*gw+gi]*(1-fi) + grid[gj*gw+gi+1]*fi
			b := grid[(gj+1)*gw+gi]*(1-fi) + grid[(gj+1)*gw+gi+1]*fi
			t := a*(1-fj) + b*fj
			row[4*i] = lerp(k.low.R, k.high.R, t)
			row[4*i+1] = lerp(k.low.G, k.high.G, t)
			row[4*i+2] = lerp(k.low.B, k.high.B, t)
			row[4*i+3] = 0xFF
		}
	}
	cacheMu.Lock()
	putEvicting(heatCache, k, img, cacheSize)
	cacheMu.Unlock()
	return img
}

// imageCanvas returns the vgimg canvas under vc (through the draw.Canvas
// wrappers that cropping adds), or nil when vc does not draw to an image.
func imageCanvas(vc vg.Canvas) *vgimg.Canvas {
	ic, _ := innerCanvas(vc).(*vgimg.Canvas)
	return ic
}

// rgbaImage returns the RGBA image under vc and its resolution in dots
// per inch, or nil when vc does not draw to an RGBA image (the fast
// painters then leave the drawing to vc).
func rgbaImage(vc vg.Canvas) (*image.RGBA, float64) {
	ic := imageCanvas(vc)
	if ic == nil {
		return nil, 0
	}
	img, ok := ic.Image().(*image.RGBA)
	if !ok {
		return nil, 0
	}
	return img, float64(ic.DPI())
}

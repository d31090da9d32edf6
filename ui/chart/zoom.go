package chart

import (
	"fmt"
	"math"
)

// SpaceWindow is the part of the option space a map shows: NPVq from XMin
// to XMax (log scale) across, sigma*sqrt(t) from YMin (top) to YMax
// (bottom) down. The zero window is the full map.
type SpaceWindow struct {
	XMin, XMax, YMin, YMax float64
}

// IsZero reports whether w is the zero window (the full map).
func (w SpaceWindow) IsZero() bool { return w == SpaceWindow{} }

// valid reports whether w is a usable window: 0 < XMin < XMax and
// 0 <= YMin < YMax, all finite.
func (w SpaceWindow) valid() bool {
	for _, v := range []float64{w.XMin, w.XMax, w.YMin, w.YMax} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return w.XMin > 0 && w.XMax > w.XMin && w.YMin >= 0 && w.YMax > w.YMin
}

// maxZoom bounds how far a window can zoom into the full map, in each
// direction (on the log scale across).
const maxZoom = 400

// within returns w moved and shrunk to lie inside full, and at least
// 1/maxZoom of full in each direction.
func (w SpaceWindow) within(full SpaceWindow) SpaceWindow {
	lx0, lx1 := math.Log(w.XMin), math.Log(w.XMax)
	fx0, fx1 := math.Log(full.XMin), math.Log(full.XMax)
	lx0, lx1 = fitRange(lx0, lx1, fx0, fx1)
	y0, y1 := fitRange(w.YMin, w.YMax, full.YMin, full.YMax)
	return SpaceWindow{XMin: math.Exp(lx0), XMax: math.Exp(lx1), YMin: y0, YMax: y1}
}

// fitRange returns [a, b] made at least (hi-lo)/maxZoom long (about its
// centre), at most hi-lo long, and shifted inside [lo, hi].
func fitRange(a, b, lo, hi float64) (float64, float64) {
	span := b - a
	if minSpan := (hi - lo) / maxZoom; span < minSpan {
		m := (a + b) / 2
		a, b, span = m-minSpan/2, m+minSpan/2, minSpan
	}
	if span >= hi-lo {
		return lo, hi
	}
	if a < lo {
		a, b = lo, lo+span
	}
	if b > hi {
		a, b = hi-span, hi
	}
	return a, b
}

// ZoomAround returns w zoomed by factor k (below 1 zooms in, above 1 out)
// around the point at fractions (u, v) of it (u across from the left on
// the log scale, v down from the top), which stays where it is; the result
// lies inside full (the map's full window) and is the zero window when it
// covers all of full.
func (w SpaceWindow) ZoomAround(u, v, k float64, full SpaceWindow) SpaceWindow {
	if w.IsZero() {
		w = full
	}
	if !(k > 0) || !w.valid() || !full.valid() {
		return w.orZero(full)
	}
	u, v = math.Min(math.Max(u, 0), 1), math.Min(math.Max(v, 0), 1)
	lx0, lx1 := math.Log(w.XMin), math.Log(w.XMax)
	px := lx0 + u*(lx1-lx0)
	sx := (lx1 - lx0) * k
	py := w.YMin + v*(w.YMax-w.YMin)
	sy := (w.YMax - w.YMin) * k
	z := SpaceWindow{XMin: math.Exp(px - u*sx), XMax: math.Exp(px + (1-u)*sx), YMin: py - v*sy, YMax: py + (1-v)*sy}
	return z.within(full).orZero(full)
}

// Pan returns w moved by the fractions (du, dv) of itself that the
// content is dragged (du > 0: to the right, dv > 0: down), inside full; the
// zero window (the full map) does not move.
func (w SpaceWindow) Pan(du, dv float64, full SpaceWindow) SpaceWindow {
	if w.IsZero() || !w.valid() || !full.valid() || math.IsNaN(du) || math.IsNaN(dv) {
		return w
	}
	lx0, lx1 := math.Log(w.XMin), math.Log(w.XMax)
	sx, sy := lx1-lx0, w.YMax-w.YMin
	z := SpaceWindow{XMin: math.Exp(lx0 - du*sx), XMax: math.Exp(lx1 - du*sx), YMin: w.YMin - dv*sy, YMax: w.YMax - dv*sy}
	// Keep the size: within only shifts a window no larger than full.
	return z.within(full).orZero(full)
}

// orZero returns the zero window when w covers full (to a part in a
// million), else w.
func (w SpaceWindow) orZero(full SpaceWindow) SpaceWindow {
	const eps = 1e-6
	lx := math.Log(full.XMax) - math.Log(full.XMin)
	ly := full.YMax - full.YMin
	if math.Log(w.XMin) <= math.Log(full.XMin)+eps*lx && math.Log(w.XMax) >= math.Log(full.XMax)-eps*lx &&
		w.YMin <= full.YMin+eps*ly && w.YMax >= full.YMax-eps*ly {
		return SpaceWindow{}
	}
	return w
}

// Contains reports whether the point (npvq, cumvol) lies in w (edges
// included).
func (w SpaceWindow) Contains(npvq, cumvol float64) bool {
	return npvq >= w.XMin && npvq <= w.XMax && cumvol >= w.YMin && cumvol <= w.YMax
}

// SpaceFrame says where a rendered map shows what: the full window of its
// data, the window drawn, and the data area in pixels of the image
// (origin top left, y down).
type SpaceFrame struct {
	Full, View     SpaceWindow
	X0, Y0, X1, Y1 float64
}

// Fractions returns where pixel (x, y) lies in the data area as fractions
// of it (u across from the left, v down from the top), and whether it is
// inside.
func (f SpaceFrame) Fractions(x, y float64) (u, v float64, ok bool) {
	if !(f.X1 > f.X0 && f.Y1 > f.Y0) {
		return 0, 0, false
	}
	u, v = (x-f.X0)/(f.X1-f.X0), (y-f.Y0)/(f.Y1-f.Y0)
	return u, v, u >= 0 && u <= 1 && v >= 0 && v <= 1
}

// DataAt returns the option space coordinates under pixel (x, y), and
// whether it is inside the data area.
func (f SpaceFrame) DataAt(x, y float64) (npvq, cumvol float64, ok bool) {
	u, v, ok := f.Fractions(x, y)
	if !ok || !f.View.valid() {
		return 0, 0, false
	}
	lx0, lx1 := math.Log(f.View.XMin), math.Log(f.View.XMax)
	return math.Exp(lx0 + u*(lx1-lx0)), f.View.YMin + v*(f.View.YMax-f.View.YMin), true
}

// PixelOf returns the pixel of the option space point (npvq, cumvol).
func (f SpaceFrame) PixelOf(npvq, cumvol float64) (x, y float64) {
	lx0, lx1 := math.Log(f.View.XMin), math.Log(f.View.XMax)
	u := (math.Log(npvq) - lx0) / (lx1 - lx0)
	v := (cumvol - f.View.YMin) / (f.View.YMax - f.View.YMin)
	return f.X0 + u*(f.X1-f.X0), f.Y0 + v*(f.Y1-f.Y0)
}

// setView sets the window the layer draws: w cut to the full window, or
// the full window when w is zero or outside it.
func (l *spaceLayer) setView(w SpaceWindow) error {
	full := l.full()
	l.view = full
	if w.IsZero() {
		return nil
	}
	if !w.valid() {
		return fmt.Errorf("space map window %+v: want 0 < x_min < x_max and 0 <= y_min < y_max", w)
	}
	v := SpaceWindow{XMin: math.Max(w.XMin, full.XMin), XMax: math.Min(w.XMax, full.XMax), YMin: math.Max(w.YMin, full.YMin), YMax: math.Min(w.YMax, full.YMax)}
	if v.valid() {
		l.view = v
	}
	return nil
}

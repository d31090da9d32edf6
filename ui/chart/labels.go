package chart

import (
	"math"

	"gonum.org/v1/plot/vg"
)

// circle is a drawn bubble.
type circle struct {
	ctr vg.Point
	r   vg.Length
}

// labelPlacer places labels beside bubbles greedily: each label takes the
// first candidate position that stays inside the area and overlaps no
// label or reserved box placed before it and no other bubble.
type labelPlacer struct {
	area    vg.Rectangle
	taken   []vg.Rectangle
	circles []circle
}

func newLabelPlacer(area vg.Rectangle, reserved []vg.Rectangle, circles []circle) *labelPlacer {
	return &labelPlacer{area: area, taken: append([]vg.Rectangle(nil), reserved...), circles: circles}
}

// place finds a box of size sz for the label of bubble i. It tries eight
// positions touching the bubble, then (when far is set) positions further
// out that need a leader line. It returns the box, whether a leader line
// is needed, and false when no position is free.
func (lp *labelPlacer) place(i int, sz vg.Point, far bool) (vg.Rectangle, bool, bool) {
	b := lp.circles[i]
	w, h := sz.X+2, sz.Y+2
	rings := []vg.Length{b.r + 2}
	if far {
		rings = append(rings, b.r+12, b.r+26)
	}
	for k, d := range rings {
		dd := d * 0.72       // diagonal offset
		cands := []vg.Point{ // lower-left corners
			{X: b.ctr.X + d, Y: b.ctr.Y - h/2},         // right
			{X: b.ctr.X - d - w, Y: b.ctr.Y - h/2},     // left
			{X: b.ctr.X - w/2, Y: b.ctr.Y + d},         // above
			{X: b.ctr.X - w/2, Y: b.ctr.Y - d - h},     // below
			{X: b.ctr.X + dd, Y: b.ctr.Y + dd},         // above right
			{X: b.ctr.X + dd, Y: b.ctr.Y - dd - h},     // below right
			{X: b.ctr.X - dd - w, Y: b.ctr.Y + dd},     // above left
			{X: b.ctr.X - dd - w, Y: b.ctr.Y - dd - h}, // below left
		}
		for _, o := range cands {
			r := vg.Rectangle{Min: o, Max: vg.Point{X: o.X + w, Y: o.Y + h}}
			if lp.free(r, i) {
				lp.taken = append(lp.taken, r)
				return r, k > 0, true
			}
		}
	}
	return vg.Rectangle{}, false, false
}

// free reports whether r is inside the area and clear of taken boxes and
// of every bubble but own.
func (lp *labelPlacer) free(r vg.Rectangle, own int) bool {
	if r.Min.X < lp.area.Min.X || r.Min.Y < lp.area.Min.Y || r.Max.X > lp.area.Max.X || r.Max.Y > lp.area.Max.Y {
		return false
	}
	for _, t := range lp.taken {
		if overlaps(t, r) {
			return false
		}
	}
	for j, c := range lp.circles {
		if j != own && circleHitsRect(c, r) {
			return false
		}
	}
	return !circleHitsRect(circle{lp.circles[own].ctr, lp.circles[own].r - 0.5}, r)
}

// overlaps reports whether a and b intersect.
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// circleHitsRect reports whether circle c intersects rectangle r.
func circleHitsRect(c circle, r vg.Rectangle) bool {
	n := nearestOnRect(r, c.ctr)
	return math.Hypot(float64(n.X-c.ctr.X), float64(n.Y-c.ctr.Y)) < float64(c.r)
}

// nearestOnRect returns the point of r nearest to p.
func nearestOnRect(r vg.Rectangle, p vg.Point) vg.Point {
	return vg.Point{X: vg.Length(math.Min(math.Max(float64(p.X), float64(r.Min.X)), float64(r.Max.X))),
		Y: vg.Length(math.Min(math.Max(float64(p.Y), float64(r.Min.Y)), float64(r.Max.Y)))}
}

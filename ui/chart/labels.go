package chart

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/optionspace/optionspace/model"
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

	// A uniform grid over the bubbles' centres, so that a candidate box
	// looks only at the bubbles near it (a map of 5,000 bubbles otherwise
	// tests every bubble for every candidate). Queries return the same
	// bubbles, in index order, as a scan of all would find relevant.
	cell vg.Length
	rmax vg.Length
	// The grid covers the cells lo to lo+(nx-1, ny-1) (every cell with a
	// centre in it); cell (x, y) holds the bubbles cells[start[k]:
	// start[k+1]], k = (y-lo[1])*nx + x-lo[0], in index order. filled
	// counts the cells with a bubble.
	lo     [2]int
	nx, ny int
	start  []int32
	cells  []int32
	filled int
	query  []int
}

func newLabelPlacer(area vg.Rectangle, reserved []vg.Rectangle, circles []circle) *labelPlacer {
	lp := &labelPlacer{area: area, taken: append([]vg.Rectangle(nil), reserved...), circles: circles}
	for _, c := range circles {
		lp.rmax = max(lp.rmax, c.r)
	}
	lp.cell = max(2*lp.rmax, 16)
	if len(circles) == 0 {
		return lp
	}
	keys := make([][2]int, len(circles))
	lo, hi := lp.key(circles[0].ctr), lp.key(circles[0].ctr)
	for j, c := range circles {
		k := lp.key(c.ctr)
		keys[j] = k
		lo = [2]int{min(lo[0], k[0]), min(lo[1], k[1])}
		hi = [2]int{max(hi[0], k[0]), max(hi[1], k[1])}
	}
	lp.lo, lp.nx, lp.ny = lo, hi[0]-lo[0]+1, hi[1]-lo[1]+1
	// Counting sort of the bubbles by cell keeps index order in a cell.
	lp.start = make([]int32, lp.nx*lp.ny+1)
	for _, k := range keys {
		lp.start[lp.cellIndex(k)+1]++
	}
	for i := 1; i < len(lp.start); i++ {
		if lp.start[i] > 0 {
			lp.filled++
		}
		lp.start[i] += lp.start[i-1]
	}
	next := append([]int32(nil), lp.start[:len(lp.start)-1]...)
	lp.cells = make([]int32, len(circles))
	for j, k := range keys {
		ci := lp.cellIndex(k)
		lp.cells[next[ci]] = int32(j)
		next[ci]++
	}
	return lp
}

// cellIndex returns the grid index of cell k (inside the grid).
func (lp *labelPlacer) cellIndex(k [2]int) int { return (k[1]-lp.lo[1])*lp.nx + k[0] - lp.lo[0] }

func (lp *labelPlacer) key(p vg.Point) [2]int {
	return [2]int{int(math.Floor(float64(p.X / lp.cell))), int(math.Floor(float64(p.Y / lp.cell)))}
}

// near returns, in index order, every bubble whose centre lies within m of
// r (a superset of the bubbles that can matter to r).
func (lp *labelPlacer) near(r vg.Rectangle, m vg.Length) []int {
	out := lp.nearAnyOrder(r, m)
	sort.Ints(out)
	return out
}

// nearAnyOrder is near in no particular order (cell by cell), for a test
// that does not depend on the order.
func (lp *labelPlacer) nearAnyOrder(r vg.Rectangle, m vg.Length) []int {
	lo := lp.key(vg.Point{X: r.Min.X - m, Y: r.Min.Y - m})
	hi := lp.key(vg.Point{X: r.Max.X + m, Y: r.Max.Y + m})
	out := lp.query[:0]
	if (hi[0]-lo[0]+1)*(hi[1]-lo[1]+1) > lp.filled {
		// A box wider than the map: every bubble.
		for j := range lp.circles {
			out = append(out, j)
		}
		lp.query = out
		return out
	}
	// Only the cells inside the grid hold bubbles.
	x0, x1 := max(lo[0], lp.lo[0]), min(hi[0], lp.lo[0]+lp.nx-1)
	y0, y1 := max(lo[1], lp.lo[1]), min(hi[1], lp.lo[1]+lp.ny-1)
	for x := x0; x <= x1; x++ {
		for y := y0; y <= y1; y++ {
			k := lp.cellIndex([2]int{x, y})
			for _, j := range lp.cells[lp.start[k]:lp.start[k+1]] {
				out = append(out, int(j))
			}
		}
	}
	lp.query = out
	return out
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
	for _, j := range lp.nearAnyOrder(r, lp.rmax) {
		if j != own && circleHitsRect(lp.circles[j], r) {
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

// labelPlacement is where the label of bubble I went: Rect holds the name
// beside its bubble (Leader when a line joins the two), or, when no
// position was free, Number (1, 2, ...) is drawn in Rect on the bubble and
// the name in the map's numbered legend.
type labelPlacement struct {
	I      int
	Rect   vg.Rectangle
	Leader bool
	Number int
}

// placeLabels places the labels of the bubbles in order (largest first):
// each takes the first free position touching its bubble where no other
// bubble is as near, else one further out joined by a leader line (when far
// is set); bubbles left without room are numbered in order where the
// number's box on the bubble is clear (at most maxNumbered), else left to
// their hover read-out. At most max labels are placed beside bubbles; the
// same input gives the same layout.
// size returns a label's box size; an empty name is skipped.
func placeLabels(area vg.Rectangle, reserved []vg.Rectangle, circles []circle, order []int, names []string, size func(string) vg.Point, far bool, max int) []labelPlacement {
	lp := newLabelPlacer(area, reserved, circles)
	var out []labelPlacement
	n, placed := 0, 0
	for _, i := range order {
		if names[i] == "" {
			continue
		}
		if placed < max {
			if r, leader, ok := lp.placeOwn(i, size(names[i]), far); ok {
				out = append(out, labelPlacement{I: i, Rect: r, Leader: leader})
				placed++
				continue
			}
		}
		// A number on the bubble, where its box is clear of the labels,
		// the other numbers and the other bubbles' centres; else the
		// bubble keeps only its hover read-out.
		if n < maxNumbered {
			if r, ok := lp.marker(i, size(strconv.Itoa(n+1))); ok {
				n++
				lp.taken = append(lp.taken, r)
				out = append(out, labelPlacement{I: i, Rect: r, Number: n})
			}
		}
	}
	return out
}

// maxNumbered bounds the numbered markers; beyond them a bubble keeps only
// its hover read-out.
const maxNumbered = 40

// marker returns the box of a number of size sz centred on bubble i, and
// whether it is inside the area, clear of the boxes taken and covers no
// other bubble's centre (it may lie over the edges of crowded neighbours).
func (lp *labelPlacer) marker(i int, sz vg.Point) (vg.Rectangle, bool) {
	ctr := lp.circles[i].ctr
	r := vg.Rectangle{Min: vg.Point{X: ctr.X - sz.X/2 - 1, Y: ctr.Y - sz.Y/2 - 1}, Max: vg.Point{X: ctr.X + sz.X/2 + 1, Y: ctr.Y + sz.Y/2 + 1}}
	if r.Min.X < lp.area.Min.X || r.Min.Y < lp.area.Min.Y || r.Max.X > lp.area.Max.X || r.Max.Y > lp.area.Max.Y {
		return r, false
	}
	for _, t := range lp.taken {
		if overlaps(t, r) {
			return r, false
		}
	}
	for _, j := range lp.nearAnyOrder(r, 0) {
		if j != i && containsPoint(r, lp.circles[j].ctr) {
			return r, false
		}
	}
	return r, true
}

// containsPoint reports whether p lies inside r (not on its edge).
func containsPoint(r vg.Rectangle, p vg.Point) bool {
	return p.X > r.Min.X && p.X < r.Max.X && p.Y > r.Min.Y && p.Y < r.Max.Y
}

// placeOwn is place with one more rule: a label touching its bubble
// (no leader) must be nearer to it than to any other bubble, so it cannot
// be read as another's; a candidate that fails is tried further out with a
// leader line.
func (lp *labelPlacer) placeOwn(i int, sz vg.Point, far bool) (vg.Rectangle, bool, bool) {
	for _, farOnly := range []bool{false, true} {
		if farOnly && !far {
			break
		}
		r, leader, ok := lp.placeWith(i, sz, farOnly, func(r vg.Rectangle, leader bool) bool {
			return leader || lp.isNearest(r, i)
		})
		if ok {
			return r, leader, true
		}
	}
	return vg.Rectangle{}, false, false
}

// placeWith tries the positions of place (only the far rings when
// farOnly) and takes the first free one that accept allows.
func (lp *labelPlacer) placeWith(i int, sz vg.Point, farOnly bool, accept func(vg.Rectangle, bool) bool) (vg.Rectangle, bool, bool) {
	b := lp.circles[i]
	w, h := sz.X+2, sz.Y+2
	rings := []vg.Length{b.r + 2}
	if farOnly {
		rings = []vg.Length{b.r + 12, b.r + 26, b.r + 44}
	}
	for _, d := range rings {
		dd := d * 0.72
		cands := []vg.Point{
			{X: b.ctr.X + d, Y: b.ctr.Y - h/2},
			{X: b.ctr.X - d - w, Y: b.ctr.Y - h/2},
			{X: b.ctr.X - w/2, Y: b.ctr.Y + d},
			{X: b.ctr.X - w/2, Y: b.ctr.Y - d - h},
			{X: b.ctr.X + dd, Y: b.ctr.Y + dd},
			{X: b.ctr.X + dd, Y: b.ctr.Y - dd - h},
			{X: b.ctr.X - dd - w, Y: b.ctr.Y + dd},
			{X: b.ctr.X - dd - w, Y: b.ctr.Y - dd - h},
		}
		for _, o := range cands {
			r := vg.Rectangle{Min: o, Max: vg.Point{X: o.X + w, Y: o.Y + h}}
			if lp.free(r, i) && accept(r, farOnly) {
				lp.taken = append(lp.taken, r)
				return r, farOnly, true
			}
		}
	}
	return vg.Rectangle{}, false, false
}

// isNearest reports whether nearestCircle(r) is i, looking only at the
// bubbles whose edge is within a point of i's: a farther bubble can never
// be the nearest nor stop i from being it.
func (lp *labelPlacer) isNearest(r vg.Rectangle, i int) bool {
	c := lp.circles[i]
	n := nearestOnRect(r, c.ctr)
	di := vg.Length(math.Hypot(float64(n.X-c.ctr.X), float64(n.Y-c.ctr.Y))) - c.r
	return lp.nearestAmong(r, lp.near(r, max(di, 0)+1+lp.rmax)) == i
}

// nearestCircle returns the bubble whose edge is nearest to r.
func (lp *labelPlacer) nearestCircle(r vg.Rectangle) int {
	all := make([]int, len(lp.circles))
	for j := range all {
		all[j] = j
	}
	return lp.nearestAmong(r, all)
}

// nearestAmong is nearestCircle over the bubbles js (in index order).
func (lp *labelPlacer) nearestAmong(r vg.Rectangle, js []int) int {
	best, bestD := -1, math.Inf(1)
	for _, j := range js {
		c := lp.circles[j]
		n := nearestOnRect(r, c.ctr)
		d := math.Hypot(float64(n.X-c.ctr.X), float64(n.Y-c.ctr.Y)) - float64(c.r)
		if d < bestD-1e-9 {
			best, bestD = j, d
		}
	}
	return best
}

// shortenMiddle cuts s to at most n runes by taking out its middle, so
// that both the start and the distinguishing end stay readable
// ("Customer community … phase 2").
func shortenMiddle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 5 {
		return model.Truncate(s, n)
	}
	head := (n - 1) * 3 / 5
	tail := n - 1 - head
	return strings.TrimRight(string(r[:head]), " ") + "…" + strings.TrimLeft(string(r[len(r)-tail:]), " ")
}

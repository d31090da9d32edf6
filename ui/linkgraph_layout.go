package ui

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
)

// The links graph's layout: boxes in columns (drivers, then one column per
// layer) on one row grid shared by every column, so that the gaps between
// rows line up across the graph. Lines never pass through a box:
//
//   - a line between neighbouring columns is one straight segment inside
//     the channel between them (no box is there);
//   - a line between two boxes of the same column leaves them on the right
//     and runs down the channel right of that column;
//   - a line between columns further apart leaves its box into the channel
//     next to it, crosses the columns between along a gap between two rows
//     and comes down the channel next to the other box.
//
// Lines sharing a channel or a gap get their own lane, and the lines at a
// box side their own point, so parallel links (excludes and synergy between
// the same two initiatives) are drawn side by side, never on top of each
// other.

// gRect is a box of the graph, in the widget's coordinates.
type gRect struct{ X, Y, W, H float32 }

func (r gRect) right() float32  { return r.X + r.W }
func (r gRect) bottom() float32 { return r.Y + r.H }
func (r gRect) midY() float32   { return r.Y + r.H/2 }

// contains reports whether p is in r.
func (r gRect) contains(p fyne.Position) bool {
	return p.X >= r.X && p.X <= r.right() && p.Y >= r.Y && p.Y <= r.bottom()
}

// layoutNode is a box: its column and its place in the column.
type layoutNode struct{ col, row int }

// layoutEdge is a line from node a to node b (indices into the nodes).
type layoutEdge struct{ a, b int }

// graphGeometry is where the layout put everything.
type graphGeometry struct {
	boxes []gRect
	// paths holds each edge's polyline, from a to b.
	paths [][]fyne.Position
	// headX is the left of each column, for its header.
	headX []float32
}

// Layout constants: the outer padding, the header band and the box height.
const (
	graphPad    = 6
	graphTop    = 22
	graphBottom = 4
	graphBoxH   = 34
)

// graphMinSize is the smallest size the layout keeps legible.
func graphMinSize(ncols, maxRows int) fyne.Size {
	return fyne.NewSize(graphPad+float32(max(ncols, 1))*64, graphTop+graphBottom+float32(max(maxRows, 1))*20)
}

// gridOf places the nodes on the shared row grid, each column centred.
func gridOf(ncols int, nodes []layoutNode) (rows []int, maxRows int) {
	count := make([]int, ncols)
	for _, n := range nodes {
		count[n.col]++
	}
	for _, c := range count {
		maxRows = max(maxRows, c)
	}
	rows = make([]int, len(nodes))
	for i, n := range nodes {
		rows[i] = (maxRows-count[n.col])/2 + n.row
	}
	return rows, maxRows
}

// graphGrid is the grid the boxes sit on.
type graphGrid struct {
	colW, ch, bw  float32
	pitch, bh, gp float32
}

func newGraphGrid(ncols, maxRows int, size fyne.Size) graphGrid {
	var g graphGrid
	g.colW = (size.Width - graphPad) / float32(ncols)
	g.ch = clampF(g.colW*0.22, 18, 48)
	g.bw = g.colW - g.ch
	g.pitch = (size.Height - graphTop - graphBottom) / float32(max(maxRows, 1))
	g.bh = min(graphBoxH, g.pitch*0.62)
	g.gp = g.pitch - g.bh
	return g
}

func (g graphGrid) box(col, row int) gRect {
	return gRect{graphPad + float32(col)*g.colW, graphTop + float32(row)*g.pitch + g.gp/2, g.bw, g.bh}
}

// chanX is the middle of the channel right of column c.
func (g graphGrid) chanX(c int) float32 {
	return graphPad + float32(c)*g.colW + g.bw + g.ch/2
}

// gapY is the middle of the gap above grid row k (k = maxRows: below the
// last row).
func (g graphGrid) gapY(k int) float32 { return graphTop + float32(k)*g.pitch }

func clampF(v, lo, hi float32) float32 { return max(lo, min(hi, v)) }

// route is the plan of the lines between two boxes: one line, or a
// bundle of parallel ones (excludes and synergy between the same two
// initiatives), routed together and drawn side by side.
type route struct {
	l, r  int // the left and right node (l's column <= r's)
	edges []int
	revs  []bool // the edge runs from r to l
	kind  int    // routeSame, routeNext or routeFar
	gap   int    // the gap row a far route crosses on
	lanes [3]float32
	lOff  float32 // offset of the end at l from the box's middle
	rOff  float32
	// rRight: the end at r is on r's right (same column).
	rRight bool
	// d is the distance between the bundle's lines.
	d float32
}

func (rt *route) weight() float32 { return float32(len(rt.edges)) }

const (
	routeSame = iota
	routeNext
	routeFar
)

// layoutGraph lays out ncols columns of nodes and routes the edges in size.
func layoutGraph(ncols int, nodes []layoutNode, edges []layoutEdge, size fyne.Size) graphGeometry {
	geo := graphGeometry{boxes: make([]gRect, len(nodes)), paths: make([][]fyne.Position, len(edges)), headX: make([]float32, ncols)}
	if ncols == 0 {
		return geo
	}
	rows, maxRows := gridOf(ncols, nodes)
	g := newGraphGrid(ncols, maxRows, size)
	for c := range ncols {
		geo.headX[c] = graphPad + float32(c)*g.colW
	}
	for i, n := range nodes {
		geo.boxes[i] = g.box(n.col, rows[i])
	}
	routes := planRoutes(nodes, edges, rows, geo.boxes, g)
	// Channels widen (boxes narrow) to give each line there about 4 px.
	if ch := channelWidth(routes, nodes, g.colW); ch != g.ch {
		g.ch, g.bw = ch, g.colW-ch
		for i, n := range nodes {
			geo.boxes[i] = g.box(n.col, rows[i])
		}
	}
	assignLanes(routes, nodes, g)
	assignEnds(routes, geo.boxes)
	for _, rt := range routes {
		base := routePath(rt, nodes, geo.boxes, g)
		m := rt.weight()
		for j, e := range rt.edges {
			path := offsetPath(base, (float32(j)-(m-1)/2)*rt.d)
			if rt.revs[j] {
				for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
					path[a], path[b] = path[b], path[a]
				}
			}
			geo.paths[e] = path
		}
	}
	return geo
}

// planRoutes bundles the edges by the pair of boxes they join and picks
// each bundle's way: same column, neighbouring columns or further apart
// (then along the least crowded gap near the middle of its two ends).
func planRoutes(nodes []layoutNode, edges []layoutEdge, rows []int, boxes []gRect, g graphGrid) []*route {
	var routes []*route
	byPair := map[[2]int]*route{}
	load := map[int]int{}
	for i, e := range edges {
		l, r := e.a, e.b
		if nodes[r].col < nodes[l].col || (nodes[r].col == nodes[l].col && r < l) {
			l, r = r, l
		}
		rt := byPair[[2]int{l, r}]
		if rt == nil {
			rt = &route{l: l, r: r, d: 5}
			cl, cr := nodes[l].col, nodes[r].col
			switch {
			case cl == cr:
				rt.kind, rt.rRight = routeSame, true
			case cr == cl+1:
				rt.kind = routeNext
			default:
				rt.kind = routeFar
				rt.gap = leastCrowdedGap(rows[l], rows[r], (boxes[l].midY()+boxes[r].midY())/2, g, load)
				load[rt.gap]++
			}
			byPair[[2]int{l, r}] = rt
			routes = append(routes, rt)
		}
		rt.edges = append(rt.edges, i)
		rt.revs = append(rt.revs, l != e.a)
	}
	return routes
}

// channelWidth is the width of the channels between columns: 22% of a
// column (48 px at most), more where the most crowded channel needs it
// (5 px a line, of which 80% is used), but never more than 45% of a
// column nor so much that a box gets narrower than 90 px.
func channelWidth(routes []*route, nodes []layoutNode, colW float32) float32 {
	demand := map[int]float32{}
	for _, rt := range routes {
		cl, cr := nodes[rt.l].col, nodes[rt.r].col
		switch rt.kind {
		case routeSame:
			demand[cl] += rt.weight()
		case routeFar:
			demand[cl] += rt.weight()
			demand[cr-1] += rt.weight()
		}
	}
	var most float32
	for _, d := range demand {
		most = max(most, d)
	}
	base := min(colW*0.22, 48)
	return clampF(max(base, most*5), 18, max(18, min(colW*0.45, colW-90)))
}

// leastCrowdedGap is the gap row between rows a and b (or just beside
// them) that is near y and holds few lines already.
func leastCrowdedGap(a, b int, y float32, g graphGrid, load map[int]int) int {
	lo, hi := min(a, b), max(a, b)+1
	best, bestCost := lo, float32(math.MaxFloat32)
	for k := lo; k <= hi; k++ {
		if c := abs32(g.gapY(k)-y) + float32(load[k])*g.pitch*0.35; c < bestCost {
			best, bestCost = k, c
		}
	}
	return best
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// laneUse is one route's run in a channel or a gap.
type laneUse struct {
	rt   *route
	slot int
}

// spread places the uses of one channel or gap side by side within 80% of
// its room, each bundle as wide as its lines, step apart at most.
func spread(uses []laneUse, room, step float32) {
	var total float32
	for _, u := range uses {
		total += u.rt.weight()
	}
	sp := min(step, room*0.8/total)
	var at float32
	for _, u := range uses {
		m := u.rt.weight()
		u.rt.lanes[u.slot] = (at + m/2 - total/2) * sp
		u.rt.d = min(u.rt.d, sp)
		at += m
	}
}

// assignLanes spreads the runs sharing a channel or a gap across it.
func assignLanes(routes []*route, nodes []layoutNode, g graphGrid) {
	chans := map[int][]laneUse{}
	gaps := map[int][]laneUse{}
	for _, rt := range routes {
		cl, cr := nodes[rt.l].col, nodes[rt.r].col
		switch rt.kind {
		case routeSame:
			chans[cl] = append(chans[cl], laneUse{rt, 0})
		case routeNext:
			// A straight run across the channel, short stubs at its ends:
			// the bundle's lines must stay apart on the stubs.
			if m := rt.weight(); m > 1 {
				rt.d = min(rt.d, 0.8*g.ch*0.2/((m-1)/2))
			}
		case routeFar:
			chans[cl] = append(chans[cl], laneUse{rt, 0})
			chans[cr-1] = append(chans[cr-1], laneUse{rt, 2})
			gaps[rt.gap] = append(gaps[rt.gap], laneUse{rt, 1})
		}
	}
	for _, uses := range chans {
		spread(uses, g.ch, 5)
	}
	for _, uses := range gaps {
		spread(uses, g.gp, 4)
	}
}

// endUse is one route's end at a side of a box.
type endUse struct {
	rt    *route
	atL   bool
	other float32 // y of the far end, to order the ends with few crossings
}

// assignEnds spreads the ends at each side of a box over its height.
func assignEnds(routes []*route, boxes []gRect) {
	type side struct {
		node  int
		right bool
	}
	sides := map[side][]endUse{}
	var order []side
	add := func(s side, u endUse) {
		if _, ok := sides[s]; !ok {
			order = append(order, s)
		}
		sides[s] = append(sides[s], u)
	}
	for _, rt := range routes {
		add(side{rt.l, true}, endUse{rt, true, boxes[rt.r].midY()})
		add(side{rt.r, rt.rRight}, endUse{rt, false, boxes[rt.l].midY()})
	}
	for _, s := range order {
		uses := sides[s]
		sort.SliceStable(uses, func(a, b int) bool { return uses[a].other < uses[b].other })
		var total float32
		for _, u := range uses {
			total += u.rt.weight()
		}
		sp := min(5, boxes[s.node].H*0.7/total)
		var at float32
		for _, u := range uses {
			m := u.rt.weight()
			off := (at + m/2 - total/2) * sp
			if u.atL {
				u.rt.lOff = off
			} else {
				u.rt.rOff = off
			}
			u.rt.d = min(u.rt.d, sp)
			at += m
		}
	}
}

// routePath is a route's middle line, from l to r.
func routePath(rt *route, nodes []layoutNode, boxes []gRect, g graphGrid) []fyne.Position {
	lb, rb := boxes[rt.l], boxes[rt.r]
	yl, yr := lb.midY()+rt.lOff, rb.midY()+rt.rOff
	start := fyne.NewPos(lb.right(), yl)
	switch rt.kind {
	case routeSame:
		x := g.chanX(nodes[rt.l].col) + rt.lanes[0]
		return []fyne.Position{start, {X: x, Y: yl}, {X: x, Y: yr}, {X: rb.right(), Y: yr}}
	case routeNext:
		s := g.ch * 0.2
		return []fyne.Position{start, {X: lb.right() + s, Y: yl}, {X: rb.X - s, Y: yr}, {X: rb.X, Y: yr}}
	}
	x1 := g.chanX(nodes[rt.l].col) + rt.lanes[0]
	x2 := g.chanX(nodes[rt.r].col-1) + rt.lanes[2]
	y := g.gapY(rt.gap) + rt.lanes[1]
	return []fyne.Position{start, {X: x1, Y: yl}, {X: x1, Y: y}, {X: x2, Y: y}, {X: x2, Y: yr}, {X: rb.X, Y: yr}}
}

// offsetPath is path moved sideways by o (to the left of its direction),
// corners mitred, so that lines of one bundle stay parallel and apart.
// The first and last segments are horizontal, so the ends stay on their
// boxes' borders.
func offsetPath(path []fyne.Position, o float32) []fyne.Position {
	out := make([]fyne.Position, len(path))
	if o == 0 {
		copy(out, path)
		return out
	}
	normal := func(i int) (float32, float32) {
		dx, dy := path[i+1].X-path[i].X, path[i+1].Y-path[i].Y
		n := float32(math.Hypot(float64(dx), float64(dy)))
		if n == 0 {
			return 0, 0
		}
		return -dy / n, dx / n
	}
	last := len(path) - 1
	for i := range path {
		var nx, ny float32
		switch {
		case i == 0:
			nx, ny = normal(0)
		case i == last:
			nx, ny = normal(last - 1)
		default:
			ax, ay := normal(i - 1)
			bx, by := normal(i)
			den := 1 + ax*bx + ay*by
			if den < 0.1 {
				den = 0.1
			}
			nx, ny = (ax+bx)/den, (ay+by)/den
		}
		out[i] = fyne.NewPos(path[i].X+o*nx, path[i].Y+o*ny)
	}
	return out
}

// segmentHitsRect reports whether the segment p-q passes through the
// inside of r (touching its border does not count).
func segmentHitsRect(p, q fyne.Position, r gRect) bool {
	const eps = 0.5
	in := gRect{r.X + eps, r.Y + eps, r.W - 2*eps, r.H - 2*eps}
	if in.W <= 0 || in.H <= 0 {
		return false
	}
	// Liang-Barsky clipping of the segment against the inner rectangle.
	t0, t1 := float32(0), float32(1)
	dx, dy := q.X-p.X, q.Y-p.Y
	clip := func(den, num float32) bool {
		if den == 0 {
			return num >= 0
		}
		t := num / den
		if den > 0 {
			t1 = min(t1, t)
		} else {
			t0 = max(t0, t)
		}
		return t0 <= t1
	}
	return clip(-dx, p.X-in.X) && clip(dx, in.right()-p.X) && clip(-dy, p.Y-in.Y) && clip(dy, in.bottom()-p.Y) && t0 < t1
}

// distToSegment is the distance from p to the segment a-b.
func distToSegment(p, a, b fyne.Position) float32 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := float32(0)
	if l2 > 0 {
		t = clampF(((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2, 0, 1)
	}
	x, y := a.X+t*dx-p.X, a.Y+t*dy-p.Y
	return float32(math.Sqrt(float64(x*x + y*y)))
}

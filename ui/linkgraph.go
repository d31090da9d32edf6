package ui

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
)

// linkGraph draws drivers and initiatives as boxes in columns and the links
// between them as lines routed around the boxes (linkgraph_layout.go).
// Dragging from one initiative's box to another's asks for a new link's
// kind (onCreate); tapping on or near a line selects that link (onSelect)
// and Delete or Backspace then removes it (onDelete); tapping a box
// selects the initiative (onTapNode).
type linkGraph struct {
	widget.BaseWidget
	p     *model.Portfolio
	nodes []graphNode
	edges []graphEdge
	ncols int
	heads []string
	// geo is the last layout, for hit tests; it was made at geoSize for
	// the nodes and edges as built when geoOK (build clears it), so a
	// drag, a hover or a selection redraws without routing again.
	geo     graphGeometry
	geoSize fyne.Size
	geoOK   bool
	// sel is the selected link (an index into p.Links), -1 for none.
	sel int
	// drag is the drag in progress: its start node (-1: none), where the
	// pointer is and the node under it.
	dragFrom, dragOver int
	dragAt             fyne.Position
	dragging           bool
	focused            bool
	// chosen is the ID of the initiative selected in the window, drawn
	// with a stronger border.
	chosen string

	onCreate  func(fromID, toID string)
	onSelect  func(link int)
	onDelete  func(link int)
	onTapNode func(id string)
	onHover   func(name string, in bool)
	// describe says what link i is, in names, for the status line.
	describe func(link int) string
	hovered  string
}

// graphNode is a box: a driver or an initiative.
type graphNode struct {
	id, name string
	driver   bool
	col, row int
}

// graphEdge is a line: a link (link >= 0, an index into p.Links) or a
// driver feeding an initiative (link -1).
type graphEdge struct {
	a, b int
	kind model.LinkKind
	link int
}

func newLinkGraph() *linkGraph {
	g := &linkGraph{sel: -1, dragFrom: -1, dragOver: -1}
	g.ExtendBaseWidget(g)
	return g
}

// set shows p; the selected link stays selected while it exists.
func (g *linkGraph) set(p *model.Portfolio) {
	var selected *model.Link
	if g.p != nil && g.sel >= 0 && g.sel < len(g.p.Links) {
		l := g.p.Links[g.sel]
		selected = &l
	}
	g.p = p
	g.sel = -1
	g.build()
	if selected != nil {
		g.sel = linkIndex(p, *selected)
	}
	g.Refresh()
}

// setChosen marks the initiative selected in the window.
func (g *linkGraph) setChosen(id string) {
	if g.chosen != id {
		g.chosen = id
		g.Refresh()
	}
}

// linkIndex is the index of l in p.Links, -1 when it is not there.
func linkIndex(p *model.Portfolio, l model.Link) int {
	for i, k := range p.Links {
		if k == l {
			return i
		}
	}
	return -1
}

// build turns the portfolio into nodes and edges.
func (g *linkGraph) build() {
	g.nodes, g.edges, g.heads = g.nodes[:0], g.edges[:0], g.heads[:0]
	g.geoOK = false
	p := g.p
	if p == nil {
		g.ncols = 0
		return
	}
	g.heads = append(g.heads, "drivers")
	g.heads = append(g.heads, p.Tags...)
	if len(p.Tags) == 0 {
		// Without layers the initiatives share one column.
		g.heads = append(g.heads, "initiatives")
	}
	g.ncols = len(g.heads)
	rows := make([]int, g.ncols)
	colOf := map[string]int{}
	for i, t := range p.Tags {
		colOf[t] = i + 1
	}
	byID := map[string]int{}
	add := func(id, name string, col int, driver bool) {
		byID[id] = len(g.nodes)
		g.nodes = append(g.nodes, graphNode{id: id, name: name, driver: driver, col: col, row: rows[col]})
		rows[col]++
	}
	for _, d := range p.Drivers {
		add("driver:"+d.Name, d.Name, 0, true)
	}
	for _, in := range p.Initiatives {
		col, ok := colOf[in.Tag]
		if !ok {
			col = 1 // no layer, or one the portfolio does not list
		}
		add(in.ID, in.Name, col, false)
	}
	for _, d := range p.Drivers {
		for _, name := range usersOf(p, d.Name) {
			if in := p.InitiativeByName(name); in != nil {
				g.edges = append(g.edges, graphEdge{a: byID["driver:"+d.Name], b: byID[in.ID], link: -1})
			}
		}
	}
	for i, k := range p.Links {
		a, okA := byID[k.From]
		b, okB := byID[k.To]
		if okA && okB && a != b {
			g.edges = append(g.edges, graphEdge{a: a, b: b, kind: k.Kind, link: i})
		}
	}
}

// layout computes where everything goes at size.
func (g *linkGraph) layout(size fyne.Size) graphGeometry {
	nodes := make([]layoutNode, len(g.nodes))
	for i, n := range g.nodes {
		nodes[i] = layoutNode{n.col, n.row}
	}
	edges := make([]layoutEdge, len(g.edges))
	for i, e := range g.edges {
		edges[i] = layoutEdge{e.a, e.b}
	}
	return layoutGraph(g.ncols, nodes, edges, size)
}

// nodeAt is the box under pos, -1 for none.
func (g *linkGraph) nodeAt(pos fyne.Position) int {
	for i, b := range g.geo.boxes {
		if b.contains(pos) {
			return i
		}
	}
	return -1
}

// linkAt is the link whose line is nearest pos within a few pixels, -1
// for none.
func (g *linkGraph) linkAt(pos fyne.Position) int {
	const near = 6
	best, bestD := -1, float32(near)
	for i, e := range g.edges {
		if e.link < 0 || i >= len(g.geo.paths) {
			continue
		}
		path := g.geo.paths[i]
		for j := 1; j < len(path); j++ {
			if d := distToSegment(pos, path[j-1], path[j]); d <= bestD {
				best, bestD = e.link, d
			}
		}
	}
	return best
}

// linkMidpoint is a point on the line of link i (for tests and tapping),
// false when it is not drawn.
func (g *linkGraph) linkMidpoint(i int) (fyne.Position, bool) {
	for j, e := range g.edges {
		if e.link != i || j >= len(g.geo.paths) {
			continue
		}
		path := g.geo.paths[j]
		// The middle of the longest segment.
		best, bestL := 0, float32(-1)
		for k := 1; k < len(path); k++ {
			dx, dy := path[k].X-path[k-1].X, path[k].Y-path[k-1].Y
			if l := dx*dx + dy*dy; l > bestL {
				best, bestL = k, l
			}
		}
		if best == 0 {
			return fyne.Position{}, false
		}
		a, b := path[best-1], path[best]
		return fyne.NewPos((a.X+b.X)/2, (a.Y+b.Y)/2), true
	}
	return fyne.Position{}, false
}

// nodeCentre is the middle of the box of the node with id.
func (g *linkGraph) nodeCentre(id string) (fyne.Position, bool) {
	for i, n := range g.nodes {
		if n.id == id && i < len(g.geo.boxes) {
			b := g.geo.boxes[i]
			return fyne.NewPos(b.X+b.W/2, b.midY()), true
		}
	}
	return fyne.Position{}, false
}

// selectLink selects link i (-1: none) and says so.
func (g *linkGraph) selectLink(i int) {
	if g.sel == i {
		return
	}
	g.sel = i
	g.Refresh()
	if g.onSelect != nil {
		g.onSelect(i)
	}
}

// Tapped implements fyne.Tappable: a line selects its link, a box its
// initiative, the background clears the link selection.
func (g *linkGraph) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
		c.Focus(g)
	}
	if n := g.nodeAt(ev.Position); n >= 0 {
		if !g.nodes[n].driver && g.onTapNode != nil {
			g.onTapNode(g.nodes[n].id)
		}
		return
	}
	g.selectLink(g.linkAt(ev.Position))
}

// Dragged implements fyne.Draggable: a drag that starts on an initiative
// draws a line to the pointer.
func (g *linkGraph) Dragged(ev *fyne.DragEvent) {
	if !g.dragging {
		g.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		g.dragFrom = g.nodeAt(start)
		if g.dragFrom >= 0 && g.nodes[g.dragFrom].driver {
			g.dragFrom = -1
		}
	}
	if g.dragFrom < 0 {
		return
	}
	g.dragAt = ev.Position
	g.dragOver = g.nodeAt(ev.Position)
	g.Refresh()
}

// DragEnd implements fyne.Draggable: ending on another initiative asks
// for the new link's kind.
func (g *linkGraph) DragEnd() {
	from, over := g.dragFrom, g.dragOver
	g.dragging, g.dragFrom, g.dragOver = false, -1, -1
	g.Refresh()
	if from < 0 || over < 0 || over == from || g.nodes[over].driver || g.onCreate == nil {
		return
	}
	g.onCreate(g.nodes[from].id, g.nodes[over].id)
}

// FocusGained implements fyne.Focusable.
func (g *linkGraph) FocusGained() { g.focused = true; g.Refresh() }

// FocusLost implements fyne.Focusable.
func (g *linkGraph) FocusLost() { g.focused = false; g.Refresh() }

// TypedRune implements fyne.Focusable.
func (g *linkGraph) TypedRune(rune) {}

// TypedKey implements fyne.Focusable: Delete or Backspace removes the
// selected link, Escape clears the selection.
func (g *linkGraph) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if g.sel >= 0 && g.onDelete != nil {
			g.onDelete(g.sel)
		}
	case fyne.KeyEscape:
		g.selectLink(-1)
	}
}

// MouseIn implements desktop.Hoverable.
func (g *linkGraph) MouseIn(ev *desktop.MouseEvent) { g.MouseMoved(ev) }

// MouseMoved implements desktop.Hoverable: the full name of the box under
// the pointer, or the link of the line under it, is shown in the status
// line (boxes shorten long names).
func (g *linkGraph) MouseMoved(ev *desktop.MouseEvent) {
	name := ""
	if n := g.nodeAt(ev.Position); n >= 0 {
		name = g.nodes[n].name
	} else if l := g.linkAt(ev.Position); l >= 0 && g.describe != nil {
		name = g.describe(l)
	}
	g.hover(name)
}

// MouseOut implements desktop.Hoverable.
func (g *linkGraph) MouseOut() { g.hover("") }

func (g *linkGraph) hover(name string) {
	if name == g.hovered || g.onHover == nil {
		g.hovered = name
		return
	}
	if g.hovered != "" {
		g.onHover(g.hovered, false)
	}
	g.hovered = name
	if name != "" {
		g.onHover(name, true)
	}
}

// MinSize implements fyne.Widget via the renderer; the graph asks for
// enough room to keep every box legible.
func (g *linkGraph) minSize() fyne.Size {
	rows := make([]int, max(g.ncols, 1))
	maxRows := 0
	for _, n := range g.nodes {
		rows[n.col]++
		maxRows = max(maxRows, rows[n.col])
	}
	return graphMinSize(g.ncols, maxRows)
}

// CreateRenderer implements fyne.Widget.
func (g *linkGraph) CreateRenderer() fyne.WidgetRenderer {
	r := &linkGraphRenderer{g: g, band: canvas.NewLine(color.Transparent)}
	r.band.StrokeWidth = 2
	r.sync()
	return r
}

// graphBox is a box's canvas objects.
type graphBox struct {
	rect *canvas.Rectangle
	text [2]*canvas.Text // a name takes two lines where the box has room
}

// graphLine is a line's canvas objects: up to five segments and an
// arrowhead of two strokes for the directed kinds.
type graphLine struct {
	segs  [5]*canvas.Line
	arrow [2]*canvas.Line
}

// linkGraphRenderer keeps its canvas objects across refreshes: boxes and
// lines are reused, recoloured and moved in place.
type linkGraphRenderer struct {
	g       *linkGraph
	heads   []*canvas.Text
	boxes   []graphBox
	lines   []graphLine
	band    *canvas.Line
	objects []fyne.CanvasObject
}

// linkColor is the colour of a link kind's line.
func linkColor(k model.LinkKind) color.Color {
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch k {
	case model.LinkGates:
		return th.Color(theme.ColorNamePrimary, v)
	case model.LinkFollowOn:
		return th.Color(theme.ColorNameSuccess, v)
	case model.LinkExcludes:
		return th.Color(theme.ColorNameError, v)
	default:
		return th.Color(theme.ColorNameWarning, v)
	}
}

// sync makes as many canvas objects as the graph needs, reusing the ones
// there are, and sets their colours.
func (r *linkGraphRenderer) sync() {
	g := r.g
	n := len(r.heads) + len(r.boxes) + len(r.lines)
	for len(r.heads) < len(g.heads) {
		t := canvas.NewText("", color.Transparent)
		t.TextStyle.Bold = true
		t.TextSize = 11
		r.heads = append(r.heads, t)
	}
	r.heads = r.heads[:len(g.heads)]
	for len(r.boxes) < len(g.nodes) {
		b := graphBox{rect: canvas.NewRectangle(color.Transparent)}
		b.rect.CornerRadius = 6
		for i := range b.text {
			b.text[i] = canvas.NewText("", color.Transparent)
			b.text[i].TextSize = 11
		}
		r.boxes = append(r.boxes, b)
	}
	r.boxes = r.boxes[:len(g.nodes)]
	for len(r.lines) < len(g.edges) {
		var l graphLine
		for i := range l.segs {
			l.segs[i] = canvas.NewLine(color.Transparent)
		}
		for i := range l.arrow {
			l.arrow[i] = canvas.NewLine(color.Transparent)
		}
		r.lines = append(r.lines, l)
	}
	r.lines = r.lines[:len(g.edges)]
	if n != len(r.heads)+len(r.boxes)+len(r.lines) || r.objects == nil {
		r.objects = r.objects[:0]
		for _, l := range r.lines {
			for _, s := range l.segs {
				r.objects = append(r.objects, s)
			}
			r.objects = append(r.objects, l.arrow[0], l.arrow[1])
		}
		for _, h := range r.heads {
			r.objects = append(r.objects, h)
		}
		for _, b := range r.boxes {
			r.objects = append(r.objects, b.rect, b.text[0], b.text[1])
		}
		r.objects = append(r.objects, r.band)
	}
	r.colour()
}

// colour sets every object's colours from the theme and the state.
func (r *linkGraphRenderer) colour() {
	g := r.g
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	muted := th.Color(theme.ColorNameDisabled, v)
	for _, h := range r.heads {
		h.Color = th.Color(theme.ColorNamePlaceHolder, v)
	}
	for i, b := range r.boxes {
		n := g.nodes[i]
		b.rect.FillColor = th.Color(theme.ColorNameInputBackground, v)
		b.rect.StrokeWidth = 1
		b.rect.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
		if n.driver {
			b.rect.StrokeColor = th.Color(theme.ColorNamePlaceHolder, v)
		}
		if n.id == g.chosen && !n.driver {
			b.rect.StrokeColor, b.rect.StrokeWidth = th.Color(theme.ColorNameForeground, v), 2
		}
		if g.dragFrom >= 0 && (i == g.dragFrom || (i == g.dragOver && !n.driver)) {
			b.rect.StrokeColor, b.rect.StrokeWidth = th.Color(theme.ColorNamePrimary, v), 2
		}
		for _, t := range b.text {
			t.Color = th.Color(theme.ColorNameForeground, v)
		}
	}
	for i, l := range r.lines {
		e := g.edges[i]
		c, w := muted, float32(1)
		if e.link >= 0 {
			c, w = linkColor(e.kind), 2
			if e.link == g.sel {
				w = 4.5
			}
		}
		for _, s := range l.segs {
			s.StrokeColor, s.StrokeWidth = c, w
		}
		for _, s := range l.arrow {
			s.StrokeColor, s.StrokeWidth = c, min(w, 2)
		}
	}
	r.band.StrokeColor = th.Color(theme.ColorNamePrimary, v)
}

// Layout implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) Layout(size fyne.Size) {
	g := r.g
	if !g.geoOK || g.geoSize != size {
		g.geo, g.geoSize, g.geoOK = g.layout(size), size, true
	}
	for i, h := range r.heads {
		if i < len(g.geo.headX) {
			right := size.Width
			if i+1 < len(g.geo.headX) {
				right = g.geo.headX[i+1]
			}
			h.Text = fitText(strings.ToUpper(g.heads[i]), right-g.geo.headX[i]-6, h.TextSize)
			h.Move(fyne.NewPos(g.geo.headX[i]+2, 3))
			h.Refresh()
		}
	}
	for i, b := range r.boxes {
		box := g.geo.boxes[i]
		b.rect.Move(fyne.NewPos(box.X, box.Y))
		b.rect.Resize(fyne.NewSize(box.W, box.H))
		placeName(b, g.nodes[i].name, box)
	}
	for i, l := range r.lines {
		r.placeLine(l, g.edges[i], g.geo.paths[i])
	}
	if g.dragFrom >= 0 && g.dragFrom < len(g.geo.boxes) {
		b := g.geo.boxes[g.dragFrom]
		r.band.Position1 = fyne.NewPos(b.X+b.W/2, b.midY())
		r.band.Position2 = g.dragAt
		r.band.Show()
	} else {
		r.band.Hide()
	}
}

// placeLine moves a line's segments onto path and its arrowhead to the end.
func (r *linkGraphRenderer) placeLine(l graphLine, e graphEdge, path []fyne.Position) {
	for j, s := range l.segs {
		if j+1 < len(path) {
			s.Position1, s.Position2 = path[j], path[j+1]
			s.Show()
		} else {
			s.Hide()
		}
	}
	directed := e.link >= 0 && (e.kind == model.LinkGates || e.kind == model.LinkFollowOn)
	if !directed || len(path) < 2 {
		l.arrow[0].Hide()
		l.arrow[1].Hide()
		return
	}
	tip, from := path[len(path)-1], path[len(path)-2]
	dx, dy := float64(tip.X-from.X), float64(tip.Y-from.Y)
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	dx, dy = dx/n, dy/n
	const size, spread = 7, 0.45
	for k, s := range []float64{spread, -spread} {
		cos, sin := math.Cos(s), math.Sin(s)
		bx := tip.X - float32(size*(dx*cos-dy*sin))
		by := tip.Y - float32(size*(dx*sin+dy*cos))
		l.arrow[k].Position1, l.arrow[k].Position2 = tip, fyne.NewPos(bx, by)
		l.arrow[k].Show()
	}
}

// placeName writes name into the box on one line, or on two where the
// box is tall enough, shortened with an ellipsis where it does not fit.
func placeName(b graphBox, name string, box gRect) {
	lines, size := nameLines(name, box)
	lineH := fyne.MeasureText("Ag", size, fyne.TextStyle{}).Height
	top := box.Y + (box.H-lineH*float32(len(lines)))/2
	for k, t := range b.text {
		t.TextSize = size
		if k >= len(lines) {
			t.Hide()
			continue
		}
		t.Text = lines[k]
		t.Move(fyne.NewPos(box.X+5, top+float32(k)*lineH))
		t.Show()
		t.Refresh()
	}
}

// nameLines is how a name is written in a box: on one line if it fits (in
// 11, 10 or 9 point type), else on two lines of whole words where the box
// is tall enough, else shortened.
func nameLines(name string, box gRect) ([]string, float32) {
	sizes := []float32{11, 10, 9}
	if box.H < 16 {
		sizes = []float32{9}
	}
	width := box.W - 10
	for _, sz := range sizes {
		if fyne.MeasureText(name, sz, fyne.TextStyle{}).Width <= width {
			return []string{name}, sz
		}
	}
	var best []string
	var bestSize float32
	for _, sz := range sizes {
		if box.H < 2*fyne.MeasureText("Ag", sz, fyne.TextStyle{}).Height+2 {
			continue
		}
		two := wrapTwo(name, width, sz)
		if len(two) == 2 && !strings.Contains(two[0], "…") && !strings.Contains(two[1], "…") {
			return two, sz
		}
		best, bestSize = two, sz
	}
	if best != nil {
		return best, bestSize
	}
	// Shortened in the middle, not at the end: names often share their
	// start ("Initiative 0001", "Initiative 0002", ...; "Customer
	// community pilot", "... rollout") and differ at the end.
	sz := sizes[len(sizes)-1]
	return []string{fitTextMiddle(name, width, sz)}, sz
}

// wrapTwo breaks s into two lines at a word boundary that fits width (a
// space, or after "_", "-" or "/": driver names are one word like
// "value_per_member"), the second shortened in the middle with an
// ellipsis where it does not fit. A first word too long for the line on
// its own is never cut across the lines: the name is then one line,
// shortened in the middle.
func wrapTwo(s string, width, size float32) []string {
	words := breakWords(s)
	first := ""
	n := 0
	for n < len(words) {
		try := first + words[n]
		if fyne.MeasureText(strings.TrimSpace(try), size, fyne.TextStyle{}).Width > width {
			break
		}
		first, n = try, n+1
	}
	first = strings.TrimSpace(first)
	switch {
	case n == 0:
		return []string{fitTextMiddle(s, width, size)}
	case n == len(words):
		return []string{first}
	}
	return []string{first, fitTextMiddle(strings.TrimSpace(strings.Join(words[n:], "")), width, size)}
}

// breakWords splits s into the pieces a line may end after: each piece
// ends with its space, or with the "_", "-" or "/" that joins it to the
// next; joined, the pieces are s with its spaces collapsed.
func breakWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		start := 0
		for i, r := range f {
			if (r == '_' || r == '-' || r == '/') && i > start && i < len(f)-1 {
				out = append(out, f[start:i+1])
				start = i + 1
			}
		}
		out = append(out, f[start:]+" ")
	}
	return out
}

// fitTextMiddle shortens s by taking out its middle ("Init…0001") until
// it fits in width, so that its distinguishing end stays in sight.
func fitTextMiddle(s string, width, size float32) string {
	return fitMiddle(s, func(t string) bool { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width })
}

// fitText shortens s with an ellipsis until it fits in width.
func fitText(s string, width, size float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := string(r[:n]) + "…"
		if fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width {
			return t
		}
	}
	return "…"
}

// MinSize implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) MinSize() fyne.Size { return r.g.minSize() }

// Refresh implements fyne.WidgetRenderer: objects are updated in place.
func (r *linkGraphRenderer) Refresh() {
	r.sync()
	r.Layout(r.g.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

// Objects implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) Destroy() {}

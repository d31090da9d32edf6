package ui

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// linkRows returns the links list's rows as drawn now.
func linkRows(t *testing.T, v *linksView) []*fyne.Container {
	t.Helper()
	var rows []*fyne.Container
	walkRendered(v.list, func(o fyne.CanvasObject) bool {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
			if _, ok := c.Objects[0].(*widget.Label); ok {
				if _, ok := c.Objects[1].(*widget.Button); ok {
					rows = append(rows, c)
					return false
				}
			}
		}
		return true
	})
	return rows
}

func TestLinksViewKeepsItsWidgets(t *testing.T) {
	win, ses := newTestWindow(t)
	v := showView[*linksView](t, win, "links")
	if len(ses.Portfolio.Links) < 2 {
		t.Fatalf("the sample has %d links, want at least 2", len(ses.Portfolio.Links))
	}
	rows := linkRows(t, v)
	if len(rows) == 0 {
		t.Fatal("no link rows drawn")
	}
	from, to, list := v.from, v.to, v.list
	firstBtn := rows[0].Objects[1]
	// An unrelated change (a rename) refreshes the view in place: the same
	// selects, list and row widgets, the new name in the row.
	id := ses.Portfolio.Links[0].From
	rename(t, ses, id, "Renamed pilot")
	if v.from != from || v.to != to || v.list != list {
		t.Fatal("the links view replaced its selects or list on a change")
	}
	rows2 := linkRows(t, v)
	if len(rows2) == 0 || rows2[0].Objects[1] != firstBtn {
		t.Fatal("the first row's delete button was rebuilt on a change")
	}
	if got := rows2[0].Objects[0].(*widget.Label).Text; !strings.Contains(got, "Renamed pilot") {
		t.Fatalf("first row %q does not show the new name", got)
	}
	// The Select still opens its pop-up after the refresh (fyne #5965).
	test.Tap(v.from)
	if win.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the from select opened no pop-up after a refresh")
	}
	win.win.Canvas().Overlays().Remove(win.win.Canvas().Overlays().Top())
	// Deleting through the row's button removes that link and says what moved.
	n := len(ses.Portfolio.Links)
	gone := ses.Portfolio.Links[0]
	test.Tap(rows2[0].Objects[1].(*widget.Button))
	if len(ses.Portfolio.Links) != n-1 {
		t.Fatalf("after delete %d links, want %d", len(ses.Portfolio.Links), n-1)
	}
	for _, l := range ses.Portfolio.Links {
		if l == gone {
			t.Fatal("the deleted link is still there")
		}
	}
	if !v.moved.Visible() || !strings.HasPrefix(v.moved.Text, "What moved: ") {
		t.Fatalf("no what moved after a delete: %q", v.moved.Text)
	}
}

func TestLinksViewRefusesDuplicatesAndResets(t *testing.T) {
	win, ses := newTestWindow(t)
	v := showView[*linksView](t, win, "links")
	l := ses.Portfolio.Links[0]
	name := func(id string) string { return ses.Portfolio.Initiative(id).Name }
	n := len(ses.Portfolio.Links)
	// The same link again is refused, with names.
	v.from.SetSelected(name(l.From))
	v.to.SetSelected(name(l.To))
	v.kind.SetSelected(string(l.Kind))
	v.corr.SetText("0.5")
	v.onAdd()
	if len(ses.Portfolio.Links) != n {
		t.Fatal("a duplicate link was added")
	}
	if !v.err.Visible() || !strings.Contains(v.err.Text, "already") || !strings.Contains(v.err.Text, name(l.From)) {
		t.Fatalf("duplicate message %q", v.err.Text)
	}
	// An initiative linked to itself: refused with its name, not its id.
	v.to.SetSelected(name(l.From))
	v.onAdd()
	if len(ses.Portfolio.Links) != n || strings.Contains(v.err.Text, l.From+`"`) || !strings.Contains(v.err.Text, "itself") {
		t.Fatalf("self link: %d links, message %q", len(ses.Portfolio.Links), v.err.Text)
	}
	// A new link is added, the form resets and what moved is shown.
	var a, b *model.Initiative
	for i := range ses.Portfolio.Initiatives {
		for j := range ses.Portfolio.Initiatives {
			x, y := &ses.Portfolio.Initiatives[i], &ses.Portfolio.Initiatives[j]
			if x.ID == y.ID {
				continue
			}
			dup := false
			for _, k := range ses.Portfolio.Links {
				if (k.From == x.ID && k.To == y.ID) || (k.From == y.ID && k.To == x.ID) {
					dup = true
				}
			}
			if !dup && a == nil {
				a, b = x, y
			}
		}
	}
	v.from.SetSelected(a.Name)
	v.to.SetSelected(b.Name)
	v.kind.SetSelected(string(model.LinkSynergy))
	v.corr.SetText("0.3")
	v.onAdd()
	if len(ses.Portfolio.Links) != n+1 {
		t.Fatalf("link not added: %q", v.err.Text)
	}
	if v.from.Selected != "" || v.to.Selected != "" || v.corr.Text != "" {
		t.Fatalf("form not reset: %q %q %q", v.from.Selected, v.to.Selected, v.corr.Text)
	}
	if !v.moved.Visible() || !strings.HasPrefix(v.moved.Text, "What moved: ") {
		t.Fatalf("no what moved after an add: %q", v.moved.Text)
	}
}

// graphFor lays out p's links graph at size, as the view draws it.
func graphFor(t *testing.T, p *model.Portfolio, size fyne.Size) *linkGraph {
	t.Helper()
	g := newLinkGraph()
	g.set(p)
	g.Resize(size)
	g.geo = g.layout(size)
	return g
}

// randomPortfolio is the sample grown to n initiatives with random layers
// and random links, some pairs joined twice (excludes and synergy).
func randomPortfolio(t *testing.T, n int, seed int64) *model.Portfolio {
	t.Helper()
	p := newTestSession(t).Portfolio.Clone()
	rng := rand.New(rand.NewSource(seed))
	base := len(p.Initiatives)
	for i := base; i < n; i++ {
		in := p.Initiatives[rng.Intn(base)]
		in.ID = fmt.Sprintf("random-%d", i)
		in.Name = fmt.Sprintf("Random initiative number %d", i)
		in.Tag = p.Tags[rng.Intn(len(p.Tags))]
		p.Initiatives = append(p.Initiatives, in)
	}
	kinds := model.LinkKinds
	for range 2 * n {
		a, b := rng.Intn(n), rng.Intn(n)
		if a == b {
			continue
		}
		l := model.Link{From: p.Initiatives[a].ID, To: p.Initiatives[b].ID, Kind: kinds[rng.Intn(len(kinds))]}
		p.Links = append(p.Links, l)
		if rng.Intn(4) == 0 {
			if l.Kind == model.LinkSynergy {
				l.Kind = model.LinkExcludes
			} else {
				l.Kind = model.LinkSynergy
			}
			p.Links = append(p.Links, l)
		}
	}
	return p
}

// checkNoLineThroughABox fails when a segment of a line passes through a
// box other than its two ends, or enters its own ends' boxes.
func checkNoLineThroughABox(t *testing.T, g *linkGraph, what string) {
	t.Helper()
	if len(g.geo.paths) != len(g.edges) {
		t.Fatalf("%s: %d paths for %d edges", what, len(g.geo.paths), len(g.edges))
	}
	for i, e := range g.edges {
		path := g.geo.paths[i]
		if len(path) < 2 {
			t.Fatalf("%s: edge %d has %d points", what, i, len(path))
		}
		for j := 1; j < len(path); j++ {
			for k, box := range g.geo.boxes {
				if segmentHitsRect(path[j-1], path[j], box) {
					t.Errorf("%s: the line %s - %s passes through %s (segment %v-%v, box %+v)", what,
						g.nodes[e.a].name, g.nodes[e.b].name, g.nodes[k].name, path[j-1], path[j], box)
				}
			}
		}
		// The line starts and ends on its boxes' borders.
		if a, b := g.geo.boxes[e.a], g.geo.boxes[e.b]; !a.contains(path[0]) || !b.contains(path[len(path)-1]) {
			t.Errorf("%s: the line %s - %s does not join its boxes", what, g.nodes[e.a].name, g.nodes[e.b].name)
		}
	}
}

// No line passes through a box, for the sample and for random 30- and
// 60-initiative portfolios, at small and large sizes.
func TestLinksGraphLinesAvoidBoxes(t *testing.T) {
	test.NewTempApp(t)
	sizes := []fyne.Size{{Width: 330, Height: 220}, {Width: 520, Height: 300}, {Width: 900, Height: 520}, {Width: 1500, Height: 700}}
	sample := newTestSession(t).Portfolio
	cases := map[string]*model.Portfolio{"sample": sample}
	for seed := int64(1); seed <= 5; seed++ {
		cases[fmt.Sprintf("random 30 #%d", seed)] = randomPortfolio(t, 30, seed)
	}
	cases["random 60"] = randomPortfolio(t, 60, 9)
	for name, p := range cases {
		for _, size := range sizes {
			g := graphFor(t, p, size.Max(newLinkGraph().minSize()))
			if name == "sample" && len(g.edges) < len(p.Links) {
				t.Fatalf("sample: %d edges drawn for %d links", len(g.edges), len(p.Links))
			}
			checkNoLineThroughABox(t, g, fmt.Sprintf("%s at %.0fx%.0f", name, size.Width, size.Height))
		}
	}
}

// Two links between the same two initiatives (excludes and synergy) are
// drawn as two separate lines, apart along their whole length.
func TestLinksGraphParallelLinksApart(t *testing.T) {
	test.NewTempApp(t)
	p := newTestSession(t).Portfolio.Clone()
	// listening-suite and listening-lite (one column) and two initiatives
	// of neighbouring and of far columns, each pair joined twice.
	pairs := [][2]string{{"listening-suite", "listening-lite"}, {"community-pilot", "listening-suite"}, {"community-pilot", "crm-connector"}}
	for _, pr := range pairs {
		p.Links = append(p.Links, model.Link{From: pr[0], To: pr[1], Kind: model.LinkSynergy, Correlation: 0.3},
			model.Link{From: pr[0], To: pr[1], Kind: model.LinkExcludes})
	}
	g := graphFor(t, p, fyne.NewSize(700, 360))
	checkNoLineThroughABox(t, g, "parallel links")
	for _, pr := range pairs {
		var paths [][]fyne.Position
		for i, e := range g.edges {
			if e.link >= 0 && g.nodes[e.a].id == pr[0] && g.nodes[e.b].id == pr[1] {
				paths = append(paths, g.geo.paths[i])
			}
		}
		if len(paths) < 2 {
			t.Fatalf("%v: %d lines", pr, len(paths))
		}
		// Every point of one line is at least 2 px from the other line.
		a, b := paths[len(paths)-2], paths[len(paths)-1]
		for _, pt := range sampleAlong(a) {
			if d := distToPath(pt, b); d < 2 {
				t.Errorf("%s - %s: the two lines are %.1f px apart at %v", pr[0], pr[1], d, pt)
				break
			}
		}
	}
}

// sampleAlong returns points every few pixels along path.
func sampleAlong(path []fyne.Position) []fyne.Position {
	var pts []fyne.Position
	for i := 1; i < len(path); i++ {
		a, b := path[i-1], path[i]
		for s := float32(0); s <= 1; s += 0.05 {
			pts = append(pts, fyne.NewPos(a.X+(b.X-a.X)*s, a.Y+(b.Y-a.Y)*s))
		}
	}
	return pts
}

func distToPath(p fyne.Position, path []fyne.Position) float32 {
	d := float32(1e9)
	for i := 1; i < len(path); i++ {
		d = min(d, distToSegment(p, path[i-1], path[i]))
	}
	return d
}

// linksWindow opens the links view of a test window at 1024x700.
func linksWindow(t *testing.T) (*Window, *Session, *linksView) {
	t.Helper()
	win, ses := newTestWindow(t)
	win.win.Resize(fyne.NewSize(1024, 700))
	if err := win.ShowView("links"); err != nil {
		t.Fatal(err)
	}
	return win, ses, win.shown["links"].(*linksView)
}

// graphPos is where pos of the graph is on the window's canvas.
func graphPos(v *linksView, pos fyne.Position) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(v.graph).Add(pos)
}

// dragGraph drags on the graph from a to b (graph coordinates) as the
// desktop driver does: a press, moves in steps, each event with the
// pointer's position and the move since the last one, and the release.
// (test.Drag sends one event holding the start position and the whole
// move, which is not what a real pointer sends.)
func dragGraph(v *linksView, a, b fyne.Position) {
	const steps = 4
	last := a
	for i := 1; i <= steps; i++ {
		at := fyne.NewPos(a.X+(b.X-a.X)*float32(i)/steps, a.Y+(b.Y-a.Y)*float32(i)/steps)
		v.graph.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at, AbsolutePosition: graphPos(v, at)}, Dragged: fyne.NewDelta(at.X-last.X, at.Y-last.Y)})
		last = at
	}
	v.graph.DragEnd()
}

// boxCentres returns the centres of the graph's boxes of initiatives from
// and to, failing t when they are not laid out.
func boxCentres(t *testing.T, v *linksView, from, to string) (a, b fyne.Position) {
	t.Helper()
	a, ok1 := v.graph.nodeCentre(from)
	b, ok2 := v.graph.nodeCentre(to)
	if !ok1 || !ok2 {
		t.Fatalf("the boxes of %s and %s are not laid out", from, to)
	}
	return a, b
}

// Dragging from one initiative to another opens the kind chooser; a kind
// adds the link, selects it and says what moved.
func TestLinksGraphDragCreatesALink(t *testing.T) {
	_, ses, v := linksWindow(t)
	p := ses.Portfolio
	from, to := p.Initiative("community-pilot"), p.Initiative("social-care-team")
	a, b := boxCentres(t, v, from.ID, to.ID)
	n := len(p.Links)
	// The graph is what takes a drag there.
	if o := draggableAt(v.w.win.Canvas(), graphPos(v, a)); o != v.graph {
		t.Fatalf("a drag on a box goes to %T", o)
	}
	dragGraph(v, a, b)
	if v.chooser == nil || !v.chooser.pop.Visible() {
		t.Fatal("no kind chooser after a drag from one initiative to another")
	}
	if got := labelTexts(v.chooser.pop.Content); !strings.Contains(got, from.Name) || !strings.Contains(got, to.Name) {
		t.Fatalf("the chooser says %q", got)
	}
	test.Tap(v.chooser.kinds[model.LinkExcludes])
	if len(ses.Portfolio.Links) != n+1 {
		t.Fatalf("%d links after choosing, want %d", len(ses.Portfolio.Links), n+1)
	}
	l := ses.Portfolio.Links[n]
	if l.From != from.ID || l.To != to.ID || l.Kind != model.LinkExcludes {
		t.Fatalf("added %+v", l)
	}
	if v.chooser != nil {
		t.Fatal("the chooser stayed open after the link was added")
	}
	if v.graph.sel != n || !strings.Contains(v.selected.Text, from.Name) {
		t.Fatalf("the new link is not selected: %d, %q", v.graph.sel, v.selected.Text)
	}
	if !v.moved.Visible() || !strings.HasPrefix(v.moved.Text, "What moved: ") {
		t.Fatalf("no what moved after a drag-made link: %q", v.moved.Text)
	}
	// The pilot excluding the care team lowers the portfolio's value: what
	// moved says so (the engine's Impact), not "Nothing moved".
	if im := ses.Impact; im == nil || im.Change() == 0 || !strings.Contains(v.moved.Text, "Portfolio") || !strings.Contains(v.moved.Text, to.Name) {
		t.Fatalf("what moved %q for impact %+v", v.moved.Text, im)
	}
	// A drag from a box to empty space, or from a box to itself, makes
	// nothing.
	dragGraph(v, a, a.Add(fyne.NewPos(3, 2)))
	if v.chooser != nil {
		t.Fatal("a drag that ended on its own box opened the chooser")
	}
}

// The chooser refuses a duplicate with a message naming both initiatives
// and stays open; a synergy without a ρ is refused too.
func TestLinksGraphChooserRefusesDuplicates(t *testing.T) {
	_, ses, v := linksWindow(t)
	p := ses.Portfolio
	// The sample's listening-suite excludes listening-lite: drag the other
	// way round (excludes is symmetric).
	suite, lite := p.Initiative("listening-suite"), p.Initiative("listening-lite")
	a, b := boxCentres(t, v, lite.ID, suite.ID)
	n := len(p.Links)
	dragGraph(v, a, b)
	if v.chooser == nil {
		t.Fatal("no chooser")
	}
	test.Tap(v.chooser.kinds[model.LinkExcludes])
	if len(ses.Portfolio.Links) != n {
		t.Fatal("a duplicate link was added from the graph")
	}
	if v.chooser == nil || !v.chooser.err.Visible() {
		t.Fatal("the chooser closed or said nothing on a duplicate")
	}
	msg := v.chooser.err.Text
	if !strings.Contains(msg, "already") || !strings.Contains(msg, suite.Name) || !strings.Contains(msg, lite.Name) || strings.Contains(msg, suite.ID) {
		t.Fatalf("duplicate message %q", msg)
	}
	test.Tap(v.chooser.kinds[model.LinkSynergy])
	if len(ses.Portfolio.Links) != n || !strings.Contains(v.chooser.err.Text, "ρ") {
		t.Fatalf("synergy without ρ: %d links, %q", len(ses.Portfolio.Links), v.chooser.err.Text)
	}
	// Typing ρ and pressing Enter makes the synergy.
	test.Type(v.chooser.corr, "0.4")
	v.chooser.corr.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(ses.Portfolio.Links) != n+1 || ses.Portfolio.Links[n].Correlation != 0.4 {
		t.Fatalf("synergy with ρ 0.4 not added: %v", ses.Portfolio.Links)
	}
}

// Tapping on a line selects its link (highlighted); Delete removes it and
// says what moved; the Delete link button does the same.
func TestLinksGraphTapSelectsAndDeletes(t *testing.T) {
	win, ses, v := linksWindow(t)
	c := win.win.Canvas()
	n := len(ses.Portfolio.Links)
	target := ses.Portfolio.Links[2]
	mid, ok := v.graph.linkMidpoint(2)
	if !ok {
		t.Fatal("link 2 is not drawn")
	}
	// Hovering the line names its link in the status line.
	test.MoveMouse(c, graphPos(v, mid))
	if !strings.Contains(win.status.Text, v.name(target.From)) || !strings.Contains(win.status.Text, v.name(target.To)) {
		t.Errorf("hovering the line, the status says %q", win.status.Text)
	}
	// Near the line, not exactly on it.
	test.TapCanvas(c, graphPos(v, mid.Add(fyne.NewPos(0, 3))))
	if v.graph.sel != 2 {
		t.Fatalf("tapping near the line selected %d, want 2", v.graph.sel)
	}
	if v.del.Disabled() || !strings.Contains(v.selected.Text, v.name(target.From)) || !strings.Contains(v.selected.Text, v.name(target.To)) {
		t.Fatalf("selected bar %q, delete disabled %v", v.selected.Text, v.del.Disabled())
	}
	r := test.WidgetRenderer(v.graph).(*linkGraphRenderer)
	for i, e := range v.graph.edges {
		if w := r.lines[i].segs[0].StrokeWidth; (e.link == 2) != (w > 3) {
			t.Errorf("edge %d (link %d) drawn %.1f wide", i, e.link, w)
		}
	}
	if c.Focused() != v.graph {
		t.Fatalf("the graph has no keyboard focus after the tap (%T)", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(ses.Portfolio.Links) != n-1 || linkIndex(ses.Portfolio, target) >= 0 {
		t.Fatalf("Delete did not remove the link: %d links", len(ses.Portfolio.Links))
	}
	if !v.moved.Visible() || !strings.HasPrefix(v.moved.Text, "What moved: ") {
		t.Fatalf("no what moved after a graph delete: %q", v.moved.Text)
	}
	if v.graph.sel != -1 || !v.del.Disabled() {
		t.Fatalf("a deleted link stays selected: %d", v.graph.sel)
	}
	// Select another and remove it with the button.
	mid, _ = v.graph.linkMidpoint(0)
	test.TapCanvas(c, graphPos(v, mid))
	if v.graph.sel != 0 {
		t.Fatalf("selected %d, want 0", v.graph.sel)
	}
	test.Tap(v.del)
	if len(ses.Portfolio.Links) != n-2 {
		t.Fatalf("the Delete link button did not remove the link: %d links", len(ses.Portfolio.Links))
	}
	// Tapping empty space clears the selection.
	mid, _ = v.graph.linkMidpoint(0)
	test.TapCanvas(c, graphPos(v, mid))
	test.TapCanvas(c, graphPos(v, fyne.NewPos(2, v.graph.Size().Height-2)))
	if v.graph.sel != -1 {
		t.Fatalf("tapping the background kept link %d selected", v.graph.sel)
	}
	// Tapping a box selects its initiative, drawn with a stronger border.
	at, _ := v.graph.nodeCentre("listening-lite")
	test.TapCanvas(c, graphPos(v, at))
	if ses.Selected != "listening-lite" {
		t.Fatalf("tapping a box selected %q", ses.Selected)
	}
	for i, n := range v.graph.nodes {
		if w := r.boxes[i].rect.StrokeWidth; (n.id == "listening-lite") != (w == 2) {
			t.Errorf("box %s drawn with a %.0f px border", n.name, w)
		}
	}
}

// At 1024x700 the links list's delete buttons are inside the view, with
// no sideways scrolling.
func TestLinksDeleteButtonsInSightAt1024(t *testing.T) {
	win, _, v := linksWindow(t)
	rows := linkRows(t, v)
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	d := fyne.CurrentApp().Driver()
	tab := win.tabs.Items[win.tabs.SelectedIndex()].Content
	left := d.AbsolutePositionForObject(tab).X
	right := left + tab.Size().Width
	for i, r := range rows {
		b := r.Objects[1]
		x := d.AbsolutePositionForObject(b).X
		if x < left || x+b.Size().Width > right+0.5 {
			t.Errorf("row %d's delete button spans %.0f-%.0f, the view %.0f-%.0f", i, x, x+b.Size().Width, left, right)
		}
	}
	if s, ok := tab.(*container.Scroll); ok && s.Content.MinSize().Width > s.Size().Width {
		t.Errorf("the links view needs %.0f px wide, has %.0f: it scrolls sideways", s.Content.MinSize().Width, s.Size().Width)
	}
}

// draggableAt is the innermost draggable object at pos on c.
func draggableAt(c fyne.Canvas, pos fyne.Position) fyne.CanvasObject {
	var found fyne.CanvasObject
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		p := at.Add(o.Position())
		if pos.X < p.X || pos.Y < p.Y || pos.X >= p.X+o.Size().Width || pos.Y >= p.Y+o.Size().Height {
			return
		}
		if _, ok := o.(fyne.Draggable); ok {
			found = o
		}
		for _, c := range rendered(o) {
			walk(c, p)
		}
	}
	walk(c.Content(), fyne.Position{})
	return found
}

// At 1,000 initiatives the boxes are too narrow for "Initiative 0123":
// the names are shortened in the middle, so each box still says which
// initiative it is (they all read "Initiative…" when cut at the end).
func TestLinksGraphNamesKeepTheirEnds(t *testing.T) {
	test.NewTempApp(t)
	p := modeltest.Large(1000, 2000, 200)
	g := graphFor(t, p, fyne.NewSize(370, 400).Max(newLinkGraph().minSize()))
	seen := map[string]string{}
	shortened := 0
	for i, n := range g.nodes {
		if !strings.HasPrefix(n.name, "Initiative ") {
			continue
		}
		lines, _ := nameLines(n.name, g.geo.boxes[i])
		shown := strings.Join(lines, " ")
		if shown != n.name {
			shortened++
		}
		if num := strings.TrimPrefix(n.name, "Initiative "); !strings.HasSuffix(shown, num) {
			t.Errorf("%s is shown as %q, without its number", n.name, shown)
		}
		if other, dup := seen[shown]; dup {
			t.Errorf("%s and %s are both shown as %q", other, n.name, shown)
		}
		seen[shown] = n.name
	}
	if len(seen) != 1000 {
		t.Fatalf("%d initiative boxes, want 1000", len(seen))
	}
	if shortened == 0 {
		t.Fatal("no name was shortened: the test does not reach the narrow boxes")
	}
	// A two-line name keeps the end of its second line.
	lines := wrapTwo("Customer community rollout phase 2", 70, 10)
	if len(lines) != 2 || !strings.HasSuffix(lines[1], "2") {
		t.Errorf("wrapTwo: %q", lines)
	}
}

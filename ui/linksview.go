package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// linksView draws the portfolio as a graph, drivers on the left and the
// initiatives in a column per layer, with its links (gates, follow-on,
// excludes, synergy) and which driver feeds which initiative; below, the
// links are listed and edited.
type linksView struct {
	w     *Window
	graph *linkGraph
	// list shows the links; its rows are updated in place (never rebuilt),
	// so a row under the pointer stays the same widget.
	list  *widget.List
	empty *widget.Label
	from  *widget.Select
	kind  *widget.Select
	to    *widget.Select
	corr  *appEntry
	err   *widget.Label
	// moved says what the last link change did to the values.
	moved *widget.Label
}

func newLinksView(w *Window) *linksView {
	v := &linksView{w: w, graph: newLinkGraph(), err: errorLabel(), moved: widget.NewLabel("")}
	v.moved.Wrapping = fyne.TextWrapWord
	v.moved.Hide()
	v.empty = widget.NewLabel("No links yet: add one above (a pilot gates its rollout, alternatives exclude each other).")
	v.empty.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.w.ses.Portfolio.Links) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.DeleteIcon(), nil), l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			links := v.w.ses.Portfolio.Links
			if i < 0 || i >= len(links) {
				return
			}
			c.Objects[0].(*widget.Label).SetText(v.linkText(links[i]))
			c.Objects[1].(*widget.Button).OnTapped = func() { v.onDelete(i) }
		})
	v.from = widget.NewSelect(nil, nil)
	v.from.PlaceHolder = "from"
	kinds := make([]string, len(model.LinkKinds))
	for i, k := range model.LinkKinds {
		kinds[i] = string(k)
	}
	v.kind = widget.NewSelect(kinds, nil)
	v.kind.SetSelected(string(model.LinkGates))
	v.to = widget.NewSelect(nil, nil)
	v.to.PlaceHolder = "to"
	v.corr = newAppEntry()
	v.corr.SetPlaceHolder("ρ (synergy)")
	w.ses.OnChange(func(c Change) {
		if c == ChangedPortfolio {
			v.refresh()
		}
	})
	v.refresh()
	return v
}

func (v *linksView) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Add link", theme.ContentAddIcon(), v.onAdd)
	form := container.NewBorder(nil, v.err, nil, add, container.NewVBox(v.from,
		container.NewGridWithColumns(2, v.kind, v.corr), v.to))
	legend := linkLegend()
	bottom := container.NewBorder(container.NewVBox(form, v.moved), nil, nil, nil, container.NewStack(v.list, v.empty))
	split := container.NewVSplit(container.NewBorder(nil, legend, nil, nil, v.graph), bottom)
	split.Offset = 0.62
	return split
}

func (v *linksView) name(id string) string {
	if in := v.w.ses.Portfolio.Initiative(id); in != nil {
		return in.Name
	}
	return id
}

func (v *linksView) refresh() {
	p := v.w.ses.Portfolio
	names := make([]string, len(p.Initiatives))
	for i, in := range p.Initiatives {
		names[i] = in.Name
	}
	v.from.Options, v.to.Options = names, names
	v.from.Refresh()
	v.to.Refresh()
	v.graph.set(p)
	if len(p.Links) == 0 {
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.list.Refresh()
}

// linkText is a link as the list shows it, with names, never ids.
func (v *linksView) linkText(l model.Link) string {
	text := fmt.Sprintf("%s  [%s] ->  %s", v.name(l.From), l.Kind, v.name(l.To))
	if l.Kind == model.LinkSynergy {
		text += fmt.Sprintf("  (ρ = %.2f)", l.Correlation)
	}
	if l.Note != "" {
		text += "  · " + l.Note
	}
	return text
}

// linkLegend explains the graph's line colours, one swatch per link kind.
func linkLegend() fyne.CanvasObject {
	words := map[model.LinkKind]string{
		model.LinkGates:    "gates: the first must be done before the second",
		model.LinkFollowOn: "follow_on: doing the first creates the second",
		model.LinkExcludes: "excludes: at most one of the two",
		model.LinkSynergy:  "synergy: values move together (ρ)",
	}
	row := container.NewGridWithColumns(2)
	for _, k := range model.LinkKinds {
		sw := canvas.NewRectangle(linkColor(k))
		sw.SetMinSize(fyne.NewSize(18, 4))
		l := widget.NewLabel(words[k])
		row.Add(container.NewHBox(container.NewCenter(sw), l))
	}
	grey := canvas.NewRectangle(theme.Color(theme.ColorNameDisabled))
	grey.SetMinSize(fyne.NewSize(18, 1))
	row.Add(container.NewHBox(container.NewCenter(grey), widget.NewLabel("a driver feeds the initiative's formulas")))
	return row
}

// sameLink reports whether a and b join the same two initiatives with the
// same kind (either way round for the symmetric kinds).
func sameLink(a, b model.Link) bool {
	if a.Kind != b.Kind {
		return false
	}
	if a.From == b.From && a.To == b.To {
		return true
	}
	sym := a.Kind == model.LinkExcludes || a.Kind == model.LinkSynergy
	return sym && a.From == b.To && a.To == b.From
}

func (v *linksView) onAdd() {
	p := v.w.ses.Portfolio
	from, to := p.InitiativeByName(v.from.Selected), p.InitiativeByName(v.to.Selected)
	if from == nil || to == nil {
		setError(v.err, "Pick both initiatives of the link.")
		return
	}
	if from.ID == to.ID {
		setError(v.err, fmt.Sprintf("%s cannot be linked to itself: pick two different initiatives.", from.Name))
		return
	}
	l := model.Link{From: from.ID, To: to.ID, Kind: model.LinkKind(v.kind.Selected)}
	for _, k := range p.Links {
		if sameLink(k, l) {
			setError(v.err, fmt.Sprintf("%s already %s %s.", from.Name, l.Kind, to.Name))
			return
		}
	}
	if l.Kind == model.LinkSynergy {
		c, err := parseAmount(v.corr.Text)
		if err != nil {
			setError(v.err, fmt.Sprintf("ρ: %q is not a correlation in [-1, 1]", v.corr.Text))
			return
		}
		l.Correlation = c
	}
	before := v.w.ses.Valuation
	err := v.w.ses.Apply(fmt.Sprintf("Link %s %s %s", from.Name, l.Kind, to.Name), func(p *model.Portfolio) error {
		p.Links = append(p.Links, l)
		return nil
	})
	if err != nil {
		setError(v.err, "Not added: "+userWords(v.w.ses.Portfolio, strings.TrimPrefix(err.Error(), "invalid portfolio: ")))
		return
	}
	setError(v.err, "")
	// The form starts again for the next link; the kind stays.
	v.from.ClearSelected()
	v.to.ClearSelected()
	v.corr.SetText("")
	v.showMoved(before)
}

// showMoved says what the last link change did to the values.
func (v *linksView) showMoved(before *portfolio.Valuation) {
	lines := strings.Split(strings.TrimSpace(whatMoved(before, v.w.ses.Valuation, v.w.prefs)), "\n")
	if len(lines) > 4 {
		lines = append(lines[:4], fmt.Sprintf("… and %d more", len(lines)-4))
	}
	v.moved.SetText("What moved: " + strings.Join(lines, "\n"))
	v.moved.Show()
}

func (v *linksView) onDelete(i int) {
	links := v.w.ses.Portfolio.Links
	if i < 0 || i >= len(links) {
		return
	}
	l := links[i]
	before := v.w.ses.Valuation
	err := v.w.ses.Apply(fmt.Sprintf("Unlink %s %s %s", v.name(l.From), l.Kind, v.name(l.To)), func(p *model.Portfolio) error {
		for j, k := range p.Links {
			if k == l {
				p.Links = append(p.Links[:j], p.Links[j+1:]...)
				return nil
			}
		}
		return fmt.Errorf("the link was removed meanwhile")
	})
	if err != nil {
		v.w.showError(err)
		return
	}
	v.showMoved(before)
}

// linkGraph draws drivers and initiatives as boxes in columns and the links
// between them as lines.
type linkGraph struct {
	widget.BaseWidget
	p *model.Portfolio
}

func newLinkGraph() *linkGraph {
	g := &linkGraph{}
	g.ExtendBaseWidget(g)
	return g
}

func (g *linkGraph) set(p *model.Portfolio) {
	g.p = p
	g.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (g *linkGraph) CreateRenderer() fyne.WidgetRenderer {
	r := &linkGraphRenderer{g: g}
	r.build()
	return r
}

type graphNode struct {
	id     string
	box    *canvas.Rectangle
	text   *canvas.Text
	col    int
	row    int
	driver bool
}

type graphEdge struct {
	line     *canvas.Line
	from, to string
}

type linkGraphRenderer struct {
	g       *linkGraph
	p       *model.Portfolio
	nodes   []*graphNode
	byID    map[string]*graphNode
	edges   []graphEdge
	heads   []*canvas.Text
	objects []fyne.CanvasObject
	ncols   int
	rows    []int
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

func (r *linkGraphRenderer) build() {
	p := r.g.p
	r.p = p
	r.nodes, r.edges, r.heads, r.objects = nil, nil, nil, nil
	r.byID = map[string]*graphNode{}
	if p == nil {
		return
	}
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	cols := append([]string{"drivers"}, p.Tags...)
	r.ncols = len(cols)
	r.rows = make([]int, len(cols))
	for _, c := range cols {
		t := canvas.NewText(strings.ToUpper(c), th.Color(theme.ColorNamePlaceHolder, v))
		t.TextStyle.Bold = true
		t.TextSize = 11
		r.heads = append(r.heads, t)
	}
	colOf := map[string]int{}
	for i, t := range p.Tags {
		colOf[t] = i + 1
	}
	add := func(id, label string, col int, driver bool) {
		box := canvas.NewRectangle(th.Color(theme.ColorNameInputBackground, v))
		box.CornerRadius = 6
		box.StrokeWidth = 1
		box.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
		if driver {
			box.StrokeColor = th.Color(theme.ColorNamePlaceHolder, v)
		}
		t := canvas.NewText(trunc(label, 26), fg)
		t.TextSize = 11
		n := &graphNode{id: id, box: box, text: t, col: col, row: r.rows[col], driver: driver}
		r.rows[col]++
		r.nodes = append(r.nodes, n)
		r.byID[id] = n
	}
	for _, d := range p.Drivers {
		add("driver:"+d.Name, d.Name, 0, true)
	}
	for _, in := range p.Initiatives {
		add(in.ID, in.Name, colOf[in.Tag], false)
	}
	muted := th.Color(theme.ColorNameDisabled, v)
	for _, d := range p.Drivers {
		for _, name := range usersOf(p, d.Name) {
			if in := p.InitiativeByName(name); in != nil {
				l := canvas.NewLine(muted)
				l.StrokeWidth = 1
				r.edges = append(r.edges, graphEdge{l, "driver:" + d.Name, in.ID})
			}
		}
	}
	for _, k := range p.Links {
		l := canvas.NewLine(linkColor(k.Kind))
		l.StrokeWidth = 2
		r.edges = append(r.edges, graphEdge{l, k.From, k.To})
	}
	for _, e := range r.edges {
		r.objects = append(r.objects, e.line)
	}
	for _, h := range r.heads {
		r.objects = append(r.objects, h)
	}
	for _, n := range r.nodes {
		r.objects = append(r.objects, n.box, n.text)
	}
}

// Layout implements fyne.WidgetRenderer: columns of equal width, boxes
// spread evenly down each column, lines between box centres.
func (r *linkGraphRenderer) Layout(size fyne.Size) {
	if r.ncols == 0 {
		return
	}
	colW := size.Width / float32(r.ncols)
	const top, boxH = 24, 26
	for i, h := range r.heads {
		h.Move(fyne.NewPos(float32(i)*colW+8, 2))
	}
	for _, n := range r.nodes {
		rows := r.rows[n.col]
		gap := (size.Height - top) / float32(max(rows, 1))
		w := colW - 16
		x := float32(n.col)*colW + 8
		y := top + float32(n.row)*gap + (gap-boxH)/2
		n.box.Move(fyne.NewPos(x, y))
		n.box.Resize(fyne.NewSize(w, boxH))
		n.text.Move(fyne.NewPos(x+6, y+(boxH-n.text.MinSize().Height)/2))
	}
	for _, e := range r.edges {
		a, b := r.byID[e.from], r.byID[e.to]
		if a == nil || b == nil {
			e.line.Hide()
			continue
		}
		ca := a.box.Position().Add(fyne.NewPos(a.box.Size().Width/2, a.box.Size().Height/2))
		cb := b.box.Position().Add(fyne.NewPos(b.box.Size().Width/2, b.box.Size().Height/2))
		e.line.Position1, e.line.Position2 = ca, cb
		e.line.Show()
	}
}

// MinSize implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 200) }

// Refresh implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) Refresh() {
	r.build()
	r.Layout(r.g.Size())
	canvas.Refresh(r.g)
}

// Objects implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy implements fyne.WidgetRenderer.
func (r *linkGraphRenderer) Destroy() {}

package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// linksView draws the portfolio as a graph, drivers on the left and the
// initiatives in a column per layer, with its links (gates, follow-on,
// excludes, synergy) and which driver feeds which initiative; below, the
// links are listed and edited. Links are also made on the graph (drag from
// one initiative to another, then pick the kind) and removed there (tap a
// line, then Delete or the Delete link button).
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
	// selected names the link selected on the graph; del removes it.
	selected *widget.Label
	del      *widget.Button
	// chooser is the open "which kind of link" pop-up after a drag.
	chooser *linkChooser
}

func newLinksView(w *Window) *linksView {
	v := &linksView{w: w, graph: newLinkGraph(), err: errorLabel(), moved: widget.NewLabel("")}
	v.moved.Wrapping = fyne.TextWrapWord
	v.moved.Hide()
	v.empty = widget.NewLabel("No links yet: drag from one initiative to another on the graph, or add one above (a pilot gates its rollout, alternatives exclude each other).")
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
	v.selected = widget.NewLabel(linksHint)
	v.selected.Wrapping = fyne.TextWrapWord
	v.del = widget.NewButtonWithIcon("Delete link", theme.DeleteIcon(), func() { v.onDelete(v.graph.sel) })
	v.del.Disable()
	v.graph.onSelect = v.onGraphSelect
	v.graph.onDelete = v.onDelete
	v.graph.onCreate = v.showChooser
	v.graph.onTapNode = func(id string) { v.w.ses.Select(id) }
	v.graph.onHover = v.w.hoverText
	v.graph.describe = func(i int) string {
		if links := v.w.ses.Portfolio.Links; i >= 0 && i < len(links) {
			return v.linkText(links[i])
		}
		return ""
	}
	w.ses.OnChange(func(c Change) {
		switch c {
		case ChangedPortfolio:
			v.refresh()
		case ChangedSelection:
			v.graph.setChosen(v.w.ses.Selected)
		}
	})
	v.refresh()
	return v
}

func (v *linksView) content() fyne.CanvasObject {
	add := widget.NewButtonWithIcon("Add link", theme.ContentAddIcon(), v.onAdd)
	form := container.NewBorder(nil, v.err, nil, add, container.NewVBox(v.from,
		container.NewGridWithColumns(2, v.kind, v.corr), v.to))
	// The graph makes links by dragging; the form, for typing names,
	// folds away so the graph and the list get the room.
	byName := widget.NewAccordion(widget.NewAccordionItem("Add a link by name", form))
	selBar := container.NewBorder(nil, nil, nil, v.del, v.selected)
	legend, recolour := linkLegend()
	v.w.onThemeChanged(recolour)
	top := container.NewBorder(nil, container.NewVBox(selBar, legend), nil, nil, v.graph)
	bottom := container.NewBorder(container.NewVBox(byName, v.moved), nil, nil, nil, container.NewStack(v.list, v.empty))
	split := container.NewVSplit(top, bottom)
	split.Offset = 0.66
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
	v.graph.chosen = v.w.ses.Selected
	v.graph.set(p)
	v.onGraphSelect(v.graph.sel)
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

// linkLegend explains the graph's line colours, one swatch per link kind,
// in small items that flow into as many rows as the width needs (it never
// asks for more width than the view has).
// The returned func recolours it after a theme change.
func linkLegend() (fyne.CanvasObject, func()) {
	words := map[model.LinkKind]string{
		model.LinkGates:    "gates →: first before second",
		model.LinkFollowOn: "follow_on →: first creates second",
		model.LinkExcludes: "excludes: one at most",
		model.LinkSynergy:  "synergy: move together (ρ)",
	}
	size := theme.CaptionTextSize()
	var swatches []*canvas.Rectangle
	var texts []*canvas.Text
	item := func(c color.Color, h float32, text string) fyne.CanvasObject {
		sw := canvas.NewRectangle(c)
		sw.SetMinSize(fyne.NewSize(16, h))
		t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
		t.TextSize = size
		swatches, texts = append(swatches, sw), append(texts, t)
		return container.NewHBox(container.NewCenter(sw), t)
	}
	row := container.New(layout.NewRowWrapLayoutWithCustomPadding(theme.Padding()*3, 0))
	for _, k := range model.LinkKinds {
		row.Add(item(linkColor(k), 4, words[k]))
	}
	row.Add(item(theme.Color(theme.ColorNameDisabled), 1, "driver: feeds formulas"))
	recolour := func() {
		for i, sw := range swatches {
			if i < len(model.LinkKinds) {
				sw.FillColor = linkColor(model.LinkKinds[i])
			} else {
				sw.FillColor = theme.Color(theme.ColorNameDisabled)
			}
			sw.Refresh()
			texts[i].Color = theme.Color(theme.ColorNameForeground)
			texts[i].Refresh()
		}
	}
	return row, recolour
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

// duplicateText says, with names, that the link is there already.
func duplicateText(from, to string, k model.LinkKind) string {
	switch k {
	case model.LinkGates:
		return fmt.Sprintf("%s already gates %s: that link is there; pick another kind or other initiatives.", from, to)
	case model.LinkFollowOn:
		return fmt.Sprintf("%s already has %s as its follow-on: that link is there; pick another kind or other initiatives.", from, to)
	}
	return fmt.Sprintf("%s and %s are already linked by %s: that link is there; pick another kind or other initiatives.", from, to, k)
}

func (v *linksView) onAdd() {
	p := v.w.ses.Portfolio
	from, to := p.InitiativeByName(v.from.Selected), p.InitiativeByName(v.to.Selected)
	if msg := v.addLink(from, to, model.LinkKind(v.kind.Selected), v.corr.Text); msg != "" {
		setError(v.err, msg)
		return
	}
	setError(v.err, "")
	// The form starts again for the next link; the kind stays.
	v.from.ClearSelected()
	v.to.ClearSelected()
	v.corr.SetText("")
}

// addLink adds a link of kind from one initiative to the other (corr is
// the correlation as typed, for synergy), selects it on the graph and says
// what moved. It returns why not, "" when it was added.
func (v *linksView) addLink(from, to *model.Initiative, kind model.LinkKind, corr string) string {
	if from == nil || to == nil {
		return "Pick both initiatives of the link."
	}
	if from.ID == to.ID {
		return fmt.Sprintf("%s cannot be linked to itself: pick two different initiatives.", from.Name)
	}
	l := model.Link{From: from.ID, To: to.ID, Kind: kind}
	for _, k := range v.w.ses.Portfolio.Links {
		if sameLink(k, l) {
			return duplicateText(from.Name, to.Name, kind)
		}
	}
	if l.Kind == model.LinkSynergy {
		c, err := parseAmount(corr)
		if err != nil || c < -1 || c > 1 {
			return fmt.Sprintf("ρ: %q is not a correlation in [-1, 1]; type one for the synergy.", corr)
		}
		l.Correlation = c
	}
	before := v.w.ses.Valuation
	err := v.w.ses.Apply(fmt.Sprintf("Link %s %s %s", from.Name, l.Kind, to.Name), func(p *model.Portfolio) error {
		p.Links = append(p.Links, l)
		return nil
	})
	if err != nil {
		return "Not added: " + userWords(v.w.ses.Portfolio, strings.TrimPrefix(err.Error(), "invalid portfolio: "))
	}
	v.graph.selectLink(linkIndex(v.w.ses.Portfolio, l))
	v.showMoved(before)
	return ""
}

// showMoved says what the last link change did to the values: the
// engine's Impact of the edit (the session's), or, where the session has
// none, the comparison with the valuation before.
func (v *linksView) showMoved(before *portfolio.Valuation) {
	var text string
	switch ses := v.w.ses; {
	case ses.Pending():
		text = "the portfolio is still being valued; the values follow."
	case ses.Impact != nil:
		text = linkImpactText(ses.Impact, v.w.formatter())
	default:
		text = whatMoved(before, ses.Valuation, v.w.prefs)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) > 4 {
		lines = append(lines[:4], fmt.Sprintf("… and %d more", len(lines)-4))
	}
	v.moved.SetText("What moved: " + strings.Join(lines, "\n"))
	v.moved.Show()
}

// linkImpactText is impactText with what a link change moves besides
// values: an initiative that stops (or starts) counting in the portfolio
// value, as an excluded alternative does, and the portfolio total then.
func linkImpactText(im *portfolio.Impact, f format.Formatter) string {
	var lines []string
	if text := impactText(im, f); text != "Nothing moved." {
		lines = append(lines, text)
	} else if math.Abs(im.Change()) >= 0.5 {
		lines = append(lines, fmt.Sprintf("Portfolio %s → %s (%s)", f.Money(im.TotalBefore), f.Money(im.TotalAfter), f.Signed(im.Change())))
	}
	for _, m := range im.Moved {
		if m.Added || m.Removed || m.Before.Counted == m.After.Counted {
			continue
		}
		if m.After.Counted {
			lines = append(lines, fmt.Sprintf("%s counts in the portfolio value again", m.Name))
		} else {
			lines = append(lines, fmt.Sprintf("%s no longer counts in the portfolio value (excluded, or counted in another's follow-on)", m.Name))
		}
	}
	if len(lines) == 0 {
		return "Nothing moved."
	}
	return strings.Join(lines, "\n")
}

// onGraphSelect shows the link selected on the graph (-1: none) and
// enables its Delete link button.
func (v *linksView) onGraphSelect(i int) {
	links := v.w.ses.Portfolio.Links
	if i < 0 || i >= len(links) {
		v.selected.SetText(linksHint)
		v.del.Disable()
		return
	}
	v.selected.SetText("Selected: " + v.linkText(links[i]) + "  (Delete removes it)")
	v.del.Enable()
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

// linksHint says how to use the graph while no link is selected.
const linksHint = "Drag box to box: link · tap a line: select"

// linkChooser is the small pop-up that asks which kind of link a drag from
// one initiative to another makes.
type linkChooser struct {
	pop      *widget.PopUp
	from, to *model.Initiative
	kinds    map[model.LinkKind]*widget.Button
	corr     *appEntry
	err      *widget.Label
}

// showChooser asks for the kind of the link from one initiative to the
// other (ids from the graph).
func (v *linksView) showChooser(fromID, toID string) {
	p := v.w.ses.Portfolio
	from, to := p.Initiative(fromID), p.Initiative(toID)
	if from == nil || to == nil {
		return
	}
	if v.chooser != nil {
		v.chooser.pop.Hide()
	}
	ch := &linkChooser{from: from, to: to, kinds: map[model.LinkKind]*widget.Button{}, corr: newAppEntry(), err: errorLabel()}
	ch.corr.SetPlaceHolder("ρ in [-1, 1], for synergy (Enter)")
	ch.corr.OnSubmitted = func(string) { v.choose(model.LinkSynergy) }
	grid := container.NewGridWithColumns(2)
	for _, k := range model.LinkKinds {
		b := widget.NewButton(string(k), func() { v.choose(k) })
		ch.kinds[k] = b
		grid.Add(b)
	}
	title := widget.NewLabelWithStyle(fmt.Sprintf("Link %s to %s as:", from.Name, to.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	cancel := widget.NewButton("Cancel", v.closeChooser)
	body := container.NewVBox(title, grid, ch.corr, ch.err, container.NewHBox(layout.NewSpacer(), cancel))
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(380, 0))
	ch.pop = widget.NewModalPopUp(container.NewStack(width, body), v.w.win.Canvas())
	v.chooser = ch
	ch.pop.Show()
	v.w.escapeCloses(v.closeChooser) // Escape: Cancel
}

// choose adds the chooser's link with kind k, or says in the chooser why
// not (it stays open).
func (v *linksView) choose(k model.LinkKind) {
	ch := v.chooser
	if ch == nil {
		return
	}
	if msg := v.addLink(ch.from, ch.to, k, ch.corr.Text); msg != "" {
		setError(ch.err, msg)
		ch.pop.Resize(ch.pop.Content.MinSize()) // room for the message
		return
	}
	v.closeChooser()
}

func (v *linksView) closeChooser() {
	if v.chooser != nil {
		v.chooser.pop.Hide()
		v.chooser = nil
	}
}

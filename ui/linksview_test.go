package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
)

// linkRows returns the links list's rows as drawn now.
func linkRows(t *testing.T, v *linksView) []*fyne.Container {
	t.Helper()
	var rows []*fyne.Container
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
			if _, ok := c.Objects[0].(*widget.Label); ok {
				if _, ok := c.Objects[1].(*widget.Button); ok {
					rows = append(rows, c)
					return
				}
			}
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(v.list)
	return rows
}

func TestLinksViewKeepsItsWidgets(t *testing.T) {
	win, ses := newTestWindow(t)
	if err := win.ShowView("links"); err != nil {
		t.Fatal(err)
	}
	v := win.shown["links"].(*linksView)
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
	if err := ses.Apply("Rename", func(p *model.Portfolio) error {
		p.Initiative(id).Name = "Renamed pilot"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
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
	if err := win.ShowView("links"); err != nil {
		t.Fatal(err)
	}
	v := win.shown["links"].(*linksView)
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

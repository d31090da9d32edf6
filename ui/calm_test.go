package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
)

// inspectFirst opens the sample in a test window and selects its first
// initiative, returning the window, the session and the initiative's id.
func inspectFirst(t *testing.T) (*Window, *Session, string) {
	t.Helper()
	win, ses := newTestWindow(t)
	id := ses.Portfolio.Initiatives[0].ID
	ses.Select(id)
	return win, ses, id
}

// The inspector's assumption rows are reused when the draft reloads after
// a save: the field the user tabs into is not rebuilt under the focus.
func TestInspectorListRowsSurviveASave(t *testing.T) {
	win, ses, id := inspectFirst(t)
	in := win.insp
	in.onAddAssumption()
	in.onAddAssumption()
	n := len(ses.Portfolio.Initiative(id).Assumptions)
	if n < 2 || len(in.lists.assumptions) < n {
		t.Fatalf("%d assumptions saved, %d rows", n, len(in.lists.assumptions))
	}
	first, second := in.lists.assumptions[0].entries[0], in.lists.assumptions[1].entries[0]
	c := win.win.Canvas()
	c.Focus(first)
	first.SetText("")
	test.Type(first, "Churn rate")
	c.Focus(second) // leaving the first field saves it
	if got := ses.Portfolio.Initiative(id).Assumptions[0].Name; got != "Churn rate" {
		t.Fatalf("assumption 0 saved as %q", got)
	}
	if in.lists.assumptions[0].entries[0] != first || in.lists.assumptions[1].entries[0] != second {
		t.Fatal("the assumption rows were rebuilt by the save")
	}
	if c.Focused() != second {
		t.Fatalf("focus moved to %T", c.Focused())
	}
	if got := len(in.assumptions.Objects); got != n {
		t.Fatalf("%d rows shown, want %d", got, n)
	}
	// Deleting one shows one row less, the others unchanged.
	test.Tap(in.lists.assumptions[1].del)
	if got := len(in.assumptions.Objects); got != n-1 || in.assumptions.Objects[0] != in.lists.assumptions[0].box {
		t.Fatalf("after delete %d rows shown, want %d", got, n-1)
	}
}

// The window never asks for more room than it has: at 1024x700 the
// content's minimum size fits after selecting an initiative and after
// opening each view (a larger minimum makes the window grow itself).
func TestWindowKeepsItsSize(t *testing.T) {
	win, ses := newTestWindow(t)
	size := fyne.NewSize(1024, 700)
	win.win.Resize(size)
	content := win.win.Content()
	check := func(what string) {
		t.Helper()
		if m := content.MinSize(); m.Width > size.Width || m.Height > size.Height {
			t.Errorf("after %s the content needs %.0fx%.0f, more than the window's %.0fx%.0f", what, m.Width, m.Height, size.Width, size.Height)
		}
		if got := win.win.Canvas().Size(); got != size {
			t.Errorf("after %s the window is %.0fx%.0f", what, got.Width, got.Height)
		}
	}
	check("start-up")
	ses.Select(ses.Portfolio.Initiatives[0].ID)
	check("selecting an initiative")
	for _, v := range views {
		if err := win.ShowView(v.name); err != nil {
			t.Fatal(err)
		}
		check("opening " + v.name)
	}
}

// The "cannot open" window (a second instance) has a sane size and says
// its message once: in the dialog, not also as the window's content.
func TestFatalWindowIsSmallAndSaysItOnce(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Option Space")
	msg := strings.Repeat("this portfolio database is open in another Option Space window (/some/long/path/optionspace.db) ", 4)
	showFatal(a, w, errors.New(msg), nil)
	if m := w.Content().MinSize(); m.Height > 360 || m.Width > 640 {
		t.Fatalf("the window's content needs %.0fx%.0f", m.Width, m.Height)
	}
	if got := w.Canvas().Size(); got.Height > 400 || got.Width > 700 {
		t.Fatalf("the window is %.0fx%.0f", got.Width, got.Height)
	}
	if strings.Contains(labelTexts(w.Content()), "another Option Space window") {
		t.Fatal("the window's content repeats the dialog's message")
	}
	box := messageBox(msg)
	if m := box.MinSize(); m.Height > 200 || m.Width > 560 {
		t.Fatalf("the message box needs %.0fx%.0f", m.Width, m.Height)
	}
	if !strings.Contains(labelTexts(box), "another Option Space window") {
		t.Fatal("the message box does not hold the message")
	}
}

// labelTexts joins the text of every label under o.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	walkRendered(o, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
			return false
		}
		return true
	})
	return b.String()
}

// The last view, the selection and the split proportions come back on the
// next start.
func TestWindowRestoresItsState(t *testing.T) {
	win, ses := newTestWindow(t)
	id := ses.Portfolio.Initiatives[2].ID
	ses.Select(id)
	if err := win.ShowView("drivers"); err != nil {
		t.Fatal(err)
	}
	win.splitList.Offset, win.splitRight.Offset = 0.31, 0.55
	win.rememberState() // as the app does when it stops

	ses.Selected = ""
	w2 := win.app.NewWindow("again")
	again := NewWindow(win.app, w2, ses)
	w2.SetContent(again.Content())
	if got := views[again.tabs.SelectedIndex()].name; got != "drivers" {
		t.Fatalf("restored view %q, want drivers", got)
	}
	if ses.Selected != id {
		t.Fatalf("restored selection %q, want %q", ses.Selected, id)
	}
	if again.splitList.Offset != 0.31 || again.splitRight.Offset != 0.55 {
		t.Fatalf("restored splits %.2f, %.2f", again.splitList.Offset, again.splitRight.Offset)
	}
}

// Decide… keeps its dialog open, with what was typed, when the decision is
// refused, and closes once it is recorded.
func TestDecideKeepsTheDialogOnAnError(t *testing.T) {
	win, ses, _ := inspectFirst(t)
	n := len(ses.Portfolio.Decisions)
	win.insp.onRecordDecision()
	f := win.insp.decision
	f.who.SetText("Strategy board")
	test.Tap(f.record) // no rationale: refused
	if !f.msg.Visible() || !strings.Contains(f.msg.Text, "rationale") {
		t.Fatalf("no inline message: %q", f.msg.Text)
	}
	if win.win.Canvas().Overlays().Top() == nil {
		t.Fatal("the dialog closed on a validation error")
	}
	if f.who.Text != "Strategy board" || len(ses.Portfolio.Decisions) != n {
		t.Fatalf("typed text lost (%q) or a decision saved", f.who.Text)
	}
	f.rationale.SetText("the pilot met its targets")
	test.Tap(f.record)
	if len(ses.Portfolio.Decisions) != n+1 {
		t.Fatal("the decision was not recorded")
	}
	if win.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stayed open after recording")
	}
}

// Help's Markdown tables are drawn as tables (fyne 2.8 RichText), not as
// lines of pipes.
func TestHelpRendersTables(t *testing.T) {
	test.NewTempApp(t)
	rt := widget.NewRichTextFromMarkdown(helpText)
	tables := 0
	for _, s := range rt.Segments {
		if _, ok := s.(*widget.TableSegment); ok {
			tables++
		}
		if tx, ok := s.(*widget.TextSegment); ok && strings.HasPrefix(strings.TrimSpace(tx.Text), "|") {
			t.Errorf("raw table row in help: %q", tx.Text)
		}
	}
	if want := strings.Count(helpText, "|---|"); tables != want || want == 0 {
		t.Fatalf("%d tables rendered, help has %d", tables, want)
	}
}

// Dates: the as-of field shows ISO like the status bar, takes a typed ISO
// date and the locale's numeric format, refuses other text with a hint,
// and the status bar warns when the as-of date is far from today.
func TestDatesOneFormat(t *testing.T) {
	win, ses := newTestWindow(t)
	asOf := win.bar.asOf
	if got, want := asOf.Text, ses.Portfolio.AsOf.Format("2006-01-02"); got != want {
		t.Fatalf("as-of field shows %q, want %q", got, want)
	}
	if !strings.Contains(win.status.Text, "as of "+asOf.Text) {
		t.Fatalf("status %q does not show the as-of date as the field does (%q)", win.status.Text, asOf.Text)
	}
	asOf.SetText("")
	test.Type(asOf, "2026-11-15")
	if got := ses.Portfolio.AsOf.Format("2006-01-02"); got != "2026-11-15" {
		t.Fatalf("typed ISO date saved as %s", got)
	}
	d, err := parseUserDate(time.Date(2027, 7, 4, 0, 0, 0, 0, time.UTC).Format(localeDateLayout()))
	if err != nil || d.Format("2006-01-02") != "2027-07-04" {
		t.Fatalf("locale date: %v %v", d, err)
	}
	if _, err := parseUserDate("next tuesday"); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Fatalf("bad date: %v", err)
	}
	today := model.Today()
	if w := asOfWarning(today, today); w != "" {
		t.Fatalf("warning for today: %q", w)
	}
	if w := asOfWarning(model.NewDate(today.Year()+1, today.Month(), today.Day()), today); !strings.Contains(w, "after today") {
		t.Fatalf("no warning a year ahead: %q", w)
	}
	if !strings.Contains(win.status.Text, "⚠") == (asOfWarning(ses.Portfolio.AsOf, today) != "") {
		t.Fatalf("status %q and warning disagree", win.status.Text)
	}
}

// The inspector puts the form before the results, and an error in a
// collapsed section opens it.
func TestInspectorFormFirstAndErrorsInSight(t *testing.T) {
	win, _, _ := inspectFirst(t)
	in := win.insp
	idx := func(o fyne.CanvasObject) int {
		for i, c := range in.body.Objects {
			if c == o {
				return i
			}
		}
		return -1
	}
	if a, b := idx(in.kindParams), idx(in.results); a < 0 || b < 0 || a > b {
		t.Fatalf("form section at %d, results at %d: want the form first", a, b)
	}
	if in.kindParams.Items[0].Open {
		t.Fatal("kind parameters open without an error")
	}
	in.salvage.SetText("-5")
	in.onFieldChanged()
	if !in.errs["salvage"].Visible() {
		t.Skip("a negative salvage is accepted by the model")
	}
	if !in.kindParams.Items[0].Open {
		t.Fatal("the section holding the salvage error stayed closed")
	}
}

// Names too wide for the list lose their middle, not their end, and the
// full name shows in the status line on hover.
func TestMiddleTruncationAndHover(t *testing.T) {
	win, _ := newTestWindow(t)
	fits := func(n int) func(string) bool { return func(s string) bool { return len([]rune(s)) <= n } }
	if got := fitMiddle("Customer community rollout phase 2", fits(20)); got != "Customer c…t phase 2" || len([]rune(got)) != 20 {
		t.Fatalf("fitMiddle: %q", got)
	}
	if got := fitMiddle("short", fits(20)); got != "short" {
		t.Fatalf("fitMiddle of a short name: %q", got)
	}
	l := newMiddleLabel()
	l.onHover = win.hoverText
	full := "Customer community rollout in the north-east region phase 2"
	l.SetFull(full)
	l.Resize(fyne.NewSize(160, 36))
	if l.Text == full || !strings.HasSuffix(l.Text, "phase 2") || !strings.HasPrefix(l.Text, "Cust") || !strings.Contains(l.Text, "…") {
		t.Fatalf("narrow label shows %q", l.Text)
	}
	l.Resize(fyne.NewSize(1200, 36))
	if l.Text != full {
		t.Fatalf("wide label shows %q", l.Text)
	}
	l.MouseIn(nil)
	if !strings.Contains(win.status.Text, full) {
		t.Fatalf("hover: status %q", win.status.Text)
	}
	l.MouseOut()
	if strings.Contains(win.status.Text, full) {
		t.Fatalf("after hover: status %q", win.status.Text)
	}
}

// The list's search highlights on the map: bubbles that do not match fade
// (no label), the matching ones stay.
func TestSearchHighlightsOnTheMap(t *testing.T) {
	win, _ := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	test.Type(win.list.search, "community")
	pts, _ := sv.points()
	if lit := checkLit(t, "search", pts, mentions("community")); lit == 0 || lit == len(pts) {
		t.Fatalf("%d dim, %d highlighted", len(pts)-lit, lit)
	}
	win.list.search.SetText("")
	pts, _ = sv.points()
	checkLit(t, "no search", pts, everyPoint)
}

// Enter in the snapshot (and rename, duplicate) name field submits it.
func TestEnterSubmitsTheNameDialog(t *testing.T) {
	win, _ := newTestWindow(t)
	got := ""
	win.bar.askName("Take snapshot", "Take", "Review", func(s string) error { got = s; return nil })
	e, ok := win.win.Canvas().Focused().(*appEntry) // the app's: Escape cancels
	if !ok {
		t.Fatalf("focus on %T", win.win.Canvas().Focused())
	}
	e.SetText("Review Q4")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "Review Q4" {
		t.Fatalf("Enter submitted %q", got)
	}
	if win.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stayed open after Enter")
	}
}

// A name field that opens filled in ("Review 2026-12-06", "New portfolio
// 2") has its text selected, so that what the user types replaces it, as in
// every desktop name dialog; it was appended ("Q3 board reviewReview
// 2026-12-06" in the real window). Enter takes the text as it is.
func TestNameDialogTypingReplacesTheSuggestion(t *testing.T) {
	win, _ := newTestWindow(t)
	got := ""
	win.bar.askName("Take snapshot", "Take", "Review 2026-12-06", func(s string) error { got = s; return nil })
	e, ok := win.win.Canvas().Focused().(*appEntry)
	if !ok {
		t.Fatalf("focus on %T", win.win.Canvas().Focused())
	}
	test.Type(e, "Q3 board review")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "Q3 board review" {
		t.Fatalf("typing over the suggestion gave %q, want %q", got, "Q3 board review")
	}
	win.bar.askName("Take snapshot", "Take", "Review 2026-12-06", func(s string) error { got = s; return nil })
	win.win.Canvas().Focused().(*appEntry).TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "Review 2026-12-06" {
		t.Fatalf("Enter on the suggestion gave %q", got)
	}
	win.bar.onNew()
	e, ok = win.win.Canvas().Focused().(*appEntry)
	if !ok {
		t.Fatalf("New portfolio: focus on %T", win.win.Canvas().Focused())
	}
	test.Type(e, "Plan B")
	if e.Text != "Plan B" {
		t.Fatalf("New portfolio name %q after typing, want %q", e.Text, "Plan B")
	}
}

// The tour is a bar above the views, not a modal dialog, and each step
// points at its widget: the list's search gets the focus, then the
// inspector's name field; Done hides the bar and remembers the tour.
func TestTourPointsAtRealWidgets(t *testing.T) {
	win, _ := newTestWindow(t)
	c := win.win.Canvas()
	win.showTour()
	if !win.tour.Visible() || c.Overlays().Top() != nil {
		t.Fatal("the tour is not an inline bar")
	}
	var next *widget.Button
	for _, b := range findButtons(win.tour) {
		if b.Text == "Next" {
			next = b
		}
	}
	if next == nil {
		t.Fatal("no Next button")
	}
	test.Tap(next)
	if c.Focused() != win.list.search {
		t.Fatalf("step 2 focuses %T, want the list's search", c.Focused())
	}
	test.Tap(next)
	test.Tap(next)
	if c.Focused() != win.insp.name {
		t.Fatalf("step 4 focuses %T, want the inspector's name", c.Focused())
	}
	test.Tap(next)
	if views[win.tabs.SelectedIndex()].name != "invest" {
		t.Fatal("step 5 does not show Invest / wait")
	}
	test.Tap(next) // Done
	if win.tour.Visible() || !win.app.Preferences().Bool(prefToured) {
		t.Fatal("Done did not end the tour")
	}
}

// findButtons returns the buttons under o.
func findButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	walkRendered(o, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b)
			return false
		}
		return true
	})
	return out
}

// The map's filter fades every bubble outside the chosen layer or region.
func TestMapFilterByLayerAndRegion(t *testing.T) {
	win, ses := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	tag := ses.Portfolio.Tags[0]
	sv.filter.SetSelected(filterLayer + tag)
	pts, _ := sv.points()
	if checkLit(t, "layer filter "+tag, pts, func(p chart.SpacePoint) bool { return p.Tag == tag }) == 0 {
		t.Fatal("nothing left by the layer filter")
	}
	g := pts[0].Region
	sv.filter.SetSelected(regionFilter(g))
	pts, _ = sv.points()
	checkLit(t, fmt.Sprintf("region filter %d", g), pts, func(p chart.SpacePoint) bool { return p.Region == g })
	// By status: an initiative whose deadline comes within 90 days stays
	// lit, the others fade.
	soon := ses.Portfolio.Initiatives[1]
	if err := ses.Apply("Deadline soon", func(p *model.Portfolio) error {
		p.Initiative(soon.ID).Deadline = p.AsOf.AddMonths(2)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sv.filter.SetSelected(filterDeadlineSoon)
	pts, _ = sv.points()
	if lit := checkLit(t, "status filter", pts, func(p chart.SpacePoint) bool { return p.ID == soon.ID }); lit != 1 {
		t.Fatalf("status filter lit %d bubbles, want the one due", lit)
	}
	sv.filter.SetSelected(filterAll)
	pts, _ = sv.points()
	checkLit(t, "no filter", pts, everyPoint)
}

// Model messages reach the user with names, not ids.
func TestUserWordsNamesNotIds(t *testing.T) {
	_, ses := newTestWindow(t)
	in := ses.Portfolio.Initiatives[0]
	msg := `links[6]: links "` + in.ID + `" to itself`
	got := userWords(ses.Portfolio, msg)
	if strings.Contains(got, in.ID+`"`) || strings.Contains(got, "links[6]") || !strings.Contains(got, in.Name) {
		t.Fatalf("userWords(%q) = %q", msg, got)
	}
}

// History lists snapshots with the day they were taken, and after two
// snapshots of the same as-of date it says why there is no chart yet
// instead of asking for snapshots.
func TestHistoryShowsSnapshotDates(t *testing.T) {
	win, ses := newTestWindow(t)
	if err := win.ShowView("history"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"Review A", "Review B"} {
		if err := ses.TakeSnapshot(l); err != nil {
			t.Fatal(err)
		}
	}
	v := win.shown["history"].(*historyView)
	want := "Review A · " + model.Today().String()
	if !contains(v.from.Options, want) {
		t.Fatalf("options %q lack %q", v.from.Options, want)
	}
	if m := v.pane.msg.Text; strings.Contains(m, "Take a snapshot at each review") {
		t.Fatalf("after two snapshots the chart still asks for snapshots: %q", m)
	}
	if _, err := v.valuationOf(want); err != nil {
		t.Fatalf("the dated option does not find its snapshot: %v", err)
	}
}

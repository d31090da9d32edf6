package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
)

// TestUndoOfTheLastPortfolioShowsTheEmptyState: undoing the creation of
// the database's only portfolio, once confirmed, shows the empty state
// (no error dialog): the panes are covered by "No portfolio: New…,
// Import…, or Ctrl+Shift+Z to redo", nothing is selected, the status line
// says so and an edit is refused. Redo brings the portfolio back with all
// its initiatives. Before, the window kept the gone portfolio on screen,
// editable, under an "Error: The database holds no portfolio" dialog.
func TestUndoOfTheLastPortfolioShowsTheEmptyState(t *testing.T) {
	ses := newTestSession(t)
	win := mountWindow(test.NewTempApp(t), ses, "", preferredWindowSize)
	name, n := ses.Portfolio.Name, len(ses.Portfolio.Initiatives)
	ses.Select(ses.Portfolio.Initiatives[0].ID)
	overlays := func() int { return len(win.win.Canvas().Overlays().List()) }
	win.Undo()
	if win.pendingConfirm == nil {
		t.Fatal("the undo of the only portfolio's creation did not ask")
	}
	before := overlays() - 1 // without the question
	win.pendingConfirm.Confirm()
	if got := overlays(); got != before {
		t.Errorf("after the confirmed undo %d dialogs are open, want %d (an error was shown?)", got, before)
	}
	if names, _ := ses.Names(); len(names) != 0 {
		t.Fatalf("the database still holds %v", names)
	}
	if !ses.NoPortfolio() {
		t.Fatal("the session does not know it has no portfolio")
	}
	if len(ses.Portfolio.Initiatives) != 0 || ses.Selected != "" {
		t.Errorf("the window still shows %d initiatives, %q selected", len(ses.Portfolio.Initiatives), ses.Selected)
	}
	if win.insp.body.Visible() {
		t.Error("the inspector's form is still shown")
	}
	if r := len(win.list.rows); r != 0 {
		t.Errorf("the list shows %d rows", r)
	}
	if !win.none.root.Visible() {
		t.Error("the empty state is not shown")
	}
	if s := win.status.Text; !strings.Contains(s, "No portfolio") || strings.Contains(s, "initiatives") {
		t.Errorf("status line %q", s)
	}
	// The bar keeps nothing of the portfolio that is gone: no name in the
	// picker, and its actions on the portfolio disabled (New, Import and
	// Redo stay).
	if win.bar.pick.Selected != "" {
		t.Errorf("the bar's picker still shows %q", win.bar.pick.Selected)
	}
	for _, d := range win.bar.forPortfolio {
		if !d.Disabled() {
			t.Errorf("%T enabled with no portfolio", d)
		}
	}
	if win.bar.redo.Disabled() {
		t.Error("Redo disabled in the empty state")
	}
	// Their shortcuts open nothing and say why.
	for _, f := range []func(){win.onExportReport, win.bar.onExport, win.bar.onSnapshot, win.bar.onMore} {
		f()
		if got := overlays(); got != before {
			t.Errorf("an action on the portfolio opened a dialog with no portfolio (%d overlays)", got)
		}
		if !strings.Contains(win.status.Text, "No portfolio") {
			t.Errorf("status line %q", win.status.Text)
		}
	}
	err := ses.Apply("edit", func(p *model.Portfolio) error { return nil })
	if !errors.Is(err, errNoPortfolio) {
		t.Errorf("an edit with no portfolio: %v", err)
	}
	win.Redo()
	if ses.NoPortfolio() || ses.Portfolio.Name != name || len(ses.Portfolio.Initiatives) != n {
		t.Fatalf("after Redo: no portfolio %v, %q with %d initiatives, want %q with %d",
			ses.NoPortfolio(), ses.Portfolio.Name, len(ses.Portfolio.Initiatives), name, n)
	}
	if win.none.root.Visible() {
		t.Error("the empty state still covers the panes after Redo")
	}
	if win.bar.pick.Selected != name {
		t.Errorf("after Redo the picker shows %q, want %q", win.bar.pick.Selected, name)
	}
	for _, d := range win.bar.forPortfolio {
		if d.Disabled() {
			t.Errorf("%T still disabled after Redo", d)
		}
	}
	if s := win.status.Text; !strings.Contains(s, name) {
		t.Errorf("status line after Redo %q", s)
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
)

// TestReloadKeepsTheTyping: while S holds typing not yet saved (450000,
// no Enter), someone else changes the same initiative's S to 430000 and
// the window reloads. The field keeps the typing and the note under the
// form says the value changed meanwhile; Enter then saves the typing over
// theirs, and Ctrl+Z (typing undo) would show theirs. Before, the reload
// put their value in the field and the typing vanished without a word.
// The form's own save still shows the saved value.
func TestReloadKeepsTheTyping(t *testing.T) {
	win, ses := newTestWindow(t)
	id := ses.Portfolio.Initiatives[0].ID
	ses.Select(id)
	s := win.insp.s
	win.win.Canvas().Focus(s)
	s.SetText("")
	test.Type(s, "450000")
	name := ses.Portfolio.Name
	if _, err := ses.Store().Apply(name, "Set S by someone else", func(p *model.Portfolio) error {
		p.Initiative(id).S = model.Number(430000)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := ses.reload(); err != nil {
		t.Fatal(err)
	}
	if got := quantityText(ses.Portfolio.Initiative(id).S); got != "430000" {
		t.Fatalf("the session did not reload their change: S %s", got)
	}
	if s.Text != "450000" {
		t.Fatalf("after the reload the S field reads %q, want the typing 450000 kept", s.Text)
	}
	if !strings.Contains(win.insp.saved.Text, "Changed meanwhile") {
		t.Errorf("note %q: want it to say the value changed meanwhile", win.insp.saved.Text)
	}
	submit(s)
	if got := quantityText(ses.Portfolio.Initiative(id).S); got != "450000" {
		t.Errorf("Enter saved S %s, want the typing 450000", got)
	}
	if s.Text != "450000" || !strings.Contains(win.insp.saved.Text, "Saved") {
		t.Errorf("after the save the field reads %q, note %q", s.Text, win.insp.saved.Text)
	}
}

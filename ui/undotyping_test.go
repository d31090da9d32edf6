package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestCtrlZUndoesTheTypingFirst: Ctrl+Z in an inspector field holding
// unsaved typing (S: "999" typed, no Enter) puts the field back to its
// saved value and says so, without undoing anything saved; the second
// Ctrl+Z undoes the portfolio's last action. Before, the first Ctrl+Z
// undid the last saved action and the typing was silently lost.
func TestCtrlZUndoesTheTypingFirst(t *testing.T) {
	win, ses := newTestWindow(t)
	first, other := ses.Portfolio.Initiatives[0], ses.Portfolio.Initiatives[1]
	before := other.Name
	rename(t, ses, other.ID, "Renamed by the test")
	ses.Select(first.ID)
	s := win.insp.s
	saved := s.Text
	win.win.Canvas().Focus(s)
	test.Type(s, "999")
	if s.Text == saved {
		t.Fatal("typing did not change the field")
	}
	press(win, fyne.KeyZ, fyne.KeyModifierControl)
	if s.Text != saved {
		t.Errorf("after Ctrl+Z the S field reads %q, want its saved %q", s.Text, saved)
	}
	if got := ses.Portfolio.Initiative(other.ID).Name; got != "Renamed by the test" {
		t.Errorf("the first Ctrl+Z undid the saved rename too (name %q)", got)
	}
	if st := win.status.Text; !strings.Contains(st, "Undid your typing") || !strings.Contains(st, "Rename") {
		t.Errorf("status %q does not say the typing was undone and what Ctrl+Z undoes next", st)
	}
	if got := quantityText(ses.Portfolio.Initiative(first.ID).S); got != saved {
		t.Error("the typing was saved")
	}
	press(win, fyne.KeyZ, fyne.KeyModifierControl)
	if got := ses.Portfolio.Initiative(other.ID).Name; got != before {
		t.Errorf("the second Ctrl+Z did not undo the rename: name %q, want %q", got, before)
	}
	if !strings.Contains(win.status.Text, "Undid: Rename") {
		t.Errorf("status after the second Ctrl+Z %q", win.status.Text)
	}
}

package ui

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
)

// countingBackend counts the reads of the undo label and the actions.
type countingBackend struct {
	storage.Backend
	canUndo, applies int
}

func (c *countingBackend) Apply(name, label string, edit func(p *model.Portfolio) error) (*model.Portfolio, error) {
	c.applies++
	return c.Backend.Apply(name, label, edit)
}

// countedSession opens the sample on a countingBackend.
func countedSession(t *testing.T) (*Session, *countingBackend) {
	t.Helper()
	cb := &countingBackend{Backend: newTestSession(t).Store()}
	ses, err := NewSessionOn(cb, "")
	if err != nil {
		t.Fatal(err)
	}
	return ses, cb
}

func (c *countingBackend) CanUndo() (string, bool) {
	c.canUndo++
	return c.Backend.CanUndo()
}

// TestCanUndoIsReadOncePerChange: the status line's "last: …" comes from
// the store, read again after every save and undo, but not on a preview
// (a driver being dragged re-draws the status line at every tick).
func TestCanUndoIsReadOncePerChange(t *testing.T) {
	ses, cb := countedSession(t)
	win := windowOn(t, ses)
	check := func(what string) {
		t.Helper()
		label, ok := ses.CanUndo()
		wl, wok := cb.Backend.CanUndo()
		if label != wl || ok != wok {
			t.Fatalf("%s: CanUndo %q %v, the store says %q %v", what, label, ok, wl, wok)
		}
	}
	check("opened")
	setDriverSaved(t, ses, "members", 150000)
	check("after a save")
	reads := cb.canUndo
	for range 5 {
		ses.Preview(ses.Saved(), ses.Valuation)
	}
	if cb.canUndo != reads {
		t.Errorf("5 previews read the undo label %d more times, want 0", cb.canUndo-reads)
	}
	if got := win.status.Text; !strings.Contains(got, "last: Set members") {
		t.Errorf("status %q: want the last action", got)
	}
	if _, err := ses.Undo(); err != nil {
		t.Fatal(err)
	}
	check("after an undo")
	if cb.canUndo == reads {
		t.Error("an undo did not read the undo label again")
	}
}

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
	canUndo, canRedo, applies int
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

func (c *countingBackend) CanRedo() (string, bool) {
	c.canRedo++
	return c.Backend.CanRedo()
}

// TestUndoButtonsReadTheStoreOncePerChange: the bar's Undo and Redo (the
// buttons and the menu items) and the status line share the session's
// cached labels, so opening the window and each change read the newest
// undo and redo action once each (every read decodes whole portfolios:
// about 0.2 s at 10,000 initiatives, three times before the first frame
// when each read its own), and the buttons still follow the store.
func TestUndoButtonsReadTheStoreOncePerChange(t *testing.T) {
	ses, cb := countedSession(t)
	win := windowOn(t, ses)
	if cb.canUndo != 1 || cb.canRedo != 1 {
		t.Errorf("opening the window read CanUndo %d and CanRedo %d times, want 1 and 1", cb.canUndo, cb.canRedo)
	}
	// buttons checks the bar against the store and returns what the
	// store says.
	buttons := func(what string) (undo, redo bool) {
		t.Helper()
		_, undo = cb.Backend.CanUndo()
		_, redo = cb.Backend.CanRedo()
		if got := !win.bar.undo.Disabled(); got != undo {
			t.Errorf("%s: Undo enabled %v, the store says %v", what, got, undo)
		}
		if got := !win.bar.redo.Disabled(); got != redo {
			t.Errorf("%s: Redo enabled %v, the store says %v", what, got, redo)
		}
		if got := !win.bar.undoItem.Disabled; got != undo {
			t.Errorf("%s: the Undo menu item enabled %v, the store says %v", what, got, undo)
		}
		if got := !win.bar.redoItem.Disabled; got != redo {
			t.Errorf("%s: the Redo menu item enabled %v, the store says %v", what, got, redo)
		}
		return undo, redo
	}
	if _, redo := buttons("opened"); redo {
		t.Fatal("a new session has something to redo")
	}
	u, r := cb.canUndo, cb.canRedo
	setDriverSaved(t, ses, "members", 150000)
	if cb.canUndo-u != 1 || cb.canRedo-r != 1 {
		t.Errorf("a save read CanUndo %d and CanRedo %d times, want 1 and 1", cb.canUndo-u, cb.canRedo-r)
	}
	if undo, redo := buttons("after a save"); !undo || redo {
		t.Fatalf("after a save the store says undo %v redo %v, want true false", undo, redo)
	}
	if _, err := ses.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, redo := buttons("after an undo"); !redo {
		t.Fatal("after an undo the store has nothing to redo")
	}
	if _, err := ses.Redo(); err != nil {
		t.Fatal(err)
	}
	if undo, redo := buttons("after a redo"); !undo || redo {
		t.Fatalf("after a redo the store says undo %v redo %v, want true false", undo, redo)
	}
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

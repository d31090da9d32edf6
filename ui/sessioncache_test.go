package ui

import (
	"bytes"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
)

// countingBackend counts the reads of the undo label.
type countingBackend struct {
	storage.Backend
	canUndo int
}

func (c *countingBackend) CanUndo() (string, bool) {
	c.canUndo++
	return c.Backend.CanUndo()
}

// TestCanUndoIsReadOncePerChange: the status line's "last: …" comes from
// the store, read again after every save and undo, but not on a preview
// (a driver being dragged re-draws the status line at every tick).
func TestCanUndoIsReadOncePerChange(t *testing.T) {
	a := test.NewTempApp(t)
	s, err := store.Open(filepath.Join(t.TempDir(), "undo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Seed(p); err != nil {
		t.Fatal(err)
	}
	cb := &countingBackend{Backend: storage.File{Store: s}}
	ses, err := NewSessionOn(cb, "")
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("undo")
	win := NewWindow(a, w, ses)
	w.SetContent(win.Content())
	check := func(what string) {
		t.Helper()
		label, ok := ses.CanUndo()
		wl, wok := s.CanUndo()
		if label != wl || ok != wok {
			t.Fatalf("%s: CanUndo %q %v, the store says %q %v", what, label, ok, wl, wok)
		}
	}
	check("opened")
	if err := ses.Apply("Set members", func(p *model.Portfolio) error {
		p.Driver("members").Value = 150000
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	check("after a save")
	reads := cb.canUndo
	for range 5 {
		ses.Preview(ses.Saved(), ses.Valuation)
	}
	if cb.canUndo != reads {
		t.Errorf("5 previews read the undo label %d more times, want 0", cb.canUndo-reads)
	}
	if got := win.status.Text; !bytes.Contains([]byte(got), []byte("last: Set members")) {
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

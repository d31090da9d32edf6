package ui

import (
	"strings"
	"testing"
)

// After an undo the inspector no longer says "Saved · Ctrl+Z to undo":
// it names what was undone and how to redo it; after the redo, what was
// redone and how to undo it (the tester's D-list: the old note stayed).
func TestInspectorNoteFollowsUndoAndRedo(t *testing.T) {
	win, ses := newTestWindow(t)
	ses.Select("crm-connector")
	name := ses.Portfolio.Initiative("crm-connector").Name
	retype(win.insp.x, "1M")
	submit(win.insp.x)
	if got := win.insp.saved.Text; got != "Saved · Ctrl+Z to undo" {
		t.Fatalf("after the edit the note says %q", got)
	}
	win.Undo()
	if got := ses.Portfolio.Initiative("crm-connector").X.Value; got != 1.38e6 {
		t.Fatalf("X %g after the undo, want the sample's 1380000", got)
	}
	want := historyNote("Undid", "Edit "+name, "Ctrl+Shift+Z to redo")
	if got := win.insp.saved.Text; got != want || strings.Contains(got, "Saved") {
		t.Fatalf("after the undo the note says %q, want %q", got, want)
	}
	win.Redo()
	if got := ses.Portfolio.Initiative("crm-connector").X.Value; got != 1e6 {
		t.Fatalf("X %g after the redo, want 1000000", got)
	}
	want = historyNote("Redid", "Edit "+name, "Ctrl+Z to undo")
	if got := win.insp.saved.Text; got != want {
		t.Fatalf("after the redo the note says %q, want %q", got, want)
	}
}

func TestHistoryNoteCutsLongLabels(t *testing.T) {
	if got, want := historyNote("Undid", "Edit Pilot", "Ctrl+Shift+Z to redo"), "Undid: Edit Pilot · Ctrl+Shift+Z to redo"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
	long := "Edit " + strings.Repeat("é", 100)
	got := historyNote("Redid", long, "Ctrl+Z to undo")
	want := "Redid: Edit " + strings.Repeat("é", historyNoteLabel-6) + "… · Ctrl+Z to undo"
	if got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// The inspector's assumption rows are reused when the draft reloads after
// a save: the field the user tabs into is not rebuilt under the focus.
func TestInspectorListRowsSurviveASave(t *testing.T) {
	win, ses := newTestWindow(t)
	id := ses.Portfolio.Initiatives[0].ID
	ses.Select(id)
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

package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
)

// Every field of an assumption row and of a risk row saves into its own
// model field, the select too, and the rows show the saved items back.
func TestInspectorListFieldsSave(t *testing.T) {
	win, ses, id := inspectFirst(t)
	in := win.insp
	in.onAddAssumption()
	in.onAddRisk()
	c := win.win.Canvas()
	typeAndLeave := func(e *commitEntry, text string) {
		t.Helper()
		c.Focus(e)
		e.SetText("")
		test.Type(e, text)
		c.Unfocus() // leaving the field saves it
	}
	na := len(ses.Portfolio.Initiative(id).Assumptions)
	a := in.lists.assumptions[na-1]
	typeAndLeave(a.entries[0], "Churn")
	typeAndLeave(a.entries[1], "4%")
	typeAndLeave(a.entries[2], "CRM export")
	a.sel.SetSelected("high")
	nr := len(ses.Portfolio.Initiative(id).Risks)
	r := in.lists.risks[nr-1]
	typeAndLeave(r.entries[0], "Vendor exits")
	typeAndLeave(r.entries[1], "Escrow")
	r.sel.SetSelected("mitigated")

	got := ses.Portfolio.Initiative(id)
	if want := (model.Assumption{Name: "Churn", Value: "4%", Source: "CRM export", Confidence: "high"}); got.Assumptions[na-1] != want {
		t.Errorf("assumption saved as %+v, want %+v", got.Assumptions[na-1], want)
	}
	if want := (model.Risk{Description: "Vendor exits", Mitigation: "Escrow", Status: "mitigated"}); got.Risks[nr-1] != want {
		t.Errorf("risk saved as %+v, want %+v", got.Risks[nr-1], want)
	}
	// The rows read the saved items back (after the reload the save made).
	for k, want := range []string{"Churn", "4%", "CRM export"} {
		if a.entries[k].Text != want {
			t.Errorf("assumption entry %d reads %q, want %q", k, a.entries[k].Text, want)
		}
	}
	if r.entries[0].Text != "Vendor exits" || r.entries[1].Text != "Escrow" || r.sel.Selected != "mitigated" {
		t.Errorf("risk row reads %q, %q, %q", r.entries[0].Text, r.entries[1].Text, r.sel.Selected)
	}
	// Deleting the risk removes it and no other.
	test.Tap(r.del)
	if n := len(ses.Portfolio.Initiative(id).Risks); n != nr-1 {
		t.Errorf("%d risks after delete, want %d", n, nr-1)
	}
}

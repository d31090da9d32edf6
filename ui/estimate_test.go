package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// The Estimate section runs the cash-flow estimate off the UI goroutine,
// shows S and both σ, and "Use these" writes S and σ with provenance as one
// undoable action that also logs the change in the learning log.
func TestEstimateSectionUseThese(t *testing.T) {
	w, _ := newTestWindow(t)
	if err := w.SelectByName("Knowledge base from community answers"); err != nil {
		t.Fatal(err)
	}
	e := w.insp.estimate
	if !e.body.Visible() {
		t.Fatal("the Estimate section is hidden for an initiative with a cash-flow model")
	}
	if !strings.Contains(e.origin.Text, "S typed") || !strings.Contains(e.origin.Text, "σ typed") {
		t.Errorf("origin %q", e.origin.Text)
	}
	e.paths.SetText("2000")
	test.Tap(e.run)
	deadline := time.Now().Add(20 * time.Second)
	for e.use.Disabled() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if e.use.Disabled() {
		t.Fatalf("no result: %q", e.summary.Text)
	}
	if !strings.Contains(e.summary.Text, "σ naive") || len(e.table.Objects) != 1 {
		t.Errorf("summary %q", e.summary.Text)
	}
	res := e.result
	before := len(w.ses.Portfolio.Learning)
	test.Tap(e.use)
	in := w.ses.Portfolio.Initiative(e.id)
	if in.S.Value != res.S || in.Sigma.Value != res.Sigma || in.Estimate == nil || in.Estimate.Paths != 2000 {
		t.Fatalf("S %v σ %v provenance %+v; want %v, %v", in.S, in.Sigma, in.Estimate, res.S, res.Sigma)
	}
	if !strings.Contains(in.InputOrigin("sigma"), "estimated") || !strings.Contains(e.origin.Text, "σ estimated") {
		t.Errorf("origin %q", e.origin.Text)
	}
	if got := len(w.ses.Portfolio.Learning); got != before+1 {
		t.Fatalf("learning entries %d, want %d", got, before+1)
	}
	l := w.ses.Portfolio.Learning[before]
	if len(l.Changes) != 2 || l.Changes[0].Input != "S" || l.Changes[0].Before != "1.5e+06" && l.Changes[0].Before != "1500000" {
		t.Errorf("learning changes %+v", l.Changes)
	}
	// One undo restores the typed numbers.
	if _, err := w.ses.Undo(); err != nil {
		t.Fatal(err)
	}
	in = w.ses.Portfolio.Initiative(e.id)
	if math.Abs(in.S.Value-1.5e6) > 0 || in.Estimate != nil {
		t.Errorf("after undo S %v provenance %+v", in.S, in.Estimate)
	}
}

func TestEstimateSectionWithoutModel(t *testing.T) {
	w, _ := newTestWindow(t)
	if err := w.SelectByName("Retailer review syndication (abandon option)"); err != nil {
		t.Fatal(err)
	}
	if w.insp.estimate.body.Visible() || !w.insp.estimate.noModel.Visible() {
		t.Error("the estimate controls show for an initiative without a cash-flow model")
	}
}

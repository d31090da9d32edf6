package report

import (
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestTriggerRowShowsExerciseBand: for a defer initiative with r < q < 0
// (two exercise boundaries) an initiative page's Trigger row shows the
// band between valuation.Trigger and FarTrigger, as the inspector does,
// not the lower boundary alone as if investing paid at any S above it.
func TestTriggerRowShowsExerciseBand(t *testing.T) {
	p := modeltest.Sample(t)
	rate := -0.05
	i := -1
	for k := range p.Initiatives {
		if p.Initiatives[k].Kind == "defer" {
			i = k
			break
		}
	}
	if i < 0 {
		t.Fatal("no defer initiative in the sample")
	}
	p.Initiatives[i].Rate, p.Initiatives[i].Leakage = &rate, -0.01
	v, err := portfolio.Evaluate(p, portfolio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &v.Initiatives[i]
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	in := valuation.Inputs{X: r.X, T: r.T, Sigma: r.Sigma, R: r.R, Q: r.Q}
	lo, err1 := valuation.Trigger(in)
	hi, err2 := valuation.FarTrigger(valuation.Call, in)
	if err1 != nil || err2 != nil || !(hi > lo) {
		t.Fatalf("band %g to %g (%v, %v)", lo, hi, err1, err2)
	}
	want := formatMoney(lo, p.Currency) + " to " + formatMoney(hi, p.Currency)
	found := false
	for _, kv := range numberPairs(p.Initiative(r.ID), r, p.Currency, passedMarks{r.DeadlinePassed, r.StageDeadlinePassed}) {
		if kv[0] == "Trigger" {
			found = true
			if kv[1] != want {
				t.Errorf("Trigger %q, want the band %q", kv[1], want)
			}
		}
	}
	if !found {
		t.Error("no Trigger row")
	}
}

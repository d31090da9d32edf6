package report

import (
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestTriggerRowShowsExerciseBand: for a defer initiative with r < q < 0
// (two exercise boundaries) an initiative page's Trigger row shows the
// band between valuation.Trigger and FarTrigger, as the inspector does,
// not the lower boundary alone as if investing paid at any S above it.
func TestTriggerRowShowsExerciseBand(t *testing.T) {
	p := modeltest.Sample(t)
	r, lo, hi := portfoliotest.TwoBoundaryDefer(t, p)
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

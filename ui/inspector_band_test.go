package ui

import (
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestInspectorShowsExerciseBand: for a defer initiative with r < q < 0
// (two exercise boundaries) the inspector's "Trigger S*" row shows the
// band between the engine's Trigger and FarTrigger, not the lower
// boundary alone as if investing paid at any S above it.
func TestInspectorShowsExerciseBand(t *testing.T) {
	p := modeltest.Sample(t)
	r, lo, hi := portfoliotest.TwoBoundaryDefer(t, p)
	m := func(x float64) string { return format.MoneyFull(x, p.Currency) }
	found := false
	for _, kv := range resultsRows(r, p, m) {
		if kv[0] == "Trigger S*" {
			found = true
			if !strings.HasPrefix(kv[1], m(lo)+" to "+m(hi)) {
				t.Errorf("Trigger S* %q, want the band %s to %s", kv[1], m(lo), m(hi))
			}
		}
	}
	if !found {
		t.Error("no Trigger S* row")
	}
}

package ui

import (
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestInspectorTriggerOfTriggersLeftForLater: the inspector's "Trigger S*"
// row shows the trigger the valuation left for later (the region does not
// depend on it), valuation.Trigger's or PutTrigger's own number, never the
// unset Position.Trigger.
func TestInspectorTriggerOfTriggersLeftForLater(t *testing.T) {
	p := modeltest.Sample(t)
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	m := func(x float64) string { return format.MoneyFull(x, p.Currency) }
	portfoliotest.TriggersLeftForLater(t, v, func(_ int, r *portfolio.InitiativeResult, want float64) bool {
		if m(want) == m(0) {
			return false
		}
		for _, kv := range resultsRows(r, p, m) {
			if kv[0] == "Trigger S*" && kv[1] != m(want) {
				t.Errorf("%s: Trigger S* %q, want %q", r.Name, kv[1], m(want))
			}
		}
		return true
	})
}

package report

import (
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestTriggerRowOfTriggersLeftForLater: an initiative page's Trigger row
// shows the trigger the valuation left for later (the region does not
// depend on it), valuation.Trigger's or PutTrigger's own number, never
// the unset Position.Trigger ("none").
func TestTriggerRowOfTriggersLeftForLater(t *testing.T) {
	p := modeltest.Sample(t)
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	portfoliotest.TriggersLeftForLater(t, v, func(_ int, r *portfolio.InitiativeResult, want float64) bool {
		text := triggerText(r.Position.PutLike, want, p.Currency)
		if text == triggerText(r.Position.PutLike, 0, p.Currency) {
			return false // none either way
		}
		for _, kv := range numberPairs(p.Initiative(r.ID), r, p.Currency, passedMarks{r.DeadlinePassed, r.StageDeadlinePassed}) {
			if kv[0] == "Trigger" && kv[1] != text {
				t.Errorf("%s: Trigger %q, want %q", r.Name, kv[1], text)
			}
		}
		return true
	})
}

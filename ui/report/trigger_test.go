package report

import (
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
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
	later := 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		o, ok := r.Option()
		if r.Err != nil || !ok || r.Position.HasTrigger() {
			continue
		}
		tin := o.Inputs
		tin.X = r.Position.Cost
		want, err := valuation.DefaultTrigger(r.Position.PutLike, tin)
		if err != nil {
			t.Fatal(err)
		}
		text := triggerText(r.Position.PutLike, want, p.Currency)
		if text == triggerText(r.Position.PutLike, 0, p.Currency) {
			continue // none either way
		}
		later++
		for _, kv := range numberPairs(p.Initiative(r.ID), r, p.Currency) {
			if kv[0] == "Trigger" && kv[1] != text {
				t.Errorf("%s: Trigger %q, want %q", r.Name, kv[1], text)
			}
		}
	}
	if later == 0 {
		t.Fatal("no initiative of the sample has a trigger left for later")
	}
}

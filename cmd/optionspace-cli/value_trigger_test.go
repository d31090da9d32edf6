package main

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/optionspace/optionspace/valuation/portfolio"
	"github.com/optionspace/optionspace/valuation/portfolio/portfoliotest"
)

// TestValueShowsTriggersLeftForLater: `value --format json` gives every
// initiative's trigger, also those the valuation left for later (their
// region does not depend on it): each is valuation.Trigger's or
// PutTrigger's own number at the position's cost, never the unset 0.
func TestValueShowsTriggersLeftForLater(t *testing.T) {
	in := chartSampleFile(t)
	_, v := evaluateFile(t, in)
	var j struct {
		Initiatives []map[string]any `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", in, "--format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	portfoliotest.TriggersLeftForLater(t, v, func(i int, r *portfolio.InitiativeResult, want float64) bool {
		if math.IsInf(want, 0) || want == 0 {
			return false
		}
		if got, _ := j.Initiatives[i]["trigger"].(float64); got != want {
			t.Errorf("%s: trigger %v, want %v", r.Name, j.Initiatives[i]["trigger"], want)
		}
		return true
	})
}

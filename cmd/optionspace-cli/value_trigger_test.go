package main

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/optionspace/optionspace/valuation"
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
		if math.IsInf(want, 0) || want == 0 {
			continue
		}
		later++
		if got, _ := j.Initiatives[i]["trigger"].(float64); got != want {
			t.Errorf("%s: trigger %v, want %v", r.Name, j.Initiatives[i]["trigger"], want)
		}
	}
	if later == 0 {
		t.Fatal("no initiative of the sample has a finite trigger left for later")
	}
}

package pgstore

import (
	"encoding/json"
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestMetaConflictNamesTheDriver: a conflict on the settings row names the
// driver someone else changed (the one the refused action changed too
// first), and falls back to "the portfolio settings" when no driver moved.
func TestMetaConflictNamesTheDriver(t *testing.T) {
	meta := func(vals map[string]float64, rate float64) []byte {
		p := model.Portfolio{Name: "p", Settings: model.Settings{RiskFree: rate}}
		for _, n := range []string{"members", "price", "churn"} {
			if v, ok := vals[n]; ok {
				p.Drivers = append(p.Drivers, model.Driver{Name: n, Value: v, Low: 0, High: 100})
			}
		}
		b, err := json.Marshal(&p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := meta(map[string]float64{"members": 1, "price": 2, "churn": 3}, 0.03)
	for _, c := range []struct {
		name         string
		theirs, ours []byte
		want         string
	}{
		{"same driver", meta(map[string]float64{"members": 1, "price": 5, "churn": 3}, 0.03), meta(map[string]float64{"members": 1, "price": 7, "churn": 3}, 0.03), "driver price"},
		{"another driver", meta(map[string]float64{"members": 1, "price": 2, "churn": 9}, 0.03), meta(map[string]float64{"members": 4, "price": 2, "churn": 3}, 0.03), "driver churn"},
		{"ours first", meta(map[string]float64{"members": 8, "price": 5, "churn": 3}, 0.03), meta(map[string]float64{"members": 1, "price": 7, "churn": 3}, 0.03), "driver price"},
		{"two of theirs", meta(map[string]float64{"members": 8, "price": 5, "churn": 3}, 0.03), meta(map[string]float64{"members": 1, "price": 2, "churn": 4}, 0.03), "drivers members, price"},
		{"removed", meta(map[string]float64{"members": 1, "churn": 3}, 0.03), before, "driver price"},
		{"no driver moved", meta(map[string]float64{"members": 1, "price": 2, "churn": 3}, 0.04), meta(map[string]float64{"members": 1, "price": 6, "churn": 3}, 0.03), "the portfolio settings"},
		{"unreadable", []byte("{"), before, "the portfolio settings"},
	} {
		if got := metaConflict(before, c.theirs, c.ours); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

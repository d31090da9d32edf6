package portfolio

import (
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
)

// TestValueOnlyMatchesFullPricing: a valuation prices values alone; over
// random portfolios (every kind, with and without leakage) each
// initiative's value and method equal exactly those of
// valuation.RealOption.Value on its pricing input (the full pricing with
// Greeks), and InitiativeResult.Greeks returns that pricing's Greeks.
func TestValueOnlyMatchesFullPricing(t *testing.T) {
	seen := map[valuation.Kind]int{}
	for seed := range uint64(6) {
		p := modeltest.Random(rand.New(rand.NewPCG(seed, 19)), 40)
		v, err := Evaluate(p, Options{WithLinks: true})
		if err != nil {
			continue // a random cycle of gates
		}
		for i := range v.Initiatives {
			r := &v.Initiatives[i]
			o, ok := r.Option()
			if !ok || r.Err != nil {
				continue
			}
			full, err := o.Value()
			if err != nil {
				t.Fatalf("%s: %v", r.Name, err)
			}
			seen[o.Kind]++
			if r.Position.Value != full.Value || r.Position.Method != full.Method {
				t.Errorf("%s (%s): value-only %v by %q, full pricing %v by %q", r.Name, o.Kind, r.Position.Value, r.Position.Method, full.Value, full.Method)
			}
			if g := r.Greeks(); g != full.Greeks {
				t.Errorf("%s (%s): Greeks() %+v, full pricing %+v", r.Name, o.Kind, g, full.Greeks)
			}
		}
	}
	for _, k := range []valuation.Kind{valuation.Defer, valuation.Expand, valuation.Contract, valuation.Abandon, valuation.Choose, valuation.Staged} {
		if seen[k] == 0 {
			t.Errorf("no %s option in the random portfolios", k)
		}
	}
}

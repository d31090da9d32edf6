package portfolio

import (
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
)

// TestValueAloneIsTheValueWithGreeks: the value-only path the engine and
// the simulation price with (RealOption.Price with ValueAlone: one exercise
// boundary, a lattice rolled back without its bumps) gives exactly the value
// and method of the path with Greeks (valuation.RealOption.Value and the
// full lattice), two separate pieces of code, for the options of random
// portfolios of every kind, with the default method and with a step count.
func TestValueAloneIsTheValueWithGreeks(t *testing.T) {
	n := 0
	for seed := uint64(1); seed <= 6; seed++ {
		p := modeltest.Random(rand.New(rand.NewPCG(seed, 23)), 40)
		v, err := Evaluate(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range v.Initiatives {
			o, ok := v.Initiatives[i].Option()
			if !ok {
				continue
			}
			for _, steps := range []int{0, 50, 51} {
				g, gerr := o.Price(steps, valuation.WithGreeks)
				a, aerr := o.Price(steps, valuation.ValueAlone)
				if (gerr != nil) != (aerr != nil) {
					t.Fatalf("%s %s, %d steps: errors %v / %v", o.Kind, v.Initiatives[i].Name, steps, gerr, aerr)
				}
				if gerr != nil {
					continue
				}
				if a.Value != g.Value || a.Method != g.Method {
					t.Fatalf("%s %s, %d steps: with Greeks %g %q, value alone %g %q", o.Kind, v.Initiatives[i].Name, steps, g.Value, g.Method, a.Value, a.Method)
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d options compared", n)
	}
}

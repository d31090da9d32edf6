package portfolio

import (
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
)

// TestEnginePricingIsRealOptionPrice: the engine's pricing (priceOption
// with Greeks, priceValue alone, which the simulation uses too) gives exactly
// what the one entry point valuation.RealOption.Price gives, for the
// options of random portfolios of every kind, with the default method and
// with a step count.
func TestEnginePricingIsRealOptionPrice(t *testing.T) {
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
				po, perr := priceOption(o, steps)
				pv, pm, verr := priceValue(o, steps)
				if (gerr != nil) != (perr != nil) || (aerr != nil) != (verr != nil) {
					t.Fatalf("%s %s, %d steps: errors %v %v / %v %v", o.Kind, v.Initiatives[i].Name, steps, gerr, perr, aerr, verr)
				}
				if gerr != nil || aerr != nil {
					continue
				}
				if g != po || a.Value != pv || a.Method != pm {
					t.Fatalf("%s %s, %d steps: Price %+v / %g %q; engine %+v / %g %q", o.Kind, v.Initiatives[i].Name, steps, g, a.Value, a.Method, po, pv, pm)
				}
				n++
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d options compared", n)
	}
}

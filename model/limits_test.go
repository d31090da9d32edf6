package model_test

import (
	"math"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestValidatedInputsPrice: whatever validation accepts at the edges of
// its limits, the engine prices without an input error (the engine is the
// reference: valuation.Inputs.Validate and RealOption.Validate), in both
// discounting conventions.
func TestValidatedInputsPrice(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	for _, d := range []valuation.Discounting{valuation.Discrete, valuation.Continuous} {
		lo, hi := model.RateRange(d)
		for _, r := range []float64{lo, hi, 0} {
			p := model.NewSCRMTemplate("Edges", asOf)
			p.Settings.Discounting, p.Settings.RiskFree = d, r
			far := model.NewDate(2125, time.December, 1) // 99.9 years
			p.Initiatives = []model.Initiative{
				{ID: "s", Name: "Staged", Tag: "community", Kind: model.KindStaged, Status: model.StatusOpen,
					S: model.Number(100), X: model.Number(100), StageCost: valuation.MaxAmount - 100, StageDeadline: model.NewDate(2026, time.June, 1),
					Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1), Leakage: 0.02},
				{ID: "e", Name: "Expand", Tag: "community", Kind: model.KindExpand, Status: model.StatusOpen,
					S: model.Number(1e9), X: model.Number(100), ExpandFactor: 1e6,
					Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1), Leakage: 0.02},
				{ID: "f", Name: "Far", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
					S: model.Number(100), X: model.Number(100), Sigma: model.Number(1.99), Deadline: far, Leakage: -1},
				{ID: "c", Name: "Choose", Tag: "community", Kind: model.KindChoose, Status: model.StatusOpen,
					S: model.Number(100), X: model.Number(100), ExpandFactor: 1e6, ContractFactor: 1, Salvage: valuation.MaxAmount,
					Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1), Leakage: 1},
			}
			p.Links, p.Drivers, p.Decisions, p.Learning, p.Snapshots = nil, nil, nil, nil, nil
			if err := p.Validate(); err != nil {
				t.Fatalf("%v r=%g: %v", d, r, err)
			}
			v, err := portfolio.Evaluate(p, portfolio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range v.Initiatives {
				if in.Err != nil || math.IsNaN(in.Position.Value) {
					t.Errorf("%v r=%g %s: validated but not priced: %v", d, r, in.Name, in.Err)
				}
			}
		}
	}
}

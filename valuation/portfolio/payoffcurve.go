package portfolio

import "github.com/optionspace/optionspace/valuation"

// placeCurve is place for a choose option (whose value does not depend
// on the step count) valued with its payoff curve over payoff's spots
// (valuation.RealOption.ValueOnlyCurve: ValueOnly's value).
func placeCurve(o valuation.RealOption, th valuation.Thresholds, payoff func(valuation.RealOption) (lo, hi float64)) (valuation.Position, *valuation.PayoffCurve, error) {
	lo, hi := payoff(o)
	v, method, pc, err := o.ValueOnlyCurve(lo, hi)
	if err != nil {
		return valuation.Position{}, nil, err
	}
	p, err := valuation.Locate(o, v, th, cachedTrigger)
	if err != nil {
		return valuation.Position{}, nil, err
	}
	p.Method = method
	return p, pc, nil
}

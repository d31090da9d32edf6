package portfolio

import (
	"github.com/expr-lang/expr/vm"

	"github.com/optionspace/optionspace/model"
)

// Inputs resolves the inputs of p's initiatives as Evaluate does (formulas
// evaluated over the drivers, T from the as-of date, R continuously
// compounded, the deadline flags) without pricing them: a front end shows
// them while the valuation runs. Each result's Position, FollowOn,
// WithFollowOns, ExcludedBy and CountedIn are zero; an initiative whose
// formula cannot be evaluated has its Err. The results are in p's order;
// nil when p is nil.
func Inputs(p *model.Portfolio) []InitiativeResult {
	if p == nil {
		return nil
	}
	e := &evaluator{p: p, asOf: p.AsOf, env: driverEnv(p.Drivers), progs: map[string]*vm.Program{}}
	out := make([]InitiativeResult, len(p.Initiatives))
	for i := range p.Initiatives {
		out[i] = e.resolve(i)
		out[i].opt = nil
	}
	return out
}

package portfolio

import (
	"math"
	"sync/atomic"

	"github.com/optionspace/optionspace/valuation"
)

// DefaultSteps is the lattice step count used when Options.Steps is 0.
const DefaultSteps = valuation.DefaultSteps

// priceOption values o with its Greeks through the one pricing entry
// point, valuation.RealOption.Price: the default method (steps 0), or
// steps Leisen-Reimer steps for the plain American kinds by choice.
func priceOption(o valuation.RealOption, steps int) (valuation.Result, error) {
	return o.Price(steps, valuation.WithGreeks)
}

// triggerKey is everything a trigger depends on: it does not depend on S.
type triggerKey struct {
	put               bool
	x, t, sigma, r, q float64
}

// triggerCache memoises valuation.Trigger and valuation.PutTrigger, which
// do not depend on S (valuation also caches the exercise boundaries), so
// that a revaluation after a change of S (the usual driver change) reuses
// them. It is emptied when it reaches maxTriggers entries.
var triggerCache = newMemo[triggerKey, float64](maxTriggers)

const maxTriggers = 1 << 16

// triggersComputed counts the triggers cachedTrigger computed (not found in
// its cache), for the tests and benchmarks of what a valuation solves.
var triggersComputed atomic.Int64

func cachedTrigger(put bool, in valuation.Inputs) (float64, error) {
	k := triggerKey{put, in.X, in.T, in.Sigma, in.R, in.Q}
	if v, ok := triggerCache.get(k); ok {
		return v, nil
	}
	triggersComputed.Add(1)
	v, err := valuation.DefaultTrigger(put, in)
	if err != nil {
		return 0, err
	}
	triggerCache.put(k, v)
	return v, nil
}

// place values o (its value alone: see priceValue) and places it in the
// option space exactly as valuation.Place does (same metrics, trigger and
// RegionOf rules), honouring the step count and taking triggers from the
// cache. Like valuation.Locate it computes the trigger only where the
// region rule reads it (NPVq > 1 and NPV > 0); InitiativeResult.Trigger
// gives it elsewhere, on demand.
func place(o valuation.RealOption, th valuation.Thresholds, steps int) (valuation.Position, error) {
	v, method, err := priceValue(o, steps)
	if err != nil {
		return valuation.Position{}, err
	}
	p, err := valuation.Locate(o, v, th, cachedTrigger)
	if err != nil {
		return valuation.Position{}, err
	}
	p.Method = method
	return p, nil
}

// priceValue returns priceOption's value and method without the Greeks
// (RealOption.Price with ValueAlone: one exercise boundary instead of
// four, a staged option without its two delta valuations, a lattice
// rolled back without its bumps).
func priceValue(o valuation.RealOption, steps int) (float64, string, error) {
	res, err := o.Price(steps, valuation.ValueAlone)
	return res.Value, res.Method, err
}

// positionFor places o, whose value is value, with valuation.Locate and
// the cached triggers, its trigger always computed: the simulation
// classifies the position again at other values of S, where the region
// rule may read it.
func positionFor(o valuation.RealOption, value float64, th valuation.Thresholds) (valuation.Position, error) {
	p, err := valuation.Locate(o, value, th, cachedTrigger)
	if err != nil {
		return p, err
	}
	return p.WithTrigger(o.Inputs, cachedTrigger)
}

// Trigger returns the initiative's early-exercise trigger, the number
// valuation.Position.Trigger documents (S* for call-like kinds, S** for
// put-like ones): Position.Trigger when the valuation computed it for the
// region rule, else computed now from the option's inputs through the
// engine's trigger cache (so a second call, or a later valuation, costs a
// look-up). It is 0, as the rest of Position, when the initiative could
// not be valued, and NaN when its trigger cannot be computed. Front ends
// show this, never Position.Trigger, which a valuation leaves unset where
// the region does not depend on it.
func (r *InitiativeResult) Trigger() float64 {
	if r.Err != nil || r.opt == nil {
		return 0
	}
	v, err := r.Position.TriggerOf(r.opt.Inputs, cachedTrigger)
	if err != nil {
		return math.NaN()
	}
	return v
}

// ExerciseBand returns the interval of the underlying in which exercising
// the initiative now beats waiting, valuation.Position.ExerciseBand of its
// position with its triggers (computed now, as Trigger does, where the
// valuation left them unset): [S*, +Inf) for a call-like kind with one
// boundary, [S*, far] with two (r < q < 0), [0, S**] or [far, S**] for
// put-like kinds. ok is false when there is no trigger, the initiative
// could not be valued or its trigger cannot be computed. Front ends show
// this beside Trigger so that a second boundary is never hidden.
func (r *InitiativeResult) ExerciseBand() (lo, hi float64, ok bool) {
	p, ok := r.triggered()
	if !ok {
		return 0, 0, false
	}
	return p.ExerciseBand()
}

// TwoBoundaryBand is ExerciseBand where the initiative has two exercise
// boundaries (valuation.Position.TwoBoundaryBand): ok is false with one
// or none. The inspector and the report show such a band "LOW to HIGH".
func (r *InitiativeResult) TwoBoundaryBand() (lo, hi float64, ok bool) {
	p, ok := r.triggered()
	if !ok {
		return 0, 0, false
	}
	return p.TwoBoundaryBand()
}

// triggered is the initiative's position with its triggers (computed now
// where the valuation left them unset), ok false when it could not be
// valued or its trigger cannot be computed.
func (r *InitiativeResult) triggered() (valuation.Position, bool) {
	if r.Err != nil || r.opt == nil {
		return valuation.Position{}, false
	}
	p, err := r.Position.WithTrigger(r.opt.Inputs, cachedTrigger)
	return p, err == nil
}

package portfolio

import (
	"sync"

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
// them. It is cleared when it grows beyond maxTriggers entries.
var triggerCache = struct {
	sync.Mutex
	m map[triggerKey]float64
}{m: map[triggerKey]float64{}}

const maxTriggers = 1 << 16

func cachedTrigger(put bool, in valuation.Inputs) (float64, error) {
	k := triggerKey{put, in.X, in.T, in.Sigma, in.R, in.Q}
	triggerCache.Lock()
	v, ok := triggerCache.m[k]
	triggerCache.Unlock()
	if ok {
		return v, nil
	}
	var err error
	if put {
		v, err = valuation.PutTrigger(in)
	} else {
		v, err = valuation.Trigger(in)
	}
	if err != nil {
		return 0, err
	}
	triggerCache.Lock()
	if len(triggerCache.m) >= maxTriggers {
		clear(triggerCache.m)
	}
	triggerCache.m[k] = v
	triggerCache.Unlock()
	return v, nil
}

// place values o (its value alone: see priceValue) and places it in the
// option space exactly as valuation.Place does (same metrics, trigger and
// RegionOf rules), honouring the step count and taking triggers from the
// cache.
func place(o valuation.RealOption, th valuation.Thresholds, steps int) (valuation.Position, error) {
	v, method, err := priceValue(o, steps)
	if err != nil {
		return valuation.Position{}, err
	}
	p, err := positionFor(o, v, th)
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
// the cached triggers.
func positionFor(o valuation.RealOption, value float64, th valuation.Thresholds) (valuation.Position, error) {
	return valuation.Locate(o, value, th, cachedTrigger)
}

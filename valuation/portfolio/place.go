package portfolio

import (
	"fmt"
	"math"
	"sync"

	"github.com/optionspace/optionspace/valuation"
)

// DefaultSteps is the lattice step count used when Options.Steps is 0.
const DefaultSteps = valuation.DefaultSteps

// priceOption values o like valuation.RealOption.Value, but with steps
// Leisen-Reimer steps for the kinds priced on a plain lattice (defer,
// expand, contract, abandon with early exercise). Choose and staged use
// valuation's own method (DefaultSteps and CompoundSteps).
func priceOption(o valuation.RealOption, steps int) (valuation.Result, error) {
	if steps <= 0 || steps == valuation.DefaultSteps || o.Kind == valuation.Choose || o.Kind == valuation.Staged {
		return o.Value()
	}
	if err := o.Validate(); err != nil {
		return valuation.Result{}, err
	}
	in := o.Inputs
	typ, scale := valuation.Call, 1.0
	switch o.Kind {
	case valuation.Expand:
		scale = o.ExpandFactor
	case valuation.Abandon:
		typ = valuation.Put
	case valuation.Contract:
		typ, scale = valuation.Put, o.ContractFactor
	}
	in.S *= scale
	var res valuation.Result
	var err error
	closed := (typ == valuation.Call && in.Q <= 0 && in.R >= 0) || (typ == valuation.Put && in.R <= 0 && in.Q >= 0)
	if closed {
		res, err = valuation.BlackScholesGreeks(typ, in)
	} else {
		res, err = valuation.LeisenReimer(typ, valuation.American, in, steps)
	}
	res.Greeks.Delta *= scale
	res.Greeks.Gamma *= scale * scale
	return res, err
}

// triggerKey is everything a trigger depends on: it does not depend on S.
type triggerKey struct {
	put               bool
	x, t, sigma, r, q float64
}

// triggerCache memoises valuation.Trigger and valuation.PutTrigger, which
// cost about 2 ms each (bisection on lattices) and do not depend on S, so
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

// place values o and places it in the option space exactly as
// valuation.Place does (same metrics, trigger and RegionOf rules), but
// prices once (returning the Greeks too), honours the step count and takes
// triggers from the cache.
func place(o valuation.RealOption, th valuation.Thresholds, steps int) (valuation.Position, valuation.Greeks, error) {
	res, err := priceOption(o, steps)
	if err != nil {
		return valuation.Position{}, valuation.Greeks{}, err
	}
	p, err := positionFor(o, res.Value, th)
	if err != nil {
		return valuation.Position{}, valuation.Greeks{}, err
	}
	p.Method = res.Method
	return p, res.Greeks, nil
}

// positionFor computes the option-space position of o whose value is
// value: the metrics of valuation.Place's documentation for its kind, the
// cached trigger, the region by valuation.RegionOf and the reason.
func positionFor(o valuation.RealOption, value float64, th valuation.Thresholds) (valuation.Position, error) {
	p := valuation.Position{Value: value, CumVol: valuation.CumulativeVolatility(o.Sigma, o.T)}
	in := o.Inputs
	kind := o.Kind
	if kind == valuation.Choose {
		kind = bestComponent(o)
	}
	var err error
	switch kind {
	case valuation.Defer, valuation.Expand, valuation.Staged:
		p.Underlying, p.Cost = in.S, in.X
		pv := in.X * math.Exp(-in.R*in.T)
		if kind == valuation.Expand {
			p.Underlying = o.ExpandFactor * in.S
		}
		if kind == valuation.Staged {
			p.Cost += o.StageCost
			pv += o.StageCost * math.Exp(-in.R*o.StageT)
		}
		if pv == 0 {
			p.NPVq = math.Inf(1)
		} else {
			p.NPVq = p.Underlying / pv
		}
		p.NPV = p.Underlying - p.Cost
		tin := in
		tin.X = p.Cost
		p.Trigger, err = cachedTrigger(false, tin)
	default: // Abandon, Contract
		p.PutLike = true
		p.Underlying, p.Cost = in.S, in.X
		if kind == valuation.Contract {
			p.Underlying = o.ContractFactor * in.S
		}
		if o.Kind == valuation.Choose {
			p.Cost = o.ContractFactor * in.X
			if kind == valuation.Abandon {
				p.Cost = o.Salvage
			}
		}
		pv := p.Cost * math.Exp(-in.R*in.T)
		if p.Underlying == 0 {
			p.NPVq = math.Inf(1)
		} else {
			p.NPVq = pv / p.Underlying
		}
		p.NPV = p.Cost - p.Underlying
		tin := in
		tin.X = p.Cost
		p.Trigger, err = cachedTrigger(true, tin)
	}
	if err != nil {
		return valuation.Position{}, err
	}
	p.CallShare = valuation.CallShare(p.NPVq, p.CumVol)
	p.Region = valuation.RegionOf(p, th)
	p.Reason = reason(p, th)
	return p, nil
}

// bestComponent mirrors valuation's choice of the component of a choose
// option that places it: the largest stand-alone value (ties: expand,
// contract, abandon).
func bestComponent(o valuation.RealOption) valuation.Kind {
	best, kind := -1.0, valuation.Expand
	for _, k := range []valuation.Kind{valuation.Expand, valuation.Contract, valuation.Abandon} {
		c := o
		c.Kind = k
		if k == valuation.Abandon {
			c.X = o.Salvage
		}
		if k == valuation.Contract {
			c.X = o.ContractFactor * o.X
		}
		if r, err := c.Value(); err == nil && r.Value > best {
			best, kind = r.Value, k
		}
	}
	return kind
}

// reason is the one-line explanation of p.Region, worded as valuation.Place
// words it.
func reason(p valuation.Position, th valuation.Thresholds) string {
	switch p.Region {
	case valuation.RegionMaybeLater, valuation.RegionProbablyNever, valuation.RegionNever:
		return fmt.Sprintf("NPVq %.3f <= 1, C/S %.1f%% (4 from %.1f%%, 5 from %.1f%%)",
			p.NPVq, 100*p.CallShare, 100*th.MaybeLater, 100*th.ProbablyNever)
	case valuation.RegionProbablyLater:
		return fmt.Sprintf("NPVq %.3f > 1 but NPV %.4g <= 0", p.NPVq, p.NPV)
	}
	trig := "trigger: none"
	if !math.IsInf(p.Trigger, 1) && !(p.PutLike && p.Trigger == 0) {
		trig = fmt.Sprintf("trigger %.4g", p.Trigger)
	}
	at := p.Underlying >= p.Trigger
	cmp := "below"
	base := p.Underlying
	if p.PutLike {
		at = p.Underlying <= p.Trigger
		cmp = "above"
		base = p.Cost
	}
	tv := math.Max(p.Value-p.NPV, 0)
	share := 0.0
	if tv > 0 {
		share = tv / base
	}
	if p.Region == valuation.RegionInvestNow {
		if at {
			return fmt.Sprintf("NPV %.4g > 0 and underlying %.4g at or beyond the %s: invest now beats waiting", p.NPV, p.Underlying, trig)
		}
		return fmt.Sprintf("NPV %.4g > 0 and time value %.2f%% <= %.2f%% (%s)", p.NPV, 100*share, 100*th.InvestNowPremium, trig)
	}
	return fmt.Sprintf("NPV %.4g > 0 but waiting is worth %.2f%% more (> %.2f%%); underlying %.4g %s the %s",
		p.NPV, 100*share, 100*th.InvestNowPremium, p.Underlying, cmp, trig)
}

package valuation

import "math"

// Place values o and places it in the option space with thresholds th.
//
// The metrics use the rate o.R as continuously compounded (convert a
// portfolio's discrete rate with Discounting.ContinuousRate first, so that
// e^{-R t} = (1+r)^{-t}). What is placed depends on the kind:
//
//   - defer: S against X.
//   - expand: the gained value e*S against X (Trigger from e*S's call).
//   - staged: S against the whole investment X + StageCost, with
//     PV = X e^{-rT} + StageCost e^{-r StageT}; the trigger is that of the
//     American call on S at X + StageCost over T.
//   - abandon, contract (put-like): mirrored metric NPVq = PV(X)/S', what
//     is received over what is given up (S' = S, or c*S for contract);
//     NPV = X - S'; the trigger is the American put's S**. For a European
//     put without leakage P/PV(X) = CallShare(PV(X)/S', sigma sqrt t)
//     exactly, so regions 4 to 6 read the same contours.
//   - choose: placed as its component (expand, contract or abandon) with
//     the largest stand-alone value; Value is still the whole choose value.
//
// Place always computes the trigger (Locate only where the region rule
// reads it). th must be valid (see Thresholds.Validate); Place returns its
// error otherwise.
func Place(o RealOption, th Thresholds) (Position, error) {
	if err := th.Validate(); err != nil {
		return Position{}, err
	}
	res, err := o.Value()
	if err != nil {
		return Position{}, err
	}
	p, err := Locate(o, res.Value, th, nil)
	if err != nil {
		return Position{}, err
	}
	p.Method = res.Method
	return p.WithTrigger(o.Inputs, nil)
}

// TriggerFunc returns the early-exercise trigger of the American call (put
// false: Trigger) or put (put true: PutTrigger) with inputs in. Callers
// that place many options may pass a memoising one to Locate: a trigger
// does not depend on S.
type TriggerFunc func(put bool, in Inputs) (float64, error)

// DefaultTrigger is the TriggerFunc of Place: Trigger or PutTrigger.
func DefaultTrigger(put bool, in Inputs) (float64, error) {
	if put {
		return PutTrigger(in)
	}
	return Trigger(in)
}

// Locate places o, already valued at value, in the option space as Place
// documents, with its trigger from trigger (DefaultTrigger when nil). It
// leaves Method empty. th is not validated.
//
// The trigger is computed only where RegionOf reads it: NPVq > 1 and
// NPV > 0, where the underlying at or beyond it means region 1. Elsewhere
// (regions 3 to 6) Trigger is left 0 and HasTrigger false: TriggerOf or
// WithTrigger compute it on demand, from the same inputs, to the same
// number. A trigger is a cache look-up for an option just valued on its
// exercise boundary, but a boundary solved for the trigger alone for a
// staged option, a lattice price or a choose component: a portfolio
// valuation does not pay for the triggers it does not use.
func Locate(o RealOption, value float64, th Thresholds, trigger TriggerFunc) (Position, error) {
	if trigger == nil {
		trigger = DefaultTrigger
	}
	p := Position{Value: value, CumVol: CumulativeVolatility(o.Sigma, o.T)}
	in := o.Inputs
	kind := o.Kind
	if kind == Choose {
		kind = o.bestComponent()
	}
	switch kind {
	case Defer, Expand, Staged:
		p.Underlying, p.Cost = in.S, in.X
		pv := in.X * math.Exp(-in.R*in.T)
		if kind == Expand {
			p.Underlying = o.ExpandFactor * in.S
		}
		if kind == Staged {
			p.Cost += o.StageCost
			pv += o.StageCost * math.Exp(-in.R*o.StageT)
		}
		if pv == 0 {
			p.NPVq = math.Inf(1)
		} else {
			p.NPVq = p.Underlying / pv
		}
		p.NPV = p.Underlying - p.Cost
	default: // Abandon, Contract
		p.PutLike = true
		p.Underlying, p.Cost = in.S, in.X
		if kind == Contract {
			p.Underlying = o.ContractFactor * in.S
		}
		if o.Kind == Choose {
			p.Cost = o.ContractFactor * in.X // contract saves c*X in a choose option
			if kind == Abandon {
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
	}
	if p.NPVq > 1 && p.NPV > 0 {
		var err error
		if p, err = p.WithTrigger(in, trigger); err != nil {
			return Position{}, err
		}
	}
	p.CallShare = CallShare(p.NPVq, p.CumVol)
	p.Region = RegionOf(p, th)
	return p, nil
}

// WithTrigger returns p with its trigger: p itself when HasTrigger, else
// p with Trigger = trigger(p.PutLike, in with X = p.Cost) (DefaultTrigger
// when trigger is nil), the American call's S* or put's S** at the cost
// the metrics use, as Place documents. in is the Inputs of the option p
// places (RealOption.Inputs); no trigger depends on in.S or in.X. Where
// the option has two exercise boundaries (a call-like kind with
// r < q < 0, a put-like one with q < r < 0) and the trigger is a band's
// edge (finite and above 0: not a closed band's +Inf or 0, nor a caller's
// 0 that asks for no trigger, as portfolio.DriftPlacesOf's does) it also
// sets FarTrigger, by FarTrigger.
func (p Position) WithTrigger(in Inputs, trigger TriggerFunc) (Position, error) {
	if p.triggerSet {
		return p, nil
	}
	if trigger == nil {
		trigger = DefaultTrigger
	}
	in.X = p.Cost
	v, err := trigger(p.PutLike, in)
	if err != nil {
		return p, err
	}
	p.Trigger, p.triggerSet = v, true
	typ := Call
	if p.PutLike {
		typ = Put
	}
	if twoBoundaries(typ, in.R, in.Q) && v > 0 && !math.IsInf(v, 1) {
		// The band's other side, from the engine.
		if p.FarTrigger, err = FarTrigger(typ, in); err != nil {
			return p, err
		}
	}
	return p, nil
}

// TriggerOf returns p's trigger: p.Trigger when HasTrigger, else computed
// as WithTrigger does (in, trigger: see there).
func (p Position) TriggerOf(in Inputs, trigger TriggerFunc) (float64, error) {
	q, err := p.WithTrigger(in, trigger)
	return q.Trigger, err
}

// HasTrigger reports whether p.Trigger was computed: always by Place and
// WithTrigger, by Locate only where RegionOf reads it (see Locate).
func (p Position) HasTrigger() bool { return p.triggerSet }

// bestComponent returns the component of a choose option with the largest
// stand-alone value (ties: expand, then contract, then abandon).
func (o RealOption) bestComponent() Kind {
	best, kind := -1.0, Expand
	for _, k := range []Kind{Expand, Contract, Abandon} {
		if v, _, err := o.component(k).ValueOnly(); err == nil && v > best {
			best, kind = v, k
		}
	}
	return kind
}

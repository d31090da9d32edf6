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
// th must be valid (see Thresholds.Validate); Place returns its error
// otherwise.
func Place(o RealOption, th Thresholds) (Position, error) {
	if err := th.Validate(); err != nil {
		return Position{}, err
	}
	res, err := o.Value()
	if err != nil {
		return Position{}, err
	}
	p := Position{Value: res.Value, Method: res.Method, CumVol: CumulativeVolatility(o.Sigma, o.T)}
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
		tin := in
		tin.X = p.Cost
		p.Trigger, err = Trigger(tin)
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
		tin := in
		tin.X = p.Cost
		p.Trigger, err = PutTrigger(tin)
	}
	if err != nil {
		return Position{}, err
	}
	p.CallShare = CallShare(p.NPVq, p.CumVol)
	p.Region = RegionOf(p, th)
	p.Reason = p.reason(th)
	return p, nil
}

// bestComponent returns the component of a choose option with the largest
// stand-alone value (ties: expand, then contract, then abandon).
func (o RealOption) bestComponent() Kind {
	best, kind := -1.0, Expand
	for _, k := range []Kind{Expand, Contract, Abandon} {
		c := o
		c.Kind = k
		if k == Abandon {
			c.X = o.Salvage
		}
		if k == Contract {
			c.X = o.ContractFactor * o.X
		}
		if r, err := c.Value(); err == nil && r.Value > best {
			best, kind = r.Value, k
		}
	}
	return kind
}

package portfolio

import (
	"fmt"
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
)

// Information is the value of resolving one driver's uncertainty.
type Information struct {
	Driver, Label string
	// Low, Mid and High are the driver's low, current and high values,
	// read as its P10, P50 and P90.
	Low, Mid, High float64
	// TotalLow, TotalMid and TotalHigh are the portfolio's value (Total)
	// with the driver at each of them.
	TotalLow, TotalMid, TotalHigh float64
	// Swing is |TotalHigh - TotalLow|: how far the portfolio value moves
	// across the driver's range.
	Swing float64
	// ExpectedChange is the expected |Total - TotalMid| when the driver is
	// resolved: 0.3 |TotalLow - TotalMid| + 0.3 |TotalHigh - TotalMid|.
	ExpectedChange float64
	// Value is the expected gain in portfolio value from resolving the
	// driver before deciding (see ValueOfInformation).
	Value float64
}

// DriverTotal is the portfolio's total (Valuation.Total) with one driver
// at its Low and at its High, the others at their values; Used is false
// for a driver no formula reads (its totals are then the base total).
type DriverTotal struct {
	Driver    string
	Low, High float64
	Used      bool
}

// DriverTotals values p once with an Engine and, for each driver in p's
// order, re-prices only the initiatives whose formulas read it with the
// driver at its low and at its high (Engine.SetDriver), then sets it back:
// the one driver sweep behind ValueOfInformation and the report's driver
// sensitivities. It returns the base total too, and an error where p has
// two drivers of one name or the Engine refuses a value (outside its
// range).
func DriverTotals(p *model.Portfolio, opt Options) (base float64, totals []DriverTotal, err error) {
	return DriverTotalsOf(p, opt, nil)
}

// DriverTotalsOf is DriverTotals for a caller that already holds p's
// valuation v (Evaluate(p, opt), or an Engine's with opt): the sweep starts
// from a copy of v instead of valuing p again, and v is left unchanged.
// Where v is nil or is not that valuation (another length or as-of date,
// an initiative whose resolved inputs, kind, status or step count differ
// from p's under opt), p is valued in full as DriverTotals does, so the
// totals are always p's under opt, bit for bit.
func DriverTotalsOf(p *model.Portfolio, opt Options, v *Valuation) (base float64, totals []DriverTotal, err error) {
	seen := make(map[string]bool, len(p.Drivers))
	for _, d := range p.Drivers {
		if seen[d.Name] {
			return 0, nil, fmt.Errorf("portfolio: driver %q appears twice: each driver is set by its name", d.Name)
		}
		seen[d.Name] = true
	}
	en, err := sweepEngine(p, opt, v)
	if err != nil {
		return 0, nil, err
	}
	base = en.Valuation().Total
	totals = make([]DriverTotal, len(p.Drivers))
	for i, d := range p.Drivers {
		t := DriverTotal{Driver: d.Name, Low: base, High: base, Used: en.e.uses[d.Name] != nil}
		if t.Used {
			for _, at := range []struct {
				v   float64
				dst *float64
			}{{d.Low, &t.Low}, {d.High, &t.High}} {
				if _, err := en.SetDriver(d.Name, at.v); err != nil {
					return 0, nil, err
				}
				*at.dst = en.Valuation().Total
			}
			if _, err := en.SetDriver(d.Name, d.Value); err != nil {
				return 0, nil, err
			}
		}
		totals[i] = t
	}
	return base, totals, nil
}

// sweepEngine returns an Engine on a copy of p valued with opt: on a copy
// of v when v is that valuation (pricedAs), else valued in full (as
// NewEngine). Adopting v re-resolves every initiative's inputs (formulas,
// no pricing) to check it, then redoes links and totals (finish), whose
// compound values the valuation memo mostly holds already.
func sweepEngine(p *model.Portfolio, opt Options, v *Valuation) (*Engine, error) {
	if v == nil {
		return NewEngine(p, opt)
	}
	if p == nil {
		return nil, fmt.Errorf("portfolio: no portfolio to value")
	}
	e, err := newEvaluator(p.Clone(), opt)
	if err != nil {
		return nil, err
	}
	if !e.pricedAs(v) {
		e.full()
		return &Engine{e: e}, nil
	}
	e.v = v.Clone()
	e.finish()
	return &Engine{e: e}, nil
}

// pricedAs reports whether v's initiatives are priced from exactly the
// inputs e resolves for its portfolio (so pricing them again would give
// v's numbers): the same as-of date and initiatives, each with the same
// ID, kind, status, deadline flags, resolved pricing input and step
// count, or the same resolution error.
func (e *evaluator) pricedAs(v *Valuation) bool {
	if v.AsOf != e.asOf || len(v.Initiatives) != len(e.p.Initiatives) || len(v.index) != len(e.p.Initiatives) {
		return false
	}
	for i := range e.p.Initiatives {
		got, want := &v.Initiatives[i], e.resolve(i)
		if got.ID != want.ID || got.Kind != want.Kind || got.Status != want.Status ||
			got.DeadlinePassed != want.DeadlinePassed || got.StageDeadlinePassed != want.StageDeadlinePassed {
			return false
		}
		if j, ok := v.index[want.ID]; !ok || j != i {
			return false
		}
		if want.Err != nil {
			if got.opt != nil || got.Err == nil || got.Err.Error() != want.Err.Error() {
				return false
			}
			continue
		}
		if got.opt == nil || *got.opt != *want.opt || got.steps != e.opt.Steps {
			return false
		}
	}
	return true
}

// ValueOfInformation ranks the drivers (those with Low < High that feed
// some formula) by how much the portfolio value would change if their
// uncertainty were resolved before deciding, by a documented three-point
// approximation (Swanson-Megill): the driver's Low, current value and High
// are taken as its P10, P50 and P90, with weights 0.3, 0.4 and 0.3, and the
// portfolio is revalued at each (Total_low, Total_mid, Total_high).
//
//	Value = 0.3 Total_low + 0.4 Total_mid + 0.3 Total_high - Total_mid
//
// is the expected gain from learning the driver first: option values are
// convex in S, so knowing where the driver lies before the decision is
// worth more than deciding on its central value (the Jensen gap of the
// portfolio value over the driver's range). It is close to zero for a
// driver that only feeds options deep in or far out of the money. Swing
// and ExpectedChange show how far the value moves. The result is sorted by
// Value, then Swing, largest first.
func ValueOfInformation(p *model.Portfolio, opt Options) ([]Information, error) {
	base, totals, err := DriverTotals(p, opt)
	if err != nil {
		return nil, err
	}
	var out []Information
	for i, d := range p.Drivers {
		if !(d.Low < d.High) || !totals[i].Used {
			continue
		}
		info := Information{Driver: d.Name, Label: d.Label, Low: d.Low, Mid: d.Value, High: d.High, TotalMid: base,
			TotalLow: totals[i].Low, TotalHigh: totals[i].High}
		info.Swing = math.Abs(info.TotalHigh - info.TotalLow)
		info.ExpectedChange = 0.3*math.Abs(info.TotalLow-info.TotalMid) + 0.3*math.Abs(info.TotalHigh-info.TotalMid)
		info.Value = 0.3*info.TotalLow + 0.4*info.TotalMid + 0.3*info.TotalHigh - info.TotalMid
		out = append(out, info)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Value != out[j].Value {
			return out[i].Value > out[j].Value
		}
		return out[i].Swing > out[j].Swing
	})
	return out, nil
}

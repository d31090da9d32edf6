package portfolio

import (
	"math"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// DriftPlace is where an initiative sits on the option space map at a
// horizon if nothing is done: a DriftPoint's date, t, NPVq and
// sigma*sqrt(t), without its value and region.
type DriftPlace struct {
	Months       int        // months after the as-of date
	AsOf         model.Date // the date
	T            float64    // time left in years (0 at or after the deadline)
	NPVq, CumVol float64
}

// DriftPlacesOf returns, by initiative ID, the places of DriftOf's rows at
// each of months (DefaultDriftMonths when empty), in order: DriftOf's
// Months, AsOf, T, NPVq and CumVol to the bit (TestDriftPlacesAreDriftOfs)
// without pricing any option at the horizons. The map's drift arrows
// need only these, which do not depend on the option value
// (valuation.Locate's metrics: S, X, r, t and sigma; a choose option's
// best component valued alone, as Locate does); DriftOf's value and
// region at each horizon are a full valuation each (a choose option's a
// 1000-step lattice). A horizon Locate cannot place is left out, as
// DriftOf leaves out one it cannot price. It is safe for concurrent use.
func DriftPlacesOf(p *model.Portfolio, v *Valuation, months ...int) map[string][]DriftPlace {
	if p == nil || v == nil {
		return nil
	}
	months, dates := driftDates(v.AsOf, months)
	th := p.Settings.Thresholds
	type job struct {
		id string
		o  []valuation.RealOption
	}
	var jobs []job
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if !usable(r) || r.opt == nil {
			continue
		}
		in := initiativeAt(p, i, r.ID)
		if in == nil {
			continue
		}
		jb := job{id: r.ID, o: make([]valuation.RealOption, len(dates))}
		for k, d := range dates {
			x := r.opt.Inputs
			x.T = math.Max(d.YearsUntil(in.Deadline), 0)
			jb.o[k] = realOption(in, x, d)
		}
		jobs = append(jobs, jb)
	}
	places := make([][]DriftPlace, len(jobs))
	// The metrics alone: the value (0) and the trigger (none asked of
	// the engine) only set the region, which is not returned.
	noTrigger := func(bool, valuation.Inputs) (float64, error) { return 0, nil }
	parallel(len(jobs), poolSize(0, len(jobs)), func(j int) {
		for k, o := range jobs[j].o {
			pos, err := valuation.Locate(o, 0, th, noTrigger)
			if err != nil {
				continue
			}
			places[j] = append(places[j], DriftPlace{Months: months[k], AsOf: dates[k], T: o.T, NPVq: pos.NPVq, CumVol: pos.CumVol})
		}
	})
	out := make(map[string][]DriftPlace, len(jobs))
	for j, jb := range jobs {
		out[jb.id] = places[j]
	}
	return out
}

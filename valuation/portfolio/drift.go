package portfolio

import (
	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// DefaultDriftMonths are the horizons of Drift when none are given.
var DefaultDriftMonths = []int{3, 6, 12}

// DriftPoint is where an initiative sits in the option space at a date.
type DriftPoint struct {
	Months int        // months after the as-of date (0: now)
	AsOf   model.Date // the date
	T      float64    // time left in years (0 at or after the deadline)
	Value  float64
	NPVq   float64
	CumVol float64
	Region valuation.Region
}

// DriftRow is one initiative's drift: where it is now and where it will be
// at each horizon if nothing is done.
type DriftRow struct {
	ID, Name string
	Now      DriftPoint
	Later    []DriftPoint // one per horizon, in the order given
	// CrossesAt is the first horizon (months) at which the initiative is in
	// another region than now; 0 when it stays.
	CrossesAt int
	// DeadlineAt is the first horizon (months) at or after its deadline;
	// 0 when the deadline is later than every horizon.
	DeadlineAt int
}

// Drift shows where each open, valued initiative will be after each of
// months (DefaultDriftMonths when empty) if nothing is done: S, X, sigma
// and the drivers stay as they are while the as-of date moves on, so t
// runs down (cumulative volatility falls) and PV(X) rises towards X
// (NPVq falls): initiatives drift up and left on the map. Each horizon is a
// full valuation with Options.AsOf moved by that many calendar months.
func Drift(p *model.Portfolio, opt Options, months ...int) ([]DriftRow, error) {
	if len(months) == 0 {
		months = DefaultDriftMonths
	}
	now, err := Evaluate(p, opt)
	if err != nil {
		return nil, err
	}
	later := make([]*Valuation, len(months))
	for k, m := range months {
		o := opt
		o.AsOf = now.AsOf.AddMonths(m)
		if later[k], err = Evaluate(p, o); err != nil {
			return nil, err
		}
	}
	point := func(r *InitiativeResult, m int, d model.Date) DriftPoint {
		return DriftPoint{Months: m, AsOf: d, T: r.T, Value: r.Position.Value, NPVq: r.Position.NPVq, CumVol: r.Position.CumVol, Region: r.Position.Region}
	}
	var rows []DriftRow
	for i := range now.Initiatives {
		r := &now.Initiatives[i]
		if !usable(r) {
			continue
		}
		row := DriftRow{ID: r.ID, Name: r.Name, Now: point(r, 0, now.AsOf)}
		for k, m := range months {
			l := &later[k].Initiatives[i]
			if l.Err != nil {
				continue
			}
			pt := point(l, m, later[k].AsOf)
			row.Later = append(row.Later, pt)
			if row.CrossesAt == 0 && pt.Region != row.Now.Region {
				row.CrossesAt = m
			}
			if row.DeadlineAt == 0 && pt.T == 0 {
				row.DeadlineAt = m
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

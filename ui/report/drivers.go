package report

import (
	"fmt"
	"math"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// DriverSensitivity is how much the portfolio's value moves when one
// driver goes from its low to its high value, the others unchanged.
type DriverSensitivity struct {
	Name, Label, Unit string
	Value, Low, High  float64
	// TotalLow and TotalHigh are the portfolio's value with options
	// (portfolio.Valuation.Total) with the driver at Low and at High; Base
	// at Value. Swing = |TotalHigh - TotalLow|.
	TotalLow, TotalHigh, Base, Swing float64
	// Initiatives names the initiatives whose S, X or sigma formula uses
	// the driver.
	Initiatives []string
}

// DriverSensitivities re-values p with each driver at its low and high
// value and returns the drivers by swing, largest first. base is p's
// valuation (with links). One portfolio.Engine starts from a copy of base
// (portfolio.DriverTotalsOf; it values p itself when base is not p's
// valuation with links and the default steps); each
// driver's low and high re-price only the initiatives whose formulas use
// it (Engine.SetDriver), and the driver is set back before the next one.
// A portfolio whose drivers an Engine refuses (a value outside its
// range, a name used twice: p fails model.Validate) is valued in full
// for each low and high instead.
func DriverSensitivities(p *model.Portfolio, base *portfolio.Valuation) ([]DriverSensitivity, error) {
	if p == nil || base == nil {
		panic("report: DriverSensitivities of a nil portfolio or valuation")
	}
	if len(p.Drivers) == 0 {
		return []DriverSensitivity{}, nil
	}
	_, totals, err := portfolio.DriverTotalsOf(p, portfolio.Options{WithLinks: true}, base)
	if err != nil {
		// The Engine refuses p (a driver value outside its range, a name
		// used twice: p fails model.Validate): value it in full at each
		// driver's low and high instead.
		return driverSwings(p, base, fullTotal(p))
	}
	// driverSwings asks for each driver's low, then its high (the same
	// total when they are equal).
	return driverSwings(p, base, func(i int, v float64) (float64, error) {
		if v == p.Drivers[i].Low {
			return totals[i].Low, nil
		}
		return totals[i].High, nil
	})
}

// fullTotal returns the portfolio total (with links) of a copy of p with
// driver i at v, valued in full (portfolio.Evaluate).
func fullTotal(p *model.Portfolio) func(i int, v float64) (float64, error) {
	q := p.Clone()
	return func(i int, v float64) (float64, error) {
		q.Drivers[i].Value = v
		defer func() { q.Drivers[i].Value = p.Drivers[i].Value }()
		val, err := portfolio.Evaluate(q, portfolio.Options{WithLinks: true})
		if err != nil {
			return 0, err
		}
		return val.Total, nil
	}
}

// driverSwings returns p's drivers by swing, largest first, with
// total(i, v) the portfolio's total with driver i at v (the others at
// their values).
func driverSwings(p *model.Portfolio, base *portfolio.Valuation, total func(i int, v float64) (float64, error)) ([]DriverSensitivity, error) {
	out := make([]DriverSensitivity, 0, len(p.Drivers))
	for i, d := range p.Drivers {
		ds := DriverSensitivity{Name: d.Name, Label: d.Label, Unit: d.Unit, Value: d.Value, Low: d.Low, High: d.High, Base: base.Total}
		ds.Initiatives = portfolio.DriverUsers(p, d.Name)
		for _, at := range []struct {
			v   float64
			dst *float64
		}{{d.Low, &ds.TotalLow}, {d.High, &ds.TotalHigh}} {
			t, err := total(i, at.v)
			if err != nil {
				return nil, fmt.Errorf("driver %s at %g: %w", d.Name, at.v, err)
			}
			*at.dst = t
		}
		ds.Swing = math.Abs(ds.TotalHigh - ds.TotalLow)
		out = append(out, ds)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Swing > out[j].Swing })
	return out, nil
}

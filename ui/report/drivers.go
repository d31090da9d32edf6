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
// valuation (with links).
func DriverSensitivities(p *model.Portfolio, base *portfolio.Valuation) ([]DriverSensitivity, error) {
	if p == nil || base == nil {
		panic("report: DriverSensitivities of a nil portfolio or valuation")
	}
	out := make([]DriverSensitivity, 0, len(p.Drivers))
	q := p.Clone()
	for i, d := range p.Drivers {
		ds := DriverSensitivity{Name: d.Name, Label: d.Label, Unit: d.Unit, Value: d.Value, Low: d.Low, High: d.High, Base: base.Total}
		for _, in := range p.Initiatives {
			for _, f := range []model.Quantity{in.S, in.X, in.Sigma} {
				if f.IsFormula() && usesIdent(f.Formula, d.Name) {
					ds.Initiatives = append(ds.Initiatives, in.Name)
					break
				}
			}
		}
		for _, at := range []struct {
			v   float64
			dst *float64
		}{{d.Low, &ds.TotalLow}, {d.High, &ds.TotalHigh}} {
			q.Drivers[i].Value = at.v
			v, err := portfolio.Evaluate(q, portfolio.Options{WithLinks: true})
			if err != nil {
				return nil, fmt.Errorf("driver %s at %g: %w", d.Name, at.v, err)
			}
			*at.dst = v.Total
		}
		q.Drivers[i].Value = d.Value
		ds.Swing = math.Abs(ds.TotalHigh - ds.TotalLow)
		out = append(out, ds)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Swing > out[j].Swing })
	return out, nil
}

// usesIdent reports whether the formula src mentions the identifier name
// as a whole word.
func usesIdent(src, name string) bool {
	isID := func(c byte) bool {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	for i := 0; i < len(src); {
		if !isID(src[i]) {
			i++
			continue
		}
		j := i
		for j < len(src) && isID(src[j]) {
			j++
		}
		if src[i:j] == name {
			return true
		}
		i = j
	}
	return false
}

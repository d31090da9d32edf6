package model

import (
	"fmt"
	"math"

	"github.com/optionspace/optionspace/valuation/estimate"
)

// CashFlows is an initiative's optional yearly cash-flow model, from which S
// and σ can be estimated (package valuation/estimate): a horizon in years, a
// risk-adjusted discount rate, and lines whose amounts are formulas over the
// portfolio's drivers and `year`. The investment X is the option's exercise
// price and is not a line.
type CashFlows struct {
	Years int             `json:"years"`
	Rate  float64         `json:"rate"`
	Lines []estimate.Line `json:"lines"`
}

// Uncertainty is how a driver's value is uncertain, for cash-flow estimates:
// a yearly process (`{"process": "gbm", "sigma": s, "drift": m}`) or a value
// revealed during the first year (`{"dist": "triangular", "low": a,
// "mode": b, "high": c}`, and normal, lognormal, uniform, pert).
type Uncertainty = estimate.Uncertainty

// Estimate methods recorded in a Provenance.
const (
	EstimateCashFlows  = "cash_flows"
	EstimateHistory    = "history"
	EstimateThreePoint = "three_point"
)

// Provenance records where an initiative's S and σ came from when they were
// estimated rather than typed: the method, when, with how many paths and
// which seed, and the numbers with their standard errors.
type Provenance struct {
	Method       string  `json:"method"`
	Date         Date    `json:"date"`
	Paths        int     `json:"paths,omitempty"`
	Seed         uint64  `json:"seed,omitempty"`
	S            float64 `json:"S"`
	SSE          float64 `json:"S_se,omitempty"`
	Sigma        float64 `json:"sigma"`
	SigmaSE      float64 `json:"sigma_se,omitempty"`
	SigmaNaive   float64 `json:"sigma_naive,omitempty"`
	SigmaNaiveSE float64 `json:"sigma_naive_se,omitempty"`
	// Source names the data (a history file, an expert) where there is one.
	Source string `json:"source,omitempty"`
}

// InputOrigin says where an initiative's S or σ comes from: "typed",
// "formula", or "estimated" (with the provenance's date), for the
// inspector, the report and the CSV.
func (in *Initiative) InputOrigin(field string) string {
	var q Quantity
	var est float64
	switch field {
	case "S":
		q = in.S
		if in.Estimate != nil {
			est = in.Estimate.S
		}
	case "sigma":
		q = in.Sigma
		if in.Estimate != nil {
			est = in.Estimate.Sigma
		}
	default:
		if in.InputQuantity(field).IsFormula() {
			return "formula"
		}
		return "typed"
	}
	switch {
	case q.IsFormula():
		return "formula"
	case in.Estimate != nil && est == q.Value:
		return "estimated " + in.Estimate.Date.String()
	}
	return "typed"
}

// InputQuantity returns the S, X or sigma quantity of in.
func (in *Initiative) InputQuantity(field string) Quantity {
	switch field {
	case "S":
		return in.S
	case "X":
		return in.X
	}
	return in.Sigma
}

// CashFlowModel returns the estimate model of in over the portfolio's
// drivers, or false when in has no cash-flow model.
func (p *Portfolio) CashFlowModel(in *Initiative) (estimate.CashFlowModel, bool) {
	if in.CashFlows == nil {
		return estimate.CashFlowModel{}, false
	}
	m := estimate.CashFlowModel{Years: in.CashFlows.Years, Rate: in.CashFlows.Rate, Lines: in.CashFlows.Lines}
	for _, d := range p.Drivers {
		m.Drivers = append(m.Drivers, estimate.Driver{Name: d.Name, Value: d.Value, Uncertainty: d.Uncertainty})
	}
	return m, true
}

// validateEstimates checks cash-flow models, drivers' uncertainties and
// provenance records.
func (p *Portfolio) validateEstimates(v *validator) {
	driversOK := true
	for i, d := range p.Drivers {
		if d.Uncertainty == nil {
			continue
		}
		f := fmt.Sprintf("drivers[%d]", i)
		if d.Name != "" {
			f = fmt.Sprintf("drivers[%q]", d.Name)
		}
		if err := d.Uncertainty.Check(); err != nil {
			v.add(f+".uncertainty", err.Error())
			driversOK = false
		}
		if d.Name == "year" {
			v.add(f+".name", `"year" is the year of a cash-flow line and cannot name a driver`)
			driversOK = false
		}
	}
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		f := InitiativeField(in, i)
		// A driver's problem is reported once, at the driver.
		if m, ok := p.CashFlowModel(in); ok && driversOK {
			if err := m.Check(); err != nil {
				v.add(f+".cash_flows", err.Error())
			}
		}
		if e := in.Estimate; e != nil {
			switch e.Method {
			case EstimateCashFlows, EstimateHistory, EstimateThreePoint:
			default:
				v.add(f+".estimate.method", fmt.Sprintf("%q: want cash_flows, history or three_point", e.Method))
			}
			for _, n := range []float64{e.S, e.SSE, e.Sigma, e.SigmaSE, e.SigmaNaive, e.SigmaNaiveSE} {
				if math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
					v.add(f+".estimate", "holds a number that is negative or not finite")
					break
				}
			}
			if len(e.Source) > 1000 {
				v.add(f+".estimate.source", "is longer than 1000 bytes")
			}
			v.controls(f+".estimate.source", e.Source, false)
		}
	}
}

// UseEstimate writes an estimate's S and σ into in as numbers with their
// provenance, and returns the input changes it made (for a learning entry
// that records the before and after of a re-estimate).
func (in *Initiative) UseEstimate(prov Provenance) []InputChange {
	var ch []InputChange
	if before := in.S.String(); in.S.IsFormula() || in.S.Value != prov.S {
		ch = append(ch, InputChange{Input: "S", Before: before, After: Number(prov.S).String()})
	}
	if before := in.Sigma.String(); in.Sigma.IsFormula() || in.Sigma.Value != prov.Sigma {
		ch = append(ch, InputChange{Input: "sigma", Before: before, After: Number(prov.Sigma).String()})
	}
	in.S, in.Sigma = Number(prov.S), Number(prov.Sigma)
	p := prov
	in.Estimate = &p
	return ch
}

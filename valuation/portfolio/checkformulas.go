package portfolio

import "github.com/optionspace/optionspace/model"

// FormulaProblem is a formula of an initiative that cannot be evaluated.
type FormulaProblem struct {
	Index int    // the initiative's index in the portfolio
	Field string // "S", "X" or "sigma"
	Err   error  // a *FormulaError
}

// CheckFormulas checks every formula of p's initiatives exactly as the
// inspector does (CheckFormula: syntax, unknown drivers, division by zero,
// the range of the result, bounded evaluation) and returns the problems in
// the portfolio's order. Imports call it so that nothing that cannot be
// evaluated is stored.
func CheckFormulas(p *model.Portfolio) []FormulaProblem {
	var out []FormulaProblem
	for i := range p.Initiatives {
		in := &p.Initiatives[i]
		for _, q := range []struct {
			field string
			q     model.Quantity
		}{{"S", in.S}, {"X", in.X}, {"sigma", in.Sigma}} {
			if !q.q.IsFormula() {
				continue
			}
			if err := CheckFormula(p, q.field, q.q.Formula); err != nil {
				out = append(out, FormulaProblem{Index: i, Field: q.field, Err: err})
			}
		}
	}
	return out
}

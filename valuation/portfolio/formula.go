package portfolio

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"

	"github.com/optionspace/optionspace/model"
)

// FormulaError is a formula that cannot be compiled or evaluated. Its
// message names the initiative, the field and, where known, the place in
// the formula.
type FormulaError struct {
	Initiative string // initiative name ("" when checked on its own)
	Field      string // "S", "X" or "sigma"
	Formula    string
	Line, Col  int // 1-based place in the formula; 0 when unknown
	Reason     string
}

func (e *FormulaError) Error() string {
	var b strings.Builder
	if e.Initiative != "" {
		fmt.Fprintf(&b, "initiative %q: ", e.Initiative)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "%s = ", e.Field)
	}
	fmt.Fprintf(&b, "%q: %s", e.Formula, e.Reason)
	if e.Col > 0 {
		fmt.Fprintf(&b, " (at column %d)", e.Col)
	}
	return b.String()
}

// fieldRange is the range a formula's result must lie in.
type fieldRange struct {
	min, max float64
}

var fieldRanges = map[string]fieldRange{
	"S":     {0, math.MaxFloat64},
	"X":     {0, math.MaxFloat64},
	"sigma": {0, 3},
}

// driverEnv returns the formula environment: each driver's name bound to its
// value.
func driverEnv(drivers []model.Driver) map[string]float64 {
	env := make(map[string]float64, len(drivers))
	for _, d := range drivers {
		env[d.Name] = d.Value
	}
	return env
}

// compileFormula compiles src against the drivers' names.
func compileFormula(src string, env map[string]float64) (*vm.Program, error) {
	return expr.Compile(src, expr.Env(env), expr.AsFloat64())
}

// formulaError turns an expr error into a FormulaError.
func formulaError(err error, initiative, field, src string) *FormulaError {
	fe := &FormulaError{Initiative: initiative, Field: field, Formula: src, Reason: err.Error()}
	var ferr *file.Error
	if errors.As(err, &ferr) {
		fe.Reason = ferr.Message
		fe.Line, fe.Col = ferr.Line, ferr.Column+1
	}
	return fe
}

// evalFormula evaluates a compiled program and checks that the result is a
// finite number within the field's range.
func evalFormula(prog *vm.Program, env map[string]float64, initiative, field, src string) (float64, error) {
	out, err := expr.Run(prog, env)
	if err != nil {
		return 0, formulaError(err, initiative, field, src)
	}
	v, ok := out.(float64)
	if !ok {
		return 0, &FormulaError{Initiative: initiative, Field: field, Formula: src, Reason: fmt.Sprintf("result %v is not a number", out)}
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &FormulaError{Initiative: initiative, Field: field, Formula: src, Reason: "result is not finite (division by zero?)"}
	}
	if r, ok := fieldRanges[field]; ok && (v < r.min || v > r.max) {
		return 0, &FormulaError{Initiative: initiative, Field: field, Formula: src,
			Reason: fmt.Sprintf("result %g is out of range [%g, %g]", v, r.min, r.max)}
	}
	return v, nil
}

// CheckFormula checks a formula for field ("S", "X" or "sigma") against the
// portfolio's drivers: syntax, unknown drivers, division by zero and the
// range of the result. It returns nil or a *FormulaError.
func CheckFormula(p *model.Portfolio, field, src string) error {
	env := driverEnv(p.Drivers)
	prog, err := compileFormula(src, env)
	if err != nil {
		return formulaError(err, "", field, src)
	}
	_, err = evalFormula(prog, env, "", field, src)
	return err
}

// formulaDrivers returns the driver names a formula refers to, in order of
// first use.
func formulaDrivers(src string, drivers []model.Driver) []string {
	var used []string
	for _, d := range drivers {
		if containsIdent(src, d.Name) {
			used = append(used, d.Name)
		}
	}
	return used
}

// containsIdent reports whether src contains name as a whole identifier.
func containsIdent(src, name string) bool {
	for i := 0; ; {
		j := strings.Index(src[i:], name)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		before := j == 0 || !isIdentByte(src[j-1])
		after := end == len(src) || !isIdentByte(src[end])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

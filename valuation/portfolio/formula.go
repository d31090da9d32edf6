package portfolio

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
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
		fmt.Fprintf(&b, " (at character %d of the formula)", e.Col)
	}
	return b.String()
}

// fieldRange is the range a formula's result must lie in.
type fieldRange struct {
	min, max float64
}

var fieldRanges = map[string]fieldRange{
	"S":     {0, valuation.MaxAmount},
	"X":     {0, valuation.MaxAmount},
	"sigma": {0, model.MaxSigma},
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

// programs caches compiled formulas by source and the drivers the source
// names (formulaKey): a program reads the drivers' values from the
// environment when run, and its compilation sees only the drivers its
// source names (usedEnv), so it serves any portfolio in which the same
// identifiers of the source are drivers. expr documents compiled programs
// as safe for concurrent use (each Run has a VM of its own). Compiling
// costs about 20 µs and 10 KB for a one-driver formula.
var programs = newMemo[formulaKey, *vm.Program](maxPrograms)

const maxPrograms = 1 << 14

// formulaKey identifies a compiled formula: its source and the drivers it
// names, in order of appearance (the compiler's whole input). It is a few
// bytes beyond the source, where a key naming every driver of the
// portfolio cost a copy and a hash of all their names on every look-up
// (10 KB with 2,000 drivers).
type formulaKey struct {
	src, drivers string
}

// keyOf returns the key of src with the drivers env and the drivers it
// names (usedDrivers).
func keyOf(src string, env map[string]float64) (formulaKey, []string) {
	names := usedDrivers(src, env)
	return formulaKey{src, strings.Join(names, ",")}, names
}

// compileFormula compiles src against the drivers of env it names.
func compileFormula(src string, env map[string]float64) (*vm.Program, error) {
	k, names := keyOf(src, env)
	if prog, ok := programs.get(k); ok {
		return prog, nil
	}
	prog, err := expr.Compile(src, expr.Env(usedEnv(names, env)), expr.AsFloat64())
	if err != nil {
		return nil, err
	}
	programs.put(k, prog)
	return prog, nil
}

// usedDrivers returns the identifiers of src (letters, digits, _ and $,
// and any non-ASCII byte, as expr's lexer reads them, and so a superset
// of the formula's identifiers) that name an entry of env, in order of
// appearance, repeats included. The compiler sees every
// driver the formula names (and reports the others as unknown, as with
// the whole env), but its set-up costs O(names in src) instead of
// O(drivers): with thousands of drivers, compiling against the whole env
// dominated a first valuation.
func usedDrivers(src string, env map[string]float64) []string {
	var names []string
	isStart := func(c byte) bool {
		return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	for i := 0; i < len(src); {
		if !isStart(src[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(src) && (isStart(src[j]) || src[j] >= '0' && src[j] <= '9') {
			j++
		}
		if _, ok := env[src[i:j]]; ok {
			names = append(names, src[i:j])
		}
		i = j
	}
	return names
}

// usedEnv returns the entries of env named in names.
func usedEnv(names []string, env map[string]float64) map[string]float64 {
	sub := make(map[string]float64, len(names))
	for _, n := range names {
		sub[n] = env[n]
	}
	return sub
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
		fe := &FormulaError{Initiative: initiative, Field: field, Formula: src, Reason: fmt.Sprintf("result %g is not a finite number", v)}
		if col, d := zeroDivisor(src, env); col > 0 {
			fe.Col, fe.Line = col, 1
			fe.Reason = fmt.Sprintf("division by zero: the divisor %s is 0", d)
		}
		return 0, fe
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

// formulaDrivers returns the names of the drivers a formula refers to
// (its identifiers that name a driver), in order of first use. The list
// is shared with later calls (cached in driverLists): callers must not
// modify it.
func formulaDrivers(src string, env map[string]float64) []string {
	k, _ := keyOf(src, env)
	if used, ok := driverLists.get(k); ok {
		return used
	}
	tree, err := parser.Parse(src)
	if err != nil {
		driverLists.put(k, nil)
		return nil
	}
	var used []string
	seen := map[string]bool{}
	ast.Find(tree.Node, func(n ast.Node) bool {
		if id, ok := n.(*ast.IdentifierNode); ok && !seen[id.Value] {
			if _, isDriver := env[id.Value]; isDriver {
				seen[id.Value] = true
				used = append(used, id.Value)
			}
		}
		return false
	})
	driverLists.put(k, used)
	return used
}

// driverLists caches formulaDrivers by formulaKey, on which it depends
// alone (the identifiers it finds are among those usedDrivers finds):
// parsing every formula again made a third of a valuation after a driver
// change (BenchmarkPortfolioRevalue1000).
var driverLists = newMemo[formulaKey, []string](maxPrograms)

// zeroDivisor finds a division in src whose divisor evaluates to 0 with
// env, and returns its 1-based column and the divisor's text.
func zeroDivisor(src string, env map[string]float64) (col int, divisor string) {
	tree, err := parser.Parse(src)
	if err != nil {
		return 0, ""
	}
	ast.Find(tree.Node, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryNode)
		if !ok || b.Operator != "/" {
			return false
		}
		out, err := expr.Eval(b.Right.String(), env)
		if err != nil {
			return false
		}
		var d float64
		switch x := out.(type) {
		case float64:
			d = x
		case int:
			d = float64(x)
		default:
			return false
		}
		if d == 0 {
			col, divisor = b.Location().From+1, b.Right.String()
			return true
		}
		return false
	})
	return col, divisor
}

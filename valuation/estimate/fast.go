package estimate

import (
	"math"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// fastFn is a line formula compiled to a Go closure over the driver slots
// (slot len(drivers) is `year`). Evaluating a formula with expr's VM costs an
// allocation per run (the result is boxed in an interface); a Monte Carlo
// estimate runs the lines millions of times, so the arithmetic subset that
// business formulas use (numbers, drivers, year, + − * / ** ^, unary minus,
// abs, min, max, floor, ceil, sqrt, exp, log) is compiled here by hand.
// Formulas outside the subset run on the VM; a test checks that both agree.
type fastFn func(slots []float64) float64

// compileFast returns the closure for src, or nil when src uses anything
// outside the subset. src must already have compiled with expr.
func compileFast(src string, slot map[string]int) fastFn {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	return build(tree.Node, slot)
}

func build(n ast.Node, slot map[string]int) fastFn {
	switch n := n.(type) {
	case *ast.IntegerNode:
		v := float64(n.Value)
		return func([]float64) float64 { return v }
	case *ast.FloatNode:
		v := n.Value
		return func([]float64) float64 { return v }
	case *ast.IdentifierNode:
		i, ok := slot[n.Value]
		if !ok {
			return nil
		}
		return func(s []float64) float64 { return s[i] }
	case *ast.UnaryNode:
		x := build(n.Node, slot)
		if x == nil {
			return nil
		}
		switch n.Operator {
		case "-":
			return func(s []float64) float64 { return -x(s) }
		case "+":
			return x
		}
	case *ast.BinaryNode:
		l, r := build(n.Left, slot), build(n.Right, slot)
		if l == nil || r == nil {
			return nil
		}
		switch n.Operator {
		case "+":
			return func(s []float64) float64 { return l(s) + r(s) }
		case "-":
			return func(s []float64) float64 { return l(s) - r(s) }
		case "*":
			return func(s []float64) float64 { return l(s) * r(s) }
		case "/":
			return func(s []float64) float64 { return l(s) / r(s) }
		case "**", "^":
			return func(s []float64) float64 { return math.Pow(l(s), r(s)) }
		}
	case *ast.BuiltinNode:
		return buildCall(n.Name, n.Arguments, slot)
	case *ast.CallNode:
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			return buildCall(id.Value, n.Arguments, slot)
		}
	}
	return nil
}

var unary = map[string]func(float64) float64{
	"abs": math.Abs, "floor": math.Floor, "ceil": math.Ceil,
	"sqrt": math.Sqrt, "exp": math.Exp, "log": math.Log,
}

func buildCall(name string, args []ast.Node, slot map[string]int) fastFn {
	fs := make([]fastFn, len(args))
	for i, a := range args {
		if fs[i] = build(a, slot); fs[i] == nil {
			return nil
		}
	}
	if f, ok := unary[name]; ok && len(fs) == 1 {
		x := fs[0]
		return func(s []float64) float64 { return f(x(s)) }
	}
	if (name == "min" || name == "max") && len(fs) == 2 {
		a, b := fs[0], fs[1]
		if name == "min" {
			return func(s []float64) float64 { return math.Min(a(s), b(s)) }
		}
		return func(s []float64) float64 { return math.Max(a(s), b(s)) }
	}
	return nil
}

package valuation

import (
	"fmt"
	"math"
)

// Compute says what RealOption.Price computes.
type Compute int

// What RealOption.Price computes.
const (
	// ValueAlone is the value and method, without the Greeks where they
	// cost extra work (RealOption.ValueOnly with the default method, one
	// lattice instead of three with a step count).
	ValueAlone Compute = iota
	// WithGreeks is the value, the Greeks and the method.
	WithGreeks
)

// Price prices o with the pricing choice of its kind: the one entry point
// of the portfolio engine, its simulation and the lattice chart.
//
//   - steps 0: the default method of RealOption.Value (with WithGreeks)
//     or RealOption.ValueOnly (ValueAlone).
//   - steps > 0: defer, expand, abandon and contract are valued in closed
//     form (Black-Scholes-Merton) where early exercise is never optimal
//     (a call with q <= 0 and r >= 0, a put with r <= 0 and q >= 0), else
//     on an American Leisen-Reimer lattice of steps steps (an even count is
//     raised to the next odd one): the tree RealOption.Tree returns. Choose
//     and staged options use their own methods, as with steps 0.
//
// Result.Method names the method; with ValueAlone the Greeks are zero.
// WithGreeks needs at least 2 steps (the Greeks use the nodes of step 2).
func (o RealOption) Price(steps int, what Compute) (Result, error) {
	if steps < 0 {
		return Result{}, &InputError{Input: "steps", Value: float64(steps), Reason: "is negative"}
	}
	if steps == 0 || o.Kind == Choose || o.Kind == Staged {
		if what == WithGreeks {
			return o.Value()
		}
		v, method, err := o.ValueOnly()
		return Result{Value: v, Method: method}, err
	}
	if err := o.Validate(); err != nil {
		return Result{}, err
	}
	if steps%2 == 0 {
		steps++
	}
	if what == WithGreeks {
		if err := checkSteps(steps); err != nil {
			return Result{}, err
		}
	} else if steps > MaxSteps {
		return Result{}, &InputError{Input: "steps", Value: float64(steps), Reason: fmt.Sprintf("is above %d", MaxSteps)}
	}
	typ, in, scale := o.plain()
	var res Result
	var err error
	switch {
	case earlyNeverOptimal(typ, in) && what == WithGreeks:
		res, err = BlackScholesGreeks(typ, in)
	case earlyNeverOptimal(typ, in):
		res.Value, err = BlackScholes(typ, in)
		res.Method = "Black-Scholes-Merton"
	case what == WithGreeks:
		res, err = LeisenReimer(typ, American, in, steps)
	default:
		res, err = lrValueMethod(typ, in, steps)
	}
	res.Greeks.Delta *= scale
	res.Greeks.Gamma *= scale * scale
	return res, err
}

// plain returns the call or put on the (scaled) underlying that values o
// when o is a defer, expand, abandon or contract option, and the scale of S.
func (o RealOption) plain() (OptionType, Inputs, float64) {
	in := o.Inputs
	typ, scale := Call, 1.0
	switch o.Kind {
	case Expand:
		scale = o.ExpandFactor
	case Abandon:
		typ = Put
	case Contract:
		typ, scale = Put, o.ContractFactor
	}
	in.S *= scale
	return typ, in, scale
}

// earlyNeverOptimal reports whether an American option of type typ is
// never exercised early, so that its European closed form is exact.
func earlyNeverOptimal(typ OptionType, in Inputs) bool {
	if typ == Call {
		return in.Q <= 0 && in.R >= 0
	}
	return in.R <= 0 && in.Q >= 0
}

// lrValueMethod is LeisenReimer's value and method without its Greeks: the
// same edge cases, one lattice.
func lrValueMethod(typ OptionType, in Inputs, steps int) (Result, error) {
	if r, ok := degenerate(typ, American, in); ok {
		return Result{Value: r.Value, Method: r.Method}, nil
	}
	if err := checkSpread(in, steps); err != nil {
		return Result{}, err
	}
	t, err := lrTree(in, steps)
	if err != nil {
		d := deterministic(typ, American, in)
		return Result{Value: d.Value, Method: d.Method}, nil
	}
	return Result{Value: runTree(typ, American, in, t, false).v0, Method: methodName(true, t.n)}, nil
}

// MaxTreeSteps is the largest tree RealOption.Tree returns (its nodes are
// kept: about MaxTreeSteps²/2 of them).
const MaxTreeSteps = 501

// TreeNode is one node of a lattice.
type TreeNode struct {
	// S is the underlying value at the node: S for defer and abandon, e*S
	// for expand, c*S for contract.
	S float64
	// Value is the option value at the node.
	Value float64
	// Exercise is true where exercising pays and is worth at least
	// waiting.
	Exercise bool
}

// Tree is a recombining binomial lattice: Levels[i] holds the i+1 nodes
// after i steps of Dt years, from the lowest S to the highest.
type Tree struct {
	Steps  int
	Dt     float64
	Levels [][]TreeNode
	// Method names the lattice ("Leisen-Reimer (7 steps)").
	Method string
	// Priced is true when Price(Steps, ...) prices o on this lattice, so
	// that the root value is its value; false when Price uses the closed
	// form (early exercise is never optimal), of which the root is then
	// the lattice approximation.
	Priced bool
}

// Tree returns the American Leisen-Reimer lattice that Price(steps, ...)
// rolls back for a defer, expand, abandon or contract option (an even
// steps is raised to the next odd one; at most MaxTreeSteps), with the
// value and exercise decision at every node. Other kinds, t = 0,
// sigma = 0, S = 0 or X = 0 have no tree to show and return an error, as
// does a lattice that degenerates.
func (o RealOption) Tree(steps int) (Tree, error) {
	if err := o.Validate(); err != nil {
		return Tree{}, err
	}
	switch o.Kind {
	case Defer, Expand, Abandon, Contract:
	default:
		return Tree{}, fmt.Errorf("lattice: a %s option is not valued on a plain lattice (defer, expand, contract and abandon are)", o.Kind)
	}
	if steps%2 == 0 {
		steps++
	}
	if steps < 1 || steps > MaxTreeSteps {
		return Tree{}, &InputError{Input: "steps", Value: float64(steps), Reason: fmt.Sprintf("is outside [1, %d]", MaxTreeSteps)}
	}
	typ, in, _ := o.plain()
	if !(in.T > 0 && in.Sigma > 0 && in.S > 0 && in.X > 0) {
		return Tree{}, fmt.Errorf("lattice: t, sigma, S and X must be above 0 to draw a tree")
	}
	if err := checkSpread(in, steps); err != nil {
		return Tree{}, err
	}
	t, err := lrTree(in, steps)
	if err != nil {
		return Tree{}, err
	}
	return Tree{Steps: t.n, Dt: t.dt, Levels: rollBack(typ, in, t), Method: methodName(true, t.n), Priced: !earlyNeverOptimal(typ, in)}, nil
}

// rollBack rolls the American option typ on in back through t keeping
// every node, with the node prices and discounting of runTree.
func rollBack(typ OptionType, in Inputs, t tree) [][]TreeNode {
	n := t.n
	upw, dpw := make([]float64, n+1), make([]float64, n+1)
	powers(upw, t.lnu)
	powers(dpw, t.lnd)
	for j := range upw {
		upw[j] *= in.S
	}
	disc := math.Exp(-in.R * t.dt)
	pu, pd := disc*t.p, disc*(1-t.p)
	payoff := func(s float64) float64 {
		if typ == Call {
			return s - in.X
		}
		return in.X - s
	}
	lv := make([][]TreeNode, n+1)
	for i := n; i >= 0; i-- {
		lv[i] = make([]TreeNode, i+1)
		for j := range lv[i] {
			s := upw[j] * dpw[i-j]
			ex := payoff(s)
			if i == n {
				lv[i][j] = TreeNode{S: s, Value: math.Max(ex, 0), Exercise: ex > 0}
				continue
			}
			cont := pu*lv[i+1][j+1].Value + pd*lv[i+1][j].Value
			lv[i][j] = TreeNode{S: s, Value: math.Max(cont, ex), Exercise: ex > 0 && ex >= cont}
		}
	}
	return lv
}

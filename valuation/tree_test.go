package valuation

import (
	"math"
	"testing"
)

// treeCases are options of the four kinds drawn on a lattice, with early
// exercise (leakage for the calls, a positive rate for the puts).
var treeCases = []RealOption{
	{Kind: Defer, Inputs: Inputs{S: 120, X: 100, T: 2, Sigma: 0.35, R: 0.04, Q: 0.06}},
	{Kind: Expand, Inputs: Inputs{S: 900, X: 250, T: 3, Sigma: 0.3, R: 0.03, Q: 0.05}, ExpandFactor: 0.3},
	{Kind: Abandon, Inputs: Inputs{S: 80, X: 100, T: 1.5, Sigma: 0.25, R: 0.05, Q: 0}},
	{Kind: Contract, Inputs: Inputs{S: 2e6, X: 5e5, T: 4, Sigma: 0.4, R: 0.06, Q: 0.01}, ContractFactor: 0.3},
}

// treeKindOptions are the plain options behind the four lattice kinds, as
// RealOption's documentation defines them: defer a call on S at X, expand a
// call on e*S at X, abandon a put on S at X, contract a put on c*S at X.
var treeKindOptions = map[Kind]struct {
	typ    OptionType
	factor func(o RealOption) float64
}{
	Defer:    {Call, func(RealOption) float64 { return 1 }},
	Expand:   {Call, func(o RealOption) float64 { return o.ExpandFactor }},
	Abandon:  {Put, func(RealOption) float64 { return 1 }},
	Contract: {Put, func(o RealOption) float64 { return o.ContractFactor }},
}

// treeRelErr is |a-b|/|b|, +Inf when either is NaN (so that a NaN never
// passes a "treeRelErr(...) > tol" check).
func treeRelErr(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.Inf(1)
	}
	return math.Abs(a-b) / math.Max(math.Abs(b), 1e-300)
}

// TestTreeRootIsPrice: the tree's root value is Price's value for the same
// steps (the same parameterisation, to 1e-12 relative), at several step
// counts, and an even count is raised to the odd one Price uses.
func TestTreeRootIsPrice(t *testing.T) {
	for _, o := range treeCases {
		for _, steps := range []int{1, 6, 7, 51, 200, 201} {
			tr, err := o.Tree(steps)
			if err != nil {
				t.Fatalf("%s, %d steps: %v", o.Kind, steps, err)
			}
			want := steps | 1
			if tr.Steps != want || len(tr.Levels) != want+1 || len(tr.Levels[want]) != want+1 || !tr.Priced {
				t.Fatalf("%s, %d steps: tree of %d steps, %d levels, priced %v: want %d steps", o.Kind, steps, tr.Steps, len(tr.Levels), tr.Priced, want)
			}
			for _, what := range []Compute{ValueAlone, WithGreeks} {
				if what == WithGreeks && steps < 2 {
					continue
				}
				res, err := o.Price(steps, what)
				if err != nil {
					t.Fatal(err)
				}
				if e := treeRelErr(tr.Levels[0][0].Value, res.Value); e > 1e-12 {
					t.Errorf("%s, %d steps, compute %d: root %.15g, Price %.15g (rel. error %.2g)", o.Kind, steps, what, tr.Levels[0][0].Value, res.Value, e)
				}
				if res.Method != tr.Method {
					t.Errorf("%s, %d steps: Price's method %q, tree's %q", o.Kind, steps, res.Method, tr.Method)
				}
			}
		}
	}
}

// TestPriceMatchesTheMethods checks Price against the methods it chooses,
// called directly.
func TestPriceMatchesTheMethods(t *testing.T) {
	for _, o := range append(treeCases,
		RealOption{Kind: Choose, Inputs: Inputs{S: 100, X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.02}, ExpandFactor: 0.3, ContractFactor: 0.2, Salvage: 60},
		RealOption{Kind: Staged, Inputs: Inputs{S: 100, X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.02}, StageCost: 5, StageT: 0.5}) {
		full, err := o.Value()
		if err != nil {
			t.Fatal(err)
		}
		g, err := o.Price(0, WithGreeks)
		if err != nil || g != full {
			t.Errorf("%s: Price(0, WithGreeks) = %+v, %v; Value %+v", o.Kind, g, err, full)
		}
		v, method, err := o.ValueOnly()
		if err != nil {
			t.Fatal(err)
		}
		a, err := o.Price(0, ValueAlone)
		if err != nil || a.Value != v || a.Method != method || a.Greeks != (Greeks{}) {
			t.Errorf("%s: Price(0, ValueAlone) = %+v, %v; ValueOnly %g %q", o.Kind, a, err, v, method)
		}
		if o.Kind == Choose || o.Kind == Staged {
			if b, _ := o.Price(301, ValueAlone); b != a {
				t.Errorf("%s: with steps %+v, want its own method %+v", o.Kind, b, a)
			}
			continue
		}
		// The reference is the kind's definition by another route than
		// Price's (which scales S): an option on k*S at X is worth k
		// options on S at X/k (value homogeneous of degree one in S and X,
		// Merton 1973, Theorem 6), with the same delta per unit of S times
		// k.
		ref := treeKindOptions[o.Kind]
		typ, k := ref.typ, ref.factor(o)
		in := o.Inputs
		in.X /= k
		lr, err := LeisenReimer(typ, American, in, 301)
		if err != nil {
			t.Fatal(err)
		}
		b, err := o.Price(300, WithGreeks)
		if err != nil || treeRelErr(b.Value, k*lr.Value) > 1e-12 || treeRelErr(b.Greeks.Delta, k*lr.Greeks.Delta) > 1e-12 || b.Method != lr.Method {
			t.Errorf("%s: Price(300, WithGreeks) = %+v, %v; %g x Leisen-Reimer 301 at X/%g %+v", o.Kind, b, err, k, k, lr)
		}
		c, err := o.Price(300, ValueAlone)
		if lv, _ := LeisenReimerValue(typ, American, in, 301); err != nil || treeRelErr(c.Value, k*lv) > 1e-12 || c.Method != lr.Method {
			t.Errorf("%s: Price(300, ValueAlone) = %+v, %v; %g x Leisen-Reimer value %g", o.Kind, c, err, k, lv)
		}
		// The boundary method (Price with steps 0) is an independent
		// reference for the 301-step lattice (whose American error is
		// about 2e-4 here).
		if e := treeRelErr(c.Value, v); e > 1e-3 {
			t.Errorf("%s: 301-step lattice %.8g, boundary method %.8g (rel. %.2g)", o.Kind, c.Value, v, e)
		}
	}
}

// TestPriceClosedFormWithSteps: with no early exercise a step count keeps
// the closed form, and the tree (not Priced) approaches it.
func TestPriceClosedFormWithSteps(t *testing.T) {
	o := RealOption{Kind: Defer, Inputs: Inputs{S: 120, X: 100, T: 2, Sigma: 0.35, R: 0.04}}
	bs, err := BlackScholes(Call, o.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	for _, what := range []Compute{ValueAlone, WithGreeks} {
		res, err := o.Price(101, what)
		if err != nil || res.Value != bs {
			t.Fatalf("Price(101, %d) = %+v, %v; want Black-Scholes-Merton %g", what, res, err, bs)
		}
	}
	tr, err := o.Tree(201)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Priced {
		t.Error("the tree of a closed-form option says it is priced on it")
	}
	if e := treeRelErr(tr.Levels[0][0].Value, bs); e > 1e-5 {
		t.Errorf("201-step tree root %.10g, Black-Scholes-Merton %.10g (rel. %.2g)", tr.Levels[0][0].Value, bs, e)
	}
}

// TestTreeNodes: node prices grow by the lattice's factors, terminal values
// are the payoff, exercise is flagged where the payoff is reached, and a
// deep-in-the-money put with a high rate is exercised at once.
func TestTreeNodes(t *testing.T) {
	o := RealOption{Kind: Abandon, Inputs: Inputs{S: 40, X: 100, T: 1, Sigma: 0.2, R: 0.1}}
	tr, err := o.Tree(7)
	if err != nil {
		t.Fatal(err)
	}
	root := tr.Levels[0][0]
	if !root.Exercise || math.Abs(root.Value-60) > 1e-12 || root.S != 40 {
		t.Fatalf("root %+v: want S 40 exercised at X - S = 60", root)
	}
	for i, lv := range tr.Levels {
		for j, nd := range lv {
			if j > 0 && !(nd.S > lv[j-1].S) {
				t.Fatalf("level %d: S not increasing at node %d", i, j)
			}
			ex := 100 - nd.S
			if nd.Value < math.Max(ex, 0)-1e-12 {
				t.Fatalf("node (%d, %d) %+v below its exercise value", i, j, nd)
			}
			if nd.Exercise != (ex > 0 && math.Abs(nd.Value-ex) <= 1e-12*100) {
				t.Fatalf("node (%d, %d) %+v: exercise flag wrong", i, j, nd)
			}
		}
	}
	// S u d at step 2 against S: the Leisen-Reimer factors multiply.
	l1, l2 := tr.Levels[1], tr.Levels[2]
	if e := treeRelErr(l2[1].S, l1[0].S*l1[1].S/40); e > 1e-14 {
		t.Errorf("S u d = %g, want %g", l2[1].S, l1[0].S*l1[1].S/40)
	}
}

func TestTreeRefuses(t *testing.T) {
	ok := treeCases[0]
	for name, o := range map[string]RealOption{
		"choose": {Kind: Choose, Inputs: ok.Inputs, ExpandFactor: 0.2, ContractFactor: 0.2, Salvage: 10},
		"t = 0":  {Kind: Defer, Inputs: Inputs{S: 100, X: 90, T: 0, Sigma: 0.3, R: 0.05}},
		"σ = 0":  {Kind: Defer, Inputs: Inputs{S: 100, X: 90, T: 1, Sigma: 0, R: 0.05}},
	} {
		if _, err := o.Tree(7); err == nil {
			t.Errorf("%s: a tree, want an error", name)
		}
	}
	if _, err := ok.Tree(MaxTreeSteps + 2); err == nil {
		t.Error("too many steps: a tree, want an error")
	}
	if _, err := ok.Price(-1, ValueAlone); err == nil {
		t.Error("negative steps: priced, want an error")
	}
}

// TestValueOnlyIsValueAtLowCumVol: below minBoundaryCumVol Value prices on
// the lattice, and ValueOnly (the engine's value alone) gives its value and
// method, not the boundary method's.
func TestValueOnlyIsValueAtLowCumVol(t *testing.T) {
	for _, o := range []RealOption{
		{Kind: Defer, Inputs: Inputs{S: 100, X: 100, T: 1, Sigma: 0.005, R: 0.05, Q: 0.08}},
		{Kind: Abandon, Inputs: Inputs{S: 95, X: 100, T: 2, Sigma: 0.006, R: 0.06, Q: 0.01}},
	} {
		full, err := o.Value()
		if err != nil {
			t.Fatal(err)
		}
		v, method, err := o.ValueOnly()
		if err != nil || v != full.Value || method != full.Method {
			t.Errorf("%s: ValueOnly %.15g %q, %v; Value %.15g %q", o.Kind, v, method, err, full.Value, full.Method)
		}
	}
}

package valuation

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

var latticeCases = []Inputs{
	{S: 100, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02},
	{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01},
	{S: 80, X: 100, T: 0.5, Sigma: 0.6, R: 0.0, Q: 0.0},
	{S: 130, X: 100, T: 2, Sigma: 0.15, R: 0.08, Q: 0.12},
	{S: 100, X: 100, T: 5, Sigma: 3, R: 0.03, Q: 0.0},
}

func TestLatticeEuropeanConvergesToBSM(t *testing.T) {
	for _, in := range latticeCases {
		for _, typ := range []OptionType{Call, Put} {
			bs, _ := BlackScholes(typ, in)
			// Leisen-Reimer at 201 steps: within 1e-5 relative (issue 3).
			lr, err := LeisenReimer(typ, European, in, 201)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinAbsOrRel(lr.Value, bs, 1e-8, 1e-5) {
				t.Errorf("LR %v %+v: %.10f, BSM %.10f", typ, in, lr.Value, bs)
			}
			// CRR: the error shrinks with steps (first order, oscillating:
			// compare 50 against 2000 steps).
			c50, _ := CRR(typ, European, in, 50)
			c2000, _ := CRR(typ, European, in, 2000)
			e50, e2000 := math.Abs(c50.Value-bs), math.Abs(c2000.Value-bs)
			if !(e2000 < e50) || e2000 > 2e-3*math.Max(bs, 1) {
				t.Errorf("CRR %v %+v: error %.3g at 50 steps, %.3g at 2000 steps", typ, in, e50, e2000)
			}
			// Greeks close to the analytic ones.
			g, _ := BlackScholesGreeks(typ, in)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"delta", lr.Greeks.Delta, g.Greeks.Delta}, {"gamma", lr.Greeks.Gamma, g.Greeks.Gamma},
				{"vega", lr.Greeks.Vega, g.Greeks.Vega}, {"theta", lr.Greeks.Theta, g.Greeks.Theta}, {"rho", lr.Greeks.Rho, g.Greeks.Rho}} {
				// Theta from the two-step node is first order in dt
				// (2 dt = 0.02 years here): 2% tolerance.
				abs, tol := 2e-3, 5e-3
				if c.name == "theta" {
					abs, tol = 5e-3, 2e-2
				}
				if !scalar.EqualWithinAbsOrRel(c.got, c.want, abs, tol) {
					t.Errorf("LR %v %+v %s: %.6g, BSM %.6g", typ, in, c.name, c.got, c.want)
				}
			}
		}
	}
}

func TestLRConvergenceOrder(t *testing.T) {
	// Leisen-Reimer converges at second order: the error at 401 steps is
	// well below a quarter of the error at 101 steps... allow a factor 3.
	in := Inputs{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01}
	bs, _ := BlackScholes(Put, in)
	a, _ := LeisenReimer(Put, European, in, 101)
	b, _ := LeisenReimer(Put, European, in, 401)
	ea, eb := math.Abs(a.Value-bs), math.Abs(b.Value-bs)
	if !(eb < ea/3) {
		t.Errorf("LR errors %.3g at 101 and %.3g at 401 steps: not second order", ea, eb)
	}
}

func TestAmericanBounds(t *testing.T) {
	for _, in := range latticeCases {
		for _, typ := range []OptionType{Call, Put} {
			for name, f := range map[string]func(OptionType, Style, Inputs, int) (Result, error){"CRR": CRR, "LR": LeisenReimer} {
				am, err := f(typ, American, in, 301)
				if err != nil {
					t.Fatal(err)
				}
				eu, _ := f(typ, European, in, 301)
				intr := math.Max(in.S-in.X, 0)
				if typ == Put {
					intr = math.Max(in.X-in.S, 0)
				}
				if am.Value < eu.Value-1e-12 || am.Value < intr-1e-12 {
					t.Errorf("%s %v %+v: American %.8f < European %.8f or intrinsic %.8f", name, typ, in, am.Value, eu.Value, intr)
				}
				if typ == Call && in.Q == 0 && in.R >= 0 && !scalar.EqualWithinAbsOrRel(am.Value, eu.Value, 1e-12, 1e-12) {
					t.Errorf("%s %+v: American call without leakage %.12f != European %.12f", name, in, am.Value, eu.Value)
				}
			}
		}
	}
}

// TestAmericanPutPublished checks American puts against the finite-difference
// values of Longstaff and Schwartz (2001), "Valuing American options by
// simulation", Table 1 (X = 40, r = 0.06, q = 0), three decimals. Their
// finite-difference grid is coarse: later work (e.g. the 4.4867 of long
// binomial runs for S = 36) puts the true values up to 0.009 higher, so the
// tolerance is 0.015.
func TestAmericanPutPublished(t *testing.T) {
	for _, c := range []struct {
		S, sigma, T, want float64
	}{
		{36, 0.2, 1, 4.478}, {38, 0.2, 1, 3.250}, {40, 0.2, 1, 2.314}, {42, 0.2, 1, 1.617}, {44, 0.2, 1, 1.110},
		{36, 0.2, 2, 4.840}, {36, 0.4, 1, 7.101}, {36, 0.4, 2, 8.508}, {44, 0.4, 2, 5.647},
	} {
		in := Inputs{S: c.S, X: 40, T: c.T, Sigma: c.sigma, R: 0.06}
		for name, f := range map[string]func(OptionType, Style, Inputs, int) (Result, error){"CRR": CRR, "LR": LeisenReimer} {
			r, err := f(Put, American, in, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinAbs(r.Value, c.want, 0.015) {
				t.Errorf("%s American put %+v: %.4f, published %.3f", name, in, r.Value, c.want)
			}
		}
	}
}

// TestAmericanCallPutSymmetry checks the American call with leakage against
// the McDonald-Schroder (1998) symmetry C(S, X, r, q) = P(X, S, q, r), an
// identity of the continuous-time problem; both lattices approximate it.
func TestAmericanCallPutSymmetry(t *testing.T) {
	for _, in := range []Inputs{
		{S: 100, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.08},
		{S: 120, X: 100, T: 3, Sigma: 0.35, R: 0.03, Q: 0.06},
		{S: 90, X: 100, T: 0.25, Sigma: 0.2, R: 0.08, Q: 0.12},
	} {
		c, _ := LeisenReimer(Call, American, in, 1001)
		sym := Inputs{S: in.X, X: in.S, T: in.T, Sigma: in.Sigma, R: in.Q, Q: in.R}
		p, _ := LeisenReimer(Put, American, sym, 1001)
		if !scalar.EqualWithinAbsOrRel(c.Value, p.Value, 2e-3, 2e-4) {
			t.Errorf("%+v: American call %.6f, symmetric put %.6f", in, c.Value, p.Value)
		}
	}
}

// TestBAWTable checks American calls with leakage against the values of
// Barone-Adesi and Whaley (1987), Table IV (X = 100, r = 0.08, b = r - q =
// -0.04, sigma = 0.2, T = 0.25), whose quadratic approximation they state is
// within a few cents of finite differences: tolerance 0.1 as in issue 3.
func TestBAWTable(t *testing.T) {
	for _, c := range []struct{ S, want float64 }{
		{80, 0.03}, {90, 0.59}, {100, 3.52}, {110, 10.31}, {120, 20.0},
	} {
		in := Inputs{S: c.S, X: 100, T: 0.25, Sigma: 0.2, R: 0.08, Q: 0.12}
		r, _ := LeisenReimer(Call, American, in, 1001)
		if !scalar.EqualWithinAbs(r.Value, c.want, 0.1) {
			t.Errorf("American call S=%v: %.4f, BAW %.2f", c.S, r.Value, c.want)
		}
	}
}

func TestCRRProbabilityError(t *testing.T) {
	// sigma sqrt(dt) = 0.01*sqrt(0.1) = 0.0032 < (r - q) dt = 0.01: p > 1.
	_, err := CRR(Call, European, Inputs{S: 100, X: 100, T: 1, Sigma: 0.01, R: 0.1}, 10)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Input != "sigma" {
		t.Fatalf("got %v, want an *InputError on sigma", err)
	}
	// Leisen-Reimer handles the same inputs.
	r, err := LeisenReimer(Call, European, Inputs{S: 100, X: 100, T: 1, Sigma: 0.01, R: 0.1}, 11)
	bs, _ := BlackScholes(Call, Inputs{S: 100, X: 100, T: 1, Sigma: 0.01, R: 0.1})
	if err != nil || !scalar.EqualWithinAbsOrRel(r.Value, bs, 1e-6, 1e-6) {
		t.Errorf("LR: %v %v, BSM %v", r, err, bs)
	}
	if _, err := CRR(Call, European, Inputs{S: 100, X: 100, T: 1, Sigma: 0.2}, 1); !errors.As(err, &ie) || ie.Input != "steps" {
		t.Errorf("1 step: got %v, want an *InputError on steps", err)
	}
}

func TestLatticeEdgeCases(t *testing.T) {
	cases := []struct {
		name  string
		typ   OptionType
		style Style
		in    Inputs
		want  float64
	}{
		{"t=0", Put, American, Inputs{S: 90, X: 100, Sigma: 0.3, R: 0.05}, 10},
		{"S=0 American put", Put, American, Inputs{X: 100, T: 1, Sigma: 0.3, R: 0.05}, 100},
		{"S=0 European put", Put, European, Inputs{X: 100, T: 1, Sigma: 0.3, R: 0.05}, 100 * math.Exp(-0.05)},
		{"X=0 American call", Call, American, Inputs{S: 100, T: 1, Sigma: 0.3, R: 0.05, Q: 0.02}, 100},
		// sigma = 0, r = 0.05, q = 0.01: the call is best exercised at T:
		// 100 e^{-0.01 T} - 90 e^{-0.05 T} grows with T.
		{"sigma=0 American call", Call, American, Inputs{S: 100, X: 90, T: 2, R: 0.05, Q: 0.01}, 100*math.Exp(-0.02) - 90*math.Exp(-0.1)},
		// sigma = 0, put deep in the money with r > 0: exercise at once.
		{"sigma=0 American put", Put, American, Inputs{S: 50, X: 100, T: 2, R: 0.05}, 50},
		// sigma = 0 with q > r: the call pays most at tau* = ln(qS/(rX))/(r-q)
		// = ln(0.1*100/(0.02*100))/(-0.08) < 0, so at once: 100 - 100 = 0...
		// with X = 80: S e^{-q tau} - X e^{-r tau} is largest at tau = 0: 20.
		{"sigma=0 q>r call", Call, American, Inputs{S: 100, X: 80, T: 2, R: 0.02, Q: 0.1}, 20},
	}
	for _, c := range cases {
		for name, f := range map[string]func(OptionType, Style, Inputs, int) (Result, error){"CRR": CRR, "LR": LeisenReimer} {
			r, err := f(c.typ, c.style, c.in, 100)
			if err != nil {
				t.Fatalf("%s %s: %v", name, c.name, err)
			}
			if !scalar.EqualWithinAbsOrRel(r.Value, c.want, 1e-12, 1e-12) {
				t.Errorf("%s %s: %v, want %v (%s)", name, c.name, r.Value, c.want, r.Method)
			}
		}
	}
}

// TestPruningBound checks the stated pruning bound: the pruned lattice value
// equals the value of the same lattice without pruning (all nodes, plain
// roll-back written here) within pruneTolerance of the value.
func TestPruningBound(t *testing.T) {
	for _, in := range []Inputs{
		{S: 100, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02},
		{S: 160, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02},
		{S: 100, X: 100, T: 10, Sigma: 0.8, R: -0.02, Q: 0.0},
	} {
		for _, style := range []Style{European, American} {
			tr, _ := crrTree(in, 1000)
			got := runTree(Put, style, in, tr, false).v0
			want := plainPut(style, in, tr)
			if !scalar.EqualWithinAbsOrRel(got, want, 0, 1e-13) {
				t.Errorf("%v %+v: pruned %.16g, plain %.16g", style, in, got, want)
			}
		}
	}
}

// plainPut rolls back every node of the tree, with exp for every price.
func plainPut(style Style, in Inputs, t tree) float64 {
	n := t.n
	v := make([]float64, n+1)
	price := func(i, j int) float64 { return in.S * math.Exp(float64(j)*t.lnu+float64(i-j)*t.lnd) }
	for j := range v {
		v[j] = math.Max(in.X-price(n, j), 0)
	}
	disc := math.Exp(-in.R * t.dt)
	for i := n - 1; i >= 0; i-- {
		for j := 0; j <= i; j++ {
			v[j] = disc * (t.p*v[j+1] + (1-t.p)*v[j])
			if style == American {
				v[j] = math.Max(v[j], in.X-price(i, j))
			}
		}
	}
	return v[0]
}

func TestLatticeValueMatchesGreeksPath(t *testing.T) {
	for _, in := range latticeCases {
		for _, typ := range []OptionType{Call, Put} {
			r, _ := CRR(typ, American, in, 300)
			v, err := CRRValue(typ, American, in, 300)
			if err != nil || v != r.Value {
				t.Errorf("CRRValue %v %+v = %v (%v), CRR %v", typ, in, v, err, r.Value)
			}
			r, _ = LeisenReimer(typ, European, in, 300)
			v, err = LeisenReimerValue(typ, European, in, 300)
			if err != nil || v != r.Value {
				t.Errorf("LeisenReimerValue %v %+v = %v (%v), LeisenReimer %v", typ, in, v, err, r.Value)
			}
		}
	}
}

// checkedLattice rolls back every kept node of the tree with the exercise
// check at every node: none of latticePut's and latticeCall's shortcuts
// (stopping at the exercise boundary, boundary tracking, no check out of the
// money), the same price tables, arithmetic and pruned nodes (put nodes
// above putBounds.hi are 0). It returns the root and the nodes of steps 1
// and 2, and for each step the highest exercised node (-1 if none).
func checkedLattice(typ OptionType, style Style, in Inputs, t tree) (nodes, []int) {
	n := t.n
	upw, dpw := make([]float64, n+2), make([]float64, n+2)
	powers(upw[:n+1], t.lnu)
	powers(dpw[:n+1], t.lnd)
	for j := range upw[:n+1] {
		upw[j] *= in.S
	}
	payoff := func(i, j int) float64 {
		if typ == Put {
			return in.X - upw[j]*dpw[i-j]
		}
		return upw[j]*dpw[i-j] - in.X
	}
	hi := func(i int) int { return i }
	if typ == Put {
		hi = newPutBounds(in, t).hi
	}
	pu, pd, american, _ := rollSetup(style, in, t)
	v := make([]float64, n+2)
	for j := 0; j <= hi(n); j++ {
		v[j] = max(payoff(n, j), 0)
	}
	var nd nodes
	topEx := make([]int, n+1)
	topEx[n] = -1
	for j := 0; j <= hi(n); j++ {
		if payoff(n, j) > 0 {
			topEx[n] = j
		}
	}
	for i := n - 1; i >= 0; i-- {
		h := hi(i)
		topEx[i] = -1
		for j := 0; j <= i; j++ {
			if j > h {
				v[j] = 0
				continue
			}
			cont := pu*v[j+1] + pd*v[j]
			if ex := payoff(i, j); american && ex > cont {
				cont = ex
				topEx[i] = j
			}
			v[j] = cont
		}
		v[i+1] = 0
		nd.setValues(i, func(j int) float64 { return v[j] })
	}
	nd.v0 = v[0]
	return nd, topEx
}

// TestLatticeAgainstCheckedRollBack checks the roll-back shortcuts against
// the plain checked roll-back on the same tree: equal within 1e-14 of the
// value (in floating point a shortcut can only flip a tie between exercise
// and continuation), for the root and the nodes the Greeks use, over puts and
// calls, both styles, CRR and Leisen-Reimer, q of both signs and prices
// across the exercise boundary.
func TestLatticeAgainstCheckedRollBack(t *testing.T) {
	ins := []Inputs{}
	for _, S := range []float64{40, 70, 85, 95, 100, 105, 120, 160} {
		for _, p := range []struct{ T, sigma, r, q float64 }{
			{1, 0.25, 0.05, 0.02}, {0.1, 0.2, 0.1, 0}, {3, 0.4, 0.05, 0.01}, {10, 0.8, -0.02, 0},
			{2, 0.15, 0.08, 0.12}, {1, 0.3, 0.05, -0.03}, {0.5, 1.5, 0.03, 0.04}, {5, 0.05, 0.02, 0.15},
		} {
			ins = append(ins, Inputs{S: S, X: 100, T: p.T, Sigma: p.sigma, R: p.r, Q: p.q})
		}
	}
	var worst float64
	for _, in := range ins {
		for _, lr := range []bool{false, true} {
			for _, steps := range []int{3, 64, 501} {
				tr, err := buildTree(lr, in, steps)
				if err != nil {
					continue
				}
				for _, typ := range []OptionType{Call, Put} {
					for _, style := range []Style{European, American} {
						got := runTree(typ, style, in, tr, true)
						want, topEx := checkedLattice(typ, style, in, tr)
						if typ == Put && style == American && in.Q >= 0 {
							// Boundary tracking: no node of step i at or
							// above lo2 - 1 + k is exercised, lo2 the lowest
							// node of step i+2 not exercised.
							k := trackOffset(tr)
							for i := 0; i+2 < len(topEx); i++ {
								if topEx[i] >= 0 && topEx[i] >= topEx[i+2]+k {
									t.Errorf("put lr=%v %d steps %+v: step %d exercised up to node %d, step %d up to %d (k %d)", lr, steps, in, i, topEx[i], i+2, topEx[i+2], k)
									break
								}
							}
						}
						for _, c := range []struct {
							name      string
							got, want float64
						}{{"v0", got.v0, want.v0}, {"v10", got.v10, want.v10}, {"v11", got.v11, want.v11},
							{"v20", got.v20, want.v20}, {"v21", got.v21, want.v21}, {"v22", got.v22, want.v22}} {
							d := math.Abs(c.got-c.want) / math.Max(want.v0, 1e-300)
							worst = max(worst, d)
							if d > 1e-14 {
								t.Errorf("%v %v lr=%v %d steps %+v %s: %.17g, checked %.17g", typ, style, lr, steps, in, c.name, c.got, c.want)
							}
						}
					}
				}
			}
		}
	}
	t.Logf("largest difference %.3g of the value", worst)
}

// TestLeisenReimerStepsRaisedAfterCheck: both Leisen-Reimer entry points
// check steps before raising an even count by one, so MaxSteps (even) is
// accepted by the value-alone path as by LeisenReimer (it runs 100001 steps:
// the American put is then within 1e-6 of its value on 99999 steps) and
// MaxSteps+1 is refused by both.
func TestLeisenReimerStepsRaisedAfterCheck(t *testing.T) {
	in := Inputs{S: 100, X: 100, T: 1, Sigma: 0.25, R: 0.05, Q: 0.02}
	ref, _ := LeisenReimerValue(Put, American, in, MaxSteps-1)
	v, err := LeisenReimerValue(Put, American, in, MaxSteps)
	if err != nil || v == ref || !scalar.EqualWithinAbs(v, ref, 1e-6) {
		t.Errorf("LeisenReimerValue at MaxSteps: %v (%v), at 99999 steps %v", v, err, ref)
	}
	var ie *InputError
	if _, err := LeisenReimerValue(Put, American, in, MaxSteps+1); !errors.As(err, &ie) || ie.Input != "steps" {
		t.Errorf("LeisenReimerValue at MaxSteps+1: %v, want an *InputError on steps", err)
	}
	if _, err := LeisenReimer(Put, American, in, MaxSteps+1); !errors.As(err, &ie) || ie.Input != "steps" {
		t.Errorf("LeisenReimer at MaxSteps+1: %v, want an *InputError on steps", err)
	}
}

// rollRow is the row of 20 node values, 1/(k+3), and the up and down
// weights that TestRollStep and TestRoll2 roll back.
func rollRow() (o []float64, pu, pd float64) {
	o = make([]float64, 20)
	for k := range o {
		o[k] = 1 / float64(k+3)
	}
	return o, 0.4987, 0.4961
}

// TestRollStep checks the unrolled roll-back step against the plain loop,
// bit for bit, for every row length up to 13 (each remainder of the
// four-node passes) and for offsets into longer rows.
func TestRollStep(t *testing.T) {
	o, pu, pd := rollRow()
	for off := 0; off < 3; off++ {
		for n := 0; n <= 13; n++ {
			w := make([]float64, n+1)
			w[n] = -1 // must stay untouched
			rollStep(w[:n], o[off:], pu, pd)
			for k := 0; k < n; k++ {
				if want := pu*o[off+k+1] + pd*o[off+k]; w[k] != want {
					t.Errorf("offset %d, %d nodes: w[%d] = %.17g, want %.17g", off, n, k, w[k], want)
				}
			}
			if w[n] != -1 {
				t.Errorf("offset %d, %d nodes: wrote past the row", off, n)
			}
		}
	}
}

// TestPowers checks powers against its definition computed block after
// block (exp at every 16th power, products in between), bit for bit, for
// lengths that end anywhere in a block.
func TestPowers(t *testing.T) {
	for _, lnx := range []float64{0.0079, -0.0079, 0.25, -1.3} {
		for _, n := range []int{0, 1, 2, 15, 16, 17, 31, 33, 1001} {
			got := make([]float64, n)
			powers(got, lnx)
			x := math.Exp(lnx)
			want := 1.0
			for k := range got {
				if k&15 == 0 {
					want = math.Exp(float64(k) * lnx)
				} else {
					want *= x
				}
				if got[k] != want {
					t.Fatalf("lnx %g, %d powers: [%d] = %.17g, want %.17g", lnx, n, k, got[k], want)
				}
			}
		}
	}
}

// TestRoll2 checks the two-step sweep against two plain loops, to the bit,
// for every length up to 13 and three offsets, and that it writes nothing
// past its row.
func TestRoll2(t *testing.T) {
	o, pu, pd := rollRow()
	for off := 0; off < 3; off++ {
		for n := 0; n <= 13; n++ {
			// m[k] is node k-1 of the first step: m[0] = m0 is given.
			m := make([]float64, n+1)
			m[0] = 0.25 + float64(off)
			for k := 1; k <= n; k++ {
				m[k] = pu*o[off+k] + pd*o[off+k-1]
			}
			w := make([]float64, n+1)
			w[n] = -1 // must stay untouched
			last := roll2(w[:n], o[off:], m[0], pu, pd)
			if last != m[n] {
				t.Errorf("offset %d, %d nodes: returned %.17g, want %.17g", off, n, last, m[n])
			}
			for k := 0; k < n; k++ {
				if want := pu*m[k+1] + pd*m[k]; w[k] != want {
					t.Errorf("offset %d, %d nodes: w[%d] = %.17g, want %.17g", off, n, k, w[k], want)
				}
			}
			if w[n] != -1 {
				t.Errorf("offset %d, %d nodes: wrote past the row", off, n)
			}
		}
	}
}

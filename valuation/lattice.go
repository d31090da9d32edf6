package valuation

import (
	"errors"
	"fmt"
	"math"
	"sync"
)

// MaxSteps bounds the number of lattice steps.
const MaxSteps = 100000

// VegaBump and RhoBump are the bumps of lattice vega and rho, each by one
// extra lattice with the same steps: vega = (V(sigma+h) - V(sigma))/h with
// h = VegaBump (backward when sigma+h > MaxSigma), rho = (V(r+h) - V(r))/h
// with h = RhoBump. The forward difference is first order in h: for vega
// the error is about h/2 * d2V/dsigma2, typically below 1% of vega.
const (
	VegaBump = 1e-3
	RhoBump  = 1e-4
)

// pruneTolerance is the relative bound on the error that lattice pruning may
// add: the truncated lattice value differs from the full lattice value by at
// most pruneTolerance times the European Black-Scholes-Merton value (a lower
// bound of the American value). See latticePut.
const pruneTolerance = 1e-13

// latticeBuf holds the reusable buffers of one lattice evaluation.
type latticeBuf struct {
	upw, dpw, a, b, c []float64
	hi                []int // a put's highest kept node at each step (putBounds.hi)
}

var latticePool = sync.Pool{New: func() any { return new(latticeBuf) }}

// grow makes every buffer hold at least n+2 elements.
func (lb *latticeBuf) grow(n int) {
	if cap(lb.a) < n+2 {
		lb.upw = make([]float64, n+2)
		lb.dpw = make([]float64, n+2)
		lb.a = make([]float64, n+2)
		lb.b = make([]float64, n+2)
		lb.c = make([]float64, n+2)
		lb.hi = make([]int, n+2)
	}
	lb.upw, lb.dpw, lb.a, lb.b, lb.c = lb.upw[:n+2], lb.dpw[:n+2], lb.a[:n+2], lb.b[:n+2], lb.c[:n+2]
	lb.hi = lb.hi[:n+2]
}

// powers fills dst[k] = x^k = exp(k ln x), k = 0..len-1, by multiplication,
// recomputed exactly with math.Exp every 16 steps so the relative error stays
// below about 16 ulp. The blocks of 16 are filled side by side (the block
// starts first, then the k-th power of every block), so the products do not
// wait on each other; each value is the same product of the same factors as
// one block after another.
func powers(dst []float64, lnx float64) {
	x := math.Exp(lnx)
	for k := 0; k < len(dst); k += 16 {
		dst[k] = math.Exp(float64(k) * lnx)
	}
	for off := 1; off < 16; off++ {
		for k := off; k < len(dst); k += 16 {
			dst[k] = dst[k-1] * x
		}
	}
}

// tree is a recombining binomial tree: up factor u = e^{lnu} with
// risk-neutral probability p, down factor d = e^{lnd}, n steps of dt.
type tree struct {
	n            int
	dt, lnu, lnd float64
	p            float64
}

// nodes are the values and prices at the first two steps of a lattice, for
// the Greeks.
type nodes struct {
	v0, v10, v11, v20, v21, v22 float64
	s10, s11, s20, s21, s22     float64
	updated                     int // node values the roll-back computed (for the benchmarks)
}

// checkSteps returns an *InputError unless 2 <= steps <= MaxSteps (the
// Greeks need the nodes of step 2).
func checkSteps(steps int) error {
	if steps < 2 || steps > MaxSteps {
		return &InputError{Input: "steps", Value: float64(steps), Reason: fmt.Sprintf("is outside [2, %d]", MaxSteps)}
	}
	return nil
}

// CRR prices a European or American option on a textbook Cox-Ross-Rubinstein
// lattice: u = exp(sigma sqrt(dt)), d = 1/u, p = (exp((r-q)dt) - d)/(u - d),
// dt = T/steps. (QuantLib's "crr" engine uses a first-order probability
// instead, so its values differ at small step counts.)
//
// Greeks come from the lattice: delta and gamma from the nodes of steps 1 and
// 2, theta from the middle node of step 2, vega by central bump-and-reprice
// (VegaBump) and rho by forward bump-and-reprice (RhoBump). When p falls
// outside (0, 1), which happens when sigma sqrt(dt) <= |r - q| dt, CRR
// returns an *InputError naming sigma and the other inputs. T = 0 gives the
// intrinsic value and sigma = 0 the deterministic limit (see the package
// documentation). In steady state it does not allocate.
func CRR(typ OptionType, style Style, in Inputs, steps int) (Result, error) {
	return positiveZeros(crr(typ, style, in, steps))
}

// crr is CRR, with the signs of its zeros as they fall.
func crr(typ OptionType, style Style, in Inputs, steps int) (Result, error) {
	r, steps, done, err := latticeStart(false, typ, style, in, steps)
	if done {
		return r, err
	}
	return latticeGreeks(typ, style, in, false, steps)
}

// latticeStart checks the inputs of a lattice valuation and prices the
// degenerate cases (T = 0, sigma = 0: see degenerate): when done, r or err
// is the answer. For Leisen-Reimer (lr) an even steps is raised by one after
// the check, so n is the step count to use.
func latticeStart(lr bool, typ OptionType, style Style, in Inputs, steps int) (r Result, n int, done bool, err error) {
	checkTypeStyle(typ, style)
	if err := in.Validate(); err != nil {
		return Result{}, 0, true, err
	}
	if err := checkSteps(steps); err != nil {
		return Result{}, 0, true, err
	}
	if lr && steps%2 == 0 {
		steps++
	}
	r, done = degenerate(typ, style, in)
	return r, steps, done, nil
}

// maxSpread bounds sigma*sqrt(T*steps), the log-width of a lattice in
// units of its centre, so that node prices stay finite.
const maxSpread = 650

// checkSpread returns an *InputError on steps when the lattice would be
// too wide for floating point.
func checkSpread(in Inputs, steps int) error {
	if w := in.Sigma * math.Sqrt(in.T*float64(steps)); w > maxSpread {
		most := int(maxSpread * maxSpread / (in.Sigma * in.Sigma * in.T))
		return &InputError{Input: "steps", Value: float64(steps), Reason: fmt.Sprintf("is too many for sigma*sqrt(t) = %.3g: node values would overflow (at most %d)", in.Sigma*math.Sqrt(in.T), most)}
	}
	return nil
}

// buildTree returns the Leisen-Reimer (lr) or CRR tree for in.
func buildTree(lr bool, in Inputs, steps int) (tree, error) {
	if err := checkSpread(in, steps); err != nil {
		return tree{}, err
	}
	if lr {
		return lrTree(in, steps)
	}
	return crrTree(in, steps)
}

// crrTree returns the CRR tree for in, or an *InputError when p is outside
// (0, 1).
func crrTree(in Inputs, steps int) (tree, error) {
	dt := in.T / float64(steps)
	lnu := in.Sigma * math.Sqrt(dt)
	u, d := math.Exp(lnu), math.Exp(-lnu)
	p := (math.Exp((in.R-in.Q)*dt) - d) / (u - d)
	if !(p > 0 && p < 1) {
		return tree{}, &InputError{Input: "sigma", Value: in.Sigma, Reason: fmt.Sprintf(
			"is too small for a CRR lattice with %d steps: p = %.6g is outside (0, 1) because sigma*sqrt(dt) = %.3g is not above |r - q|*dt = %.3g (r = %g, q = %g, t = %g); use more steps or Leisen-Reimer",
			steps, p, lnu, math.Abs(in.R-in.Q)*dt, in.R, in.Q, in.T)}
	}
	return tree{n: steps, dt: dt, lnu: lnu, lnd: -lnu, p: p}, nil
}

// ppInversion is the Peizer-Pratt method 2 inversion h(z, n) of Leisen and
// Reimer (1996).
func ppInversion(z float64, n int) float64 {
	fn := float64(n)
	a := z / (fn + 1.0/3.0 + 0.1/(fn+1))
	h := 0.5 + 0.5*math.Sqrt(-math.Expm1(-a*a*(fn+1.0/6.0)))
	if z < 0 {
		return 1 - h
	}
	return h
}

// LeisenReimer prices a European or American option on a Leisen-Reimer
// lattice (Peizer-Pratt inversion, method 2): with d1, d2 of Black-Scholes-
// Merton, p = h(d2), p' = h(d1), u = e^{(r-q)dt} p'/p,
// d = (e^{(r-q)dt} - p u)/(1 - p). The tree is centred on the strike, so the
// method needs an odd step count: an even steps is raised to steps+1, and the
// Method string reports the count used.
//
// Greeks as for CRR; theta from the middle node of step 2 is corrected for
// its price S u d != S by the lattice delta and gamma. When sigma sqrt(t) is
// so small that p rounds to 0 or 1 the option is deterministic to machine
// precision and the deterministic limit is returned (Method says so).
func LeisenReimer(typ OptionType, style Style, in Inputs, steps int) (Result, error) {
	return positiveZeros(leisenReimer(typ, style, in, steps))
}

// leisenReimer is LeisenReimer, with the signs of its zeros as they fall.
func leisenReimer(typ OptionType, style Style, in Inputs, steps int) (Result, error) {
	r, steps, done, err := latticeStart(true, typ, style, in, steps)
	if done {
		return r, err
	}
	if err := checkSpread(in, steps); err != nil {
		return Result{}, err
	}
	res, err := latticeGreeks(typ, style, in, true, steps)
	if err != nil {
		return deterministic(typ, style, in), nil
	}
	return res, nil
}

// lrTree returns the Leisen-Reimer tree for in (steps odd), or an
// *InputError on sigma when the tree degenerates.
func lrTree(in Inputs, steps int) (tree, error) {
	dt := in.T / float64(steps)
	v := in.Sigma * math.Sqrt(in.T)
	d1 := (math.Log(in.S/in.X)+(in.R-in.Q)*in.T)/v + 0.5*v
	d2 := d1 - v
	p := ppInversion(d2, steps)
	pp := ppInversion(d1, steps)
	g := (in.R - in.Q) * dt
	lnu := g + math.Log(pp/p)
	lnd := g + math.Log((1-pp)/(1-p))
	if !(p > 0 && p < 1 && pp > 0 && pp < 1) || !(lnu > lnd) || math.IsNaN(lnu) || math.IsNaN(lnd) {
		return tree{}, &InputError{Input: "sigma", Value: in.Sigma, Reason: "is too small for a Leisen-Reimer lattice"}
	}
	return tree{n: steps, dt: dt, lnu: lnu, lnd: lnd, p: p}, nil
}

// methodNames caches the Method strings of lattices, so that pricing does
// not allocate in steady state.
var methodNames struct {
	sync.RWMutex
	m [2]map[int]string
}

// methodName returns "Cox-Ross-Rubinstein (n steps)" or
// "Leisen-Reimer (n steps)".
func methodName(lr bool, n int) string {
	k := 0
	if lr {
		k = 1
	}
	methodNames.RLock()
	s, ok := methodNames.m[k][n]
	methodNames.RUnlock()
	if ok {
		return s
	}
	name := "Cox-Ross-Rubinstein"
	if lr {
		name = "Leisen-Reimer"
	}
	s = fmt.Sprintf("%s (%d steps)", name, n)
	methodNames.Lock()
	if methodNames.m[k] == nil {
		methodNames.m[k] = map[int]string{}
	}
	if len(methodNames.m[k]) < 10000 {
		methodNames.m[k][n] = s
	}
	methodNames.Unlock()
	return s
}

// latticeGreeks prices on the tree for in and adds Greeks: delta, gamma and
// theta from the first nodes, vega and rho by forward bump-and-reprice.
func latticeGreeks(typ OptionType, style Style, in Inputs, lr bool, steps int) (Result, error) {
	t, err := buildTree(lr, in, steps)
	if err != nil {
		return Result{}, err
	}
	nd := runTree(typ, style, in, t, true)
	g := Greeks{}
	g.Delta = (nd.v11 - nd.v10) / (nd.s11 - nd.s10)
	du := (nd.v22 - nd.v21) / (nd.s22 - nd.s21)
	dd := (nd.v21 - nd.v20) / (nd.s21 - nd.s20)
	g.Gamma = (du - dd) / (0.5 * (nd.s22 - nd.s20))
	ds := nd.s21 - in.S
	g.Theta = (nd.v21 - g.Delta*ds - 0.5*g.Gamma*ds*ds - nd.v0) / (2 * t.dt)

	// Vega: forward (one extra lattice; see VegaBump).
	up := in
	up.Sigma += VegaBump
	if up.Sigma > MaxSigma {
		up.Sigma = in.Sigma - VegaBump
	}
	if tu, err := buildTree(lr, up, steps); err == nil {
		g.Vega = (runTree(typ, style, up, tu, false).v0 - nd.v0) / (up.Sigma - in.Sigma)
	}
	// Rho: forward (for CRR the bump moves p only, so the value is smooth in r).
	up = in
	up.R += RhoBump
	if up.R > MaxRate {
		up.R = in.R - RhoBump
	}
	if tu, err := buildTree(lr, up, steps); err == nil {
		g.Rho = (runTree(typ, style, up, tu, false).v0 - nd.v0) / (up.R - in.R)
	}
	return Result{Value: nd.v0, Greeks: g, Method: methodName(lr, t.n)}, nil
}

// runTree rolls the tree back and returns the root value, and when greeks is
// true the values and prices of steps 1 and 2.
func runTree(typ OptionType, style Style, in Inputs, t tree, greeks bool) nodes {
	lb := latticePool.Get().(*latticeBuf)
	lb.grow(t.n)
	powers(lb.upw[:t.n+1], t.lnu)
	powers(lb.dpw[:t.n+1], t.lnd)
	for j, x := range lb.upw[:t.n+1] {
		lb.upw[j] = in.S * x // node (i, j) is at price upw[j]*dpw[i-j]
	}
	var nd nodes
	if typ == Put {
		nd = latticePut(style, in, t, lb, greeks)
	} else {
		nd = latticeCall(style, in, t, lb, greeks)
	}
	latticePool.Put(lb)
	return nd
}

// rollSetup returns what both roll-backs start from: the discounted
// probabilities pu = e^{-r dt} p and pd = e^{-r dt} (1-p), whether exercise
// is checked (american), whether the exercise region is one-sided (early:
// American with q >= 0, see latticePut and latticeCall).
func rollSetup(style Style, in Inputs, t tree) (pu, pd float64, american, early bool) {
	disc := math.Exp(-in.R * t.dt)
	american = style == American
	return disc * t.p, disc * (1 - t.p), american, american && in.Q >= 0
}

// setValues keeps the node values of step i for the Greeks when i is 1 or
// 2; v returns the value of node j.
func (nd *nodes) setValues(i int, v func(j int) float64) {
	switch i {
	case 2:
		nd.v20, nd.v21, nd.v22 = v(0), v(1), v(2)
	case 1:
		nd.v10, nd.v11 = v(0), v(1)
	}
}

// putBounds are the node limits of a put's roll-back on the tree t (see
// latticePut for the pruning bound).
type putBounds struct {
	n                   int
	prune               bool
	mumR, cR, a0R, lndR float64
}

// newPutBounds returns the node limits of a put on t for in.
func newPutBounds(in Inputs, t tree) putBounds {
	R := t.lnu - t.lnd
	// Pruning threshold on D for n remaining steps: D > n mu- + R sqrt(n L/2).
	mum := math.Max(-(t.p*t.lnu + (1-t.p)*t.lnd), 0)
	L := math.Inf(1)
	if euro, err := BlackScholes(Put, in); err == nil && euro > 1e-250 {
		G := math.Max(1, math.Exp(-in.R*in.T))
		L = math.Log(in.X * G * G / (pruneTolerance * euro))
	}
	invR := 1 / R
	return putBounds{n: t.n, prune: !math.IsInf(L, 1), mumR: mum * invR, cR: math.Sqrt(L / 2),
		a0R: math.Log(in.S/in.X) * invR, lndR: t.lnd * invR}
}

// hi returns the highest node kept at step i: the pruning threshold
// D > n mu- + R sqrt(n L/2) in node units, plus one node of margin for
// rounding.
func (b putBounds) hi(i int) int {
	if !b.prune {
		return i
	}
	rem := float64(b.n - i)
	j := rem*b.mumR + b.cR*math.Sqrt(rem) - b.a0R - float64(i)*b.lndR + 1
	if j >= float64(i) {
		return i
	}
	if j < 0 {
		return -1
	}
	return int(j)
}

// x returns a node of step i at and above which S > X for sure (one node of
// margin).
func (b putBounds) x(i int) int {
	j := math.Ceil(-b.a0R-float64(i)*b.lndR) + 1
	if j < 0 {
		return 0
	}
	if j > float64(i+1) {
		return i + 1
	}
	return int(j)
}

// trackOffset returns k of latticePut's boundary tracking: the least k >= 0
// with (u/d)^k >= ud, at most n+2.
func trackOffset(t tree) int {
	s := t.lnu + t.lnd
	if s <= 0 {
		return 0
	}
	return int(math.Min(math.Ceil(s/(t.lnu-t.lnd)), float64(t.n+2)))
}

// latticePut rolls back a put. Four shortcuts keep it fast, all exact or
// bounded:
//
// Exercise region. For an American put with q >= 0 the lattice continuation
// value minus the exercise value X - S is non-decreasing in S (the
// continuation's slope in S is at least -e^{-q dt} >= -1), so the exercise
// nodes at each step are exactly those below some node. The roll-back runs
// from the top node down and stops at the first node where exercise beats
// continuation; the nodes below hold X - S implicitly. This is exact.
//
// Boundary tracking. On a tree with the same u, d and p at every step the
// American value with two more steps to go is at least the value without
// them at every price S (the one-step roll-back B, a map of functions of S,
// is monotone and B(B(g)) >= g for the payoff g, so B^{m+2}(g) >= B^m(g)):
// the exercise region does not grow going back two steps, so the nodes of
// step i priced at or above a node of step i+2 that is not exercised are not
// exercised either. Node (i+2, j+1) is at the price of node (i, j) times ud,
// and each node up is u/d higher; so with lo2 the lowest stored node of step
// i+2, the nodes j >= lo2 - 1 + k of step i need no exercise check, with k
// the least k >= 0 such that (u/d)^k >= ud: k = 0 when ud <= 1 (CRR's tree,
// where ud = 1), k = 1 when 1 < ud and d < 1. Only the one or two nodes below
// them are compared, until the first exercise node. (In floating point the
// prices of (i, j) and (i+2, j+1) on CRR's tree can differ by an ulp, which
// can only flip a tie.)
//
// Out of the money. Nodes with S > X are never exercised, so there the
// roll-back is the plain discounted expectation without the comparison.
//
// Pruning. A node whose price S is so far above X that the walk can hardly
// come back below X is set to 0. By the Azuma-Hoeffding maximal inequality
// for the remaining n steps (log increments in an interval of length
// R = ln u - ln d, mean mu), the probability of ever reaching S <= X is at
// most exp(-2 (D - n mu-)^2 / (n R^2)) with D = ln(S/X), mu- = max(-mu, 0);
// the put is worth at most X G there, G = max(1, e^{-rT}). Nodes where
// X G^2 times that bound is below eps = pruneTolerance * (European BSM value)
// are pruned, so the root value changes by at most eps: below 1e-13 of the
// option value.
//
// Temporal blocking. Above step 3 the steps go in pairs: the exercise
// checks of the first step (which read only the step before) come first,
// then one sweep (roll2) rolls the plain nodes of both steps, so the first
// step's plain values stay in registers; the few plain nodes of the second
// step outside the sweep follow one by one. Every node is the same
// expression of the same values as step by step, so results are unchanged
// to the bit. Measured side by side in one run (CPU time per updated node,
// least of many 16-valuation blocks, 1000 steps over the benchmark's spots,
// 2-core AMD EPYC at load 1.5-6): the European put, whose band runs from
// node 0 to the pruning limit, 0.465-0.488 ns before and 0.413-0.429 ns
// after (-11%); the pruned American put (about 87 nodes a step) 0.64-0.67 ns
// both, as its cost beyond the sweep is the per-step work at the boundary.
// Then roll2 went four nodes a pass and edge took the bookkeeping after it
// (the 0 above the top node, the count) and fewer bounds checks: 156.0M
// to 142.6M instructions over 176 puts (callgrind), and the roll-back
// alone, least of 1,500 16-valuation blocks interleaved with the code
// before, 0.59-0.63 ns against 0.61-0.65 ns per updated node (10 runs at
// load 2-8): the sweep is at the scalar floor (two multiplications and an
// addition a node), so what is left is the boundary work. A table of
// sqrt(n - i) for the pruning limits instead of math.Sqrt gained nothing.
func latticePut(style Style, in Inputs, t tree, lb *latticeBuf, greeks bool) nodes {
	n := t.n
	S, X := in.S, in.X
	upw, dpw := lb.upw, lb.dpw
	pu, pd, american, early := rollSetup(style, in, t)
	b := newPutBounds(in, t)
	pr := &putRoll{upw: upw, dpw: dpw, X: X, pu: pu, pd: pd, american: american, early: early,
		n: n, track: 1 - trackOffset(t), b: b}
	o, w, x := lb.a, lb.b, lb.c
	// Maturity: nodes below lo hold X - S implicitly, nodes above hi are 0.
	hi := b.hi(n)
	lo := 0
	for j := 0; j <= hi; j++ {
		if X-upw[j]*dpw[n-j] > 0 {
			lo = j + 1
			continue
		}
		o[j] = 0
	}
	if lo > hi+1 {
		lo = hi + 1
	}
	o[hi+1] = 0
	var nd nodes
	nd.updated = hi + 1 - lo
	lo2 := n + 2 // lo of step i+2: none yet
	// The limits of all steps first: each is a square root and a few
	// operations that do not depend on each other, so the processor overlaps
	// them here, while in the roll-back each would delay its step's start
	// (putBounds.hi was 15% of a 1000-step CRR put's profile).
	his := lb.hi[:n]
	for i := range his {
		his[i] = b.hi(i)
	}
	// Each step stores its nodes lo..hi and a 0 at hi+1; the nodes above
	// that a step reads are zeroed first (pruned at the step before).
	for i := n - 1; i >= 0; i-- {
		nhi := his[i]
		for k := hi + 2; k <= nhi+1; k++ {
			o[k] = 0
		}
		jA := max(pr.plainFrom(i, lo, lo2), lo)
		if i < 4 {
			// One step (the Greeks read steps 2, 1 and 0 whole).
			if jA <= nhi {
				rollStep(w[jA:nhi+1], o[jA:], pu, pd)
			}
			nlo := pr.edge(w, o, i, jA, lo, lo2, nhi)
			lo2 = lo
			o, w, lo, hi = w, o, nlo, nhi
			if greeks && i <= 2 {
				nd.setValues(i, func(j int) float64 {
					switch {
					case j < lo:
						return X - upw[j]*dpw[i-j]
					case j > hi:
						return 0
					}
					return o[j]
				})
			}
			continue
		}
		// Two steps, i into w and i-1 into x (temporal blocking). The
		// exercise checks below the plain parts read only the step
		// before, so step i's is done first; then the plain nodes of
		// step i-1 that need only plain nodes of step i are rolled in
		// one sweep with them (roll2), and the few others one by one.
		nlo := pr.edge(w, o, i, jA, lo, lo2, nhi)
		i--
		nhi1 := his[i]
		for k := nhi + 2; k <= nhi1+1; k++ {
			w[k] = 0
		}
		jA1 := max(pr.plainFrom(i, nlo, lo), nlo)
		// Plain parts: step i+1 (of the pair's first step) jA..nhi, step
		// i jA1..nhi1. The sweep does nodes t..k1 of step i.
		t, k1 := max(jA1, jA-1), min(nhi1, nhi-1)
		if t <= k1 {
			var m0 float64 // node t of step i+1
			if t < jA {
				m0 = w[t] // checked above
			} else {
				if jA < t {
					rollStep(w[jA:t], o[jA:], pu, pd)
				}
				m0 = pu*o[t+1] + pd*o[t]
				w[t] = m0
			}
			w[k1+1] = roll2(x[t:k1+1], o[t+1:], m0, pu, pd)
			if k1+2 <= nhi {
				rollStep(w[k1+2:nhi+1], o[k1+2:], pu, pd)
			}
			for k := jA1; k < t; k++ {
				x[k] = pu*w[k+1] + pd*w[k]
			}
			for k := k1 + 1; k <= nhi1; k++ {
				x[k] = pu*w[k+1] + pd*w[k]
			}
		} else {
			if jA <= nhi {
				rollStep(w[jA:nhi+1], o[jA:], pu, pd)
			}
			if jA1 <= nhi1 {
				rollStep(x[jA1:nhi1+1], w[jA1:], pu, pd)
			}
		}
		nlo1 := pr.edge(x, w, i, jA1, nlo, lo, nhi1)
		lo2 = nlo
		o, x, lo, hi = x, o, nlo1, nhi1
	}
	nd.updated += pr.updated
	switch {
	case lo > 0:
		nd.v0 = X - S
	case hi < 0:
		nd.v0 = 0
	default:
		nd.v0 = o[0]
	}
	nd.setScaledPrices(upw, dpw)
	return nd
}

// latticeCall rolls back a call. For an American call with q >= 0 the
// exercise nodes at each step are exactly those above some node (the
// continuation's slope in S is at most e^{-q dt} <= 1), so the roll-back runs
// from the bottom node up and stops at the first exercise node; the nodes
// above hold S - X implicitly. Nodes with S < X are never exercised and get
// the plain discounted expectation. Both shortcuts are exact; calls are not
// pruned.
func latticeCall(style Style, in Inputs, t tree, lb *latticeBuf, greeks bool) nodes {
	n := t.n
	S, X := in.S, in.X
	upw, dpw := lb.upw, lb.dpw
	pu, pd, american, early := rollSetup(style, in, t)
	R, a0 := t.lnu-t.lnd, math.Log(S/X)
	// xOf returns a node index at step i at and below which S < X for sure.
	xOf := func(i int) int {
		j := math.Floor((-a0-float64(i)*t.lnd)/R) - 1
		if j < -1 {
			return -1
		}
		if j > float64(i) {
			return i
		}
		return int(j)
	}
	o, w := lb.a, lb.b
	// Maturity: nodes above top hold S - X implicitly.
	top := n
	for j := 0; j <= n; j++ {
		if upw[j]*dpw[n-j]-X > 0 {
			top = j - 1
			break
		}
		o[j] = 0
	}
	var nd nodes
	nd.updated = top + 1
	for i := n - 1; i >= 0; i-- {
		ntop := i
		// Plain part: both children stored (j+1 <= top) and S < X.
		jA := min(xOf(i), top-1)
		if jA >= 0 {
			rollStep(w[:jA+1], o, pu, pd)
		}
		for j := max(jA+1, 0); j <= i; j++ {
			var up, dn float64
			if j+1 <= top {
				up = o[j+1]
			} else {
				up = upw[j+1]*dpw[i-j] - X
			}
			if j <= top {
				dn = o[j]
			} else {
				dn = upw[j]*dpw[i+1-j] - X
			}
			cont := pu*up + pd*dn
			if american {
				if ex := upw[j]*dpw[i-j] - X; ex > cont {
					if early {
						ntop = j - 1
						break
					}
					cont = ex
				}
			}
			w[j] = cont
		}
		nd.updated += ntop + 1
		o, w, top = w, o, ntop
		if greeks && i <= 2 {
			nd.setValues(i, func(j int) float64 {
				if j > top {
					return upw[j]*dpw[i-j] - X
				}
				return o[j]
			})
		}
	}
	if top < 0 {
		nd.v0 = S - X
	} else {
		nd.v0 = o[0]
	}
	nd.setScaledPrices(upw, dpw)
	return nd
}

// putRoll is what a put's roll-back step reads besides the value rows: the
// price tables (node (i, j) is at upw[j]*dpw[i-j]), the strike, the
// discounted probabilities and the style (see rollSetup).
type putRoll struct {
	upw, dpw        []float64
	X, pu, pd       float64
	american, early bool
	n, track        int // steps; boundary tracking: nodes j >= lo2 - track need no check
	b               putBounds
	updated         int // the nodes of the steps edge finished
}

// plainFrom returns the lowest node of step i where the plain part may
// start by the exercise shortcuts, given lo of steps i+1 (lo1) and i+2
// (lo2; n+2 before step i+2 is known): no exercise (European), or
// (boundary tracking, once step i+2 is known) j >= lo2 - track, or S > X.
// The boundary is below X, so with tracking its bound alone is used.
func (r *putRoll) plainFrom(i, lo1, lo2 int) int {
	switch {
	case !r.american:
		return lo1
	case r.early && lo2 <= r.n:
		return lo2 - r.track
	}
	return r.b.x(i)
}

// edge rolls back the nodes of step i below jA (the start of the plain
// part, >= lo) from o (step i+1, stored from lo) into w, sets the 0 above
// the step's top node nhi, counts the step's nodes in r.updated and
// returns the lower limit of step i's stored nodes (see check); lo2 is lo
// of step i+2.
func (r *putRoll) edge(w, o []float64, i, jA, lo, lo2, nhi int) int {
	w[nhi+1] = 0
	var nlo int
	if !(r.early && lo2 <= r.n && jA == lo && lo >= 2 && lo <= nhi+1) {
		nlo = r.check(w, o, i, min(nhi, jA-1), lo)
	} else {
		// The boundary moves by about one node a step: nodes lo-1 and
		// lo-2, both computed without a branch on which is exercised
		// (the same expressions as check): with u = upw[lo-2:lo] and
		// d = dpw[i+1-lo:i+4-lo], S at (i+1, lo-1) is u[1] d[1], at
		// (i+1, lo-2) u[0] d[2], at (i, lo-1) u[1] d[0], at (i, lo-2)
		// u[0] d[1].
		X, pu, pd := r.X, r.pu, r.pd
		u, d, ww := r.upw[lo-2:lo], r.dpw[i+1-lo:i+4-lo], w[lo-2:lo]
		s1 := u[1] * d[1] // exercised
		c1 := pu*o[lo] + pd*(X-s1)
		c2 := pu*(X-s1) + pd*(X-u[0]*d[2])
		e1, e2 := X-u[1]*d[0], X-u[0]*d[1]
		ww[1], ww[0] = c1, c2 // below nlo nothing reads them
		nlo = lo - 1
		if e1 > c1 {
			nlo = lo
		}
		// Exercise at lo-1 implies it at lo-2, so this is rare: the
		// boundary moved down more than one node.
		if !(e2 > c2) && nlo < lo {
			nlo = r.check(w, o, i, lo-3, lo)
		}
	}
	if nhi >= nlo {
		r.updated += nhi + 1 - nlo
	}
	return nlo
}

// check rolls back the put's nodes j = top, top-1, ..., 0 of step i from o
// (step i+1) into w that may be exercised (S <= X) and returns the new lower
// limit of the stored nodes: with early (an American put with q >= 0) the
// roll-back stops at the first exercise node, below which the nodes hold
// X - S implicitly. Nodes below lo at step i+1 are such implicit ones.
func (r *putRoll) check(w, o []float64, i, top, lo int) (nlo int) {
	upw, dpw, X, pu, pd, american, early := r.upw, r.dpw, r.X, r.pu, r.pd, r.american, r.early
	for j := top; j >= 0; j-- {
		var up, dn float64
		if j+1 >= lo {
			up = o[j+1]
		} else {
			up = X - upw[j+1]*dpw[i-j]
		}
		if j >= lo {
			dn = o[j]
		} else {
			dn = X - upw[j]*dpw[i+1-j]
		}
		cont := pu*up + pd*dn
		if american {
			if ex := X - upw[j]*dpw[i-j]; ex > cont {
				if early {
					return j + 1
				}
				cont = ex
			}
		}
		w[j] = cont
	}
	return 0
}

// rollStep sets w[k] = pu*o[k+1] + pd*o[k] for every k < len(w) (o has at
// least len(w)+1 values): the plain discounted expectation of a lattice
// step. Each o value is loaded once and carried to the next node in a
// register, the loop does four nodes a pass with its bound computed once
// (fewer loop instructions and register moves per node), and the slices are
// cut so that the compiler drops the bounds checks; the arithmetic is that
// of the plain loop, so results are unchanged to the bit.
func rollStep(w, o []float64, pu, pd float64) {
	if len(w) == 0 {
		return
	}
	o = o[:len(w)+1]
	lo := o[0]
	o = o[1:]
	o = o[:len(w)]
	w = w[:len(o)]
	k := 0
	for m := len(o) - 3; k < m; k += 4 {
		a, b, c, d := o[k], o[k+1], o[k+2], o[k+3]
		w[k] = pu*a + pd*lo
		w[k+1] = pu*b + pd*a
		w[k+2] = pu*c + pd*b
		w[k+3] = pu*d + pd*c
		lo = d
	}
	for ; k < len(o); k++ {
		a := o[k]
		w[k] = pu*a + pd*lo
		lo = a
	}
}

// roll2 rolls two steps in one sweep: with m[-1] = m0 and
// m[k] = pu*o[k+1] + pd*o[k] for k < len(w), it sets
// w[k] = pu*m[k] + pd*m[k-1] for k < len(w) and returns m[len(w)-1] (m0 when
// w is empty; o has at least len(w)+1 values). Each value is the expression
// of rollStep, so the results are those of two rollStep calls to the bit;
// the m values stay in registers, so the sweep has half the loads and
// stores of two rollStep calls. It does four nodes a pass (two left 6
// instructions per updated node, four 5.5: fewer loop instructions and
// carried values).
func roll2(w, o []float64, m0, pu, pd float64) float64 {
	if len(w) == 0 {
		return m0
	}
	o = o[:len(w)+1]
	lo := o[0]
	o = o[1:]
	o = o[:len(w)]
	w = w[:len(o)]
	k := 0
	for lim := len(o) - 3; k < lim; k += 4 {
		a, b, c, d := o[k], o[k+1], o[k+2], o[k+3]
		m1 := pu*a + pd*lo
		m2 := pu*b + pd*a
		m3 := pu*c + pd*b
		m4 := pu*d + pd*c
		w[k] = pu*m1 + pd*m0
		w[k+1] = pu*m2 + pd*m1
		w[k+2] = pu*m3 + pd*m2
		w[k+3] = pu*m4 + pd*m3
		lo, m0 = d, m4
	}
	for lim := len(o) - 1; k < lim; k += 2 {
		a, b := o[k], o[k+1]
		m1 := pu*a + pd*lo
		m2 := pu*b + pd*a
		w[k] = pu*m1 + pd*m0
		w[k+1] = pu*m2 + pd*m1
		lo, m0 = b, m2
	}
	for ; k < len(o); k++ {
		a := o[k]
		m1 := pu*a + pd*lo
		w[k] = pu*m1 + pd*m0
		lo, m0 = a, m1
	}
	return m0
}

// setScaledPrices fills the node prices of steps 1 and 2 from tables with
// upw[j] = S u^j and dpw[k] = d^k.
func (nd *nodes) setScaledPrices(upw, dpw []float64) {
	nd.s10, nd.s11 = upw[0]*dpw[1], upw[1]
	nd.s20, nd.s21, nd.s22 = upw[0]*dpw[2], upw[1]*dpw[1], upw[2]
}

// lrValue returns the Leisen-Reimer value alone (no Greeks) for valid
// inputs; steps must be odd and in range.
func lrValue(typ OptionType, style Style, in Inputs, steps int) float64 {
	if r, ok := degenerate(typ, style, in); ok {
		return r.Value
	}
	t, err := lrTree(in, steps)
	if err != nil {
		return deterministic(typ, style, in).Value
	}
	return runTree(typ, style, in, t, false).v0
}

// CRRValue returns the CRR value alone, without Greeks (one lattice instead
// of three); see CRR for the method, edge cases and errors.
func CRRValue(typ OptionType, style Style, in Inputs, steps int) (float64, error) {
	return latticeValue(false, typ, style, in, steps)
}

// LeisenReimerValue returns the Leisen-Reimer value alone, without Greeks
// (one lattice instead of three); see LeisenReimer.
func LeisenReimerValue(typ OptionType, style Style, in Inputs, steps int) (float64, error) {
	return latticeValue(true, typ, style, in, steps)
}

// latticeValue is CRRValue (lr false) and LeisenReimerValue (lr true).
func latticeValue(lr bool, typ OptionType, style Style, in Inputs, steps int) (float64, error) {
	r, steps, done, err := latticeStart(lr, typ, style, in, steps)
	if done {
		return r.Value, err
	}
	t, err := buildTree(lr, in, steps)
	if err != nil {
		var ie *InputError
		if lr && errors.As(err, &ie) && ie.Input == "sigma" {
			return deterministic(typ, style, in).Value, nil
		}
		return 0, err
	}
	return runTree(typ, style, in, t, false).v0, nil
}

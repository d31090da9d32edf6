package valuation

import (
	"math"
	"sync"
)

// aloNodeRules is the rule and point table of each node of n nodes for a
// scheme of l points and a node variable (x^2 or x^4): node k takes
// aloNodeOrder(tau_k/T, l) points, a rule of its own where that is below l.
type aloNodeRules struct {
	rule    []*unitRule
	tj, lag [][]float64 // node k's rows (see aloPointTable)
	geo     [][]aloGeo  // node k's points in units of T (untruncated)
}

// aloGeo is what a fixed-point quadrature point of a node (untruncated)
// has in units of T whatever the inputs: u/T, m/T with m = tau_k - u,
// sqrt(m/T) and its inverse, and the rule's weight times du/dw over T.
type aloGeo struct {
	u, m, sm, ism, jac float64
}

// aloRulesKey is what aloNodeRules depend on.
type aloRulesKey struct {
	n, l    int
	quartic bool
}

// aloRules holds the aloNodeRules built (a map with a struct key: a
// sync.Map would box, and allocate, each key it is asked for).
var aloRules = struct {
	sync.RWMutex
	m map[aloRulesKey]*aloNodeRules
}{m: map[aloRulesKey]*aloNodeRules{}}

// aloRulesOf returns the node rules of n nodes, the rule and the variable.
func aloRulesOf(n int, rule *unitRule, quartic bool) *aloNodeRules {
	l := len(rule.w)
	key := aloRulesKey{n, l, quartic}
	aloRules.RLock()
	nr := aloRules.m[key]
	aloRules.RUnlock()
	if nr != nil {
		return nr
	}
	pt := aloPoints(n, rule)
	nr = &aloNodeRules{rule: make([]*unitRule, n), tj: make([][]float64, n), lag: make([][]float64, n), geo: make([][]aloGeo, n)}
	b := aloBoundary{quartic: quartic}
	n1 := n + 1
	for k := 0; k < n; k++ {
		x := 0.5 * (1 + math.Cos(math.Pi*float64(k)/float64(n)))
		f := x * x
		if quartic {
			f *= f
		}
		if lk := aloNodeOrder(f, l); lk < l {
			nr.rule[k] = unitGL(lk)
			nt := aloNodePoints(n, nr.rule[k], k, 0)
			nr.tj[k], nr.lag[k] = nt.tj, nt.lag
			nr.geo[k] = b.pointGeometry(nr.rule[k], x, 1)
			continue
		}
		nr.rule[k] = rule
		nr.geo[k] = b.pointGeometry(rule, x, 1)
		nr.tj[k] = pt.tj[k*l*n1 : (k+1)*l*n1]
		if pt.lag != nil {
			nr.lag[k] = pt.lag[k*l*n : (k+1)*l*n]
		}
	}
	aloRules.Lock()
	aloRules.m[key] = nr
	aloRules.Unlock()
	return nr
}

// aloPointTable is what the fixed-point quadrature points of a node count
// n and a rule of l points share whatever the inputs: the Chebyshev
// polynomials T_m(z_u), m = 0..n (end terms halved), at each node's points
// z_u = 2 x_k (1 - w_i^2) - 1, n+1 per point, node k's l points in turn.
// The points do not depend on the node variable (x^2 or x^4), only on the
// nodes x_k and the rule's w_i, so the table is built once per (n, l).
//
// lag holds the Lagrange basis of the nodes at the same points,
// L_j(z_u) = sum_m T_m(z_u) C_mj (chebMatrix), n per point, for the rows of
// Newton's Jacobian (jacobianRow); it is nil where it would exceed
// aloMaxLagrange entries (the reference schemes), which take the sums over
// m at each step instead.
type aloPointTable struct {
	tj, lag []float64
}

// aloMaxLagrange bounds the Lagrange table of a node count and rule
// (n^2 l entries; 2 MB).
const aloMaxLagrange = 1 << 18

var aloPointTables sync.Map // [2]int{n, l} -> *aloPointTable

// aloPoints returns the point table of n nodes and the rule.
func aloPoints(n int, rule *unitRule) *aloPointTable {
	l := len(rule.w)
	key := [2]int{n, l}
	if t, ok := aloPointTables.Load(key); ok {
		return t.(*aloPointTable)
	}
	p := &aloPointTable{tj: make([]float64, n*l*(n+1))}
	if n*n*l <= aloMaxLagrange {
		p.lag = make([]float64, n*l*n)
	}
	n1 := n + 1
	for k := 0; k < n; k++ {
		var lag []float64
		if p.lag != nil {
			lag = p.lag[k*l*n : (k+1)*l*n]
		}
		nodeTable(p.tj[k*l*n1:(k+1)*l*n1], lag, n, rule, k, 1)
	}
	aloPointTables.Store(key, p)
	return p
}

// nodeTable fills node k's rows, tj (l(n+1) long) and lag (l n long, or
// nil for none), for the rule's points scaled by wc:
// z_u = 2 x_k (1 - (wc w_i)^2) - 1.
func nodeTable(tj, lag []float64, n int, rule *unitRule, k int, wc float64) {
	n1 := n + 1
	xk := 0.5 * (1 + math.Cos(math.Pi*float64(k)/float64(n)))
	for i, w := range rule.w {
		w *= wc
		xu := xk - xk*w*w
		z := 2*xu - 1
		t := tj[i*n1 : (i+1)*n1]
		t0, t1 := 1.0, z
		t[0], t[1] = 0.5, z
		for j := 2; j < n1; j++ {
			t0, t1 = t1, 2*z*t1-t0
			t[j] = t1
		}
		t[n1-1] *= 0.5
	}
	if lag == nil {
		return
	}
	c := chebMatrix(n)
	for pt := range rule.w {
		t := tj[pt*n1 : (pt+1)*n1]
		lg := lag[pt*n : (pt+1)*n]
		for m, tm := range t {
			cm := c[m*n : (m+1)*n]
			for j, v := range cm {
				lg[j] += tm * v
			}
		}
	}
}

// aloTruncLevels is the most levels 2^(-j/4) of w_c (to 2^-10).
const aloTruncLevels = 40

var aloNodeTables sync.Map // [4]int{n, l, k, j} -> *aloPointTable

// aloNodePoints returns the point table of node k alone (its rows only:
// tj l(n+1) long, lag l n) for the rule scaled by wc = 2^(-j/4), the
// truncated rule of a node (see aloBoundary.precompute).
func aloNodePoints(n int, rule *unitRule, k, j int) *aloPointTable {
	l := len(rule.w)
	key := [4]int{n, l, k, j}
	if t, ok := aloNodeTables.Load(key); ok {
		return t.(*aloPointTable)
	}
	p := &aloPointTable{tj: make([]float64, l*(n+1))}
	if n*n*l <= aloMaxLagrange {
		p.lag = make([]float64, l*n)
	}
	nodeTable(p.tj, p.lag, n, rule, k, math.Exp2(-float64(j)/4))
	aloNodeTables.Store(key, p)
	return p
}

// pointGeometry returns the points of the rule at node x_k = xk scaled by
// wc in units of T (see aloBoundary.precompute): w -> wc w,
// x_u = x_k (1 - w^2), u/T = tpow(x_u), m/T = x_k w^2 tgap(x_k, x_u),
// and the weight wc w_i tpow'(x_u) 2 x_k w.
func (b *aloBoundary) pointGeometry(rule *unitRule, xk, wc float64) []aloGeo {
	g := make([]aloGeo, len(rule.w))
	for i, w := range rule.w {
		w *= wc
		d := xk * w * w
		xu := xk - d
		m := d * b.tgap(xk, xu)
		g[i] = aloGeo{u: b.tpow(xu), m: m, sm: math.Sqrt(m), ism: 1 / math.Sqrt(m), jac: wc * rule.wt[i] * b.dtpow(xu) * 2 * xk * w}
	}
	return g
}

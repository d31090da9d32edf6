package valuation

import (
	"math"
	"sync"
)

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
	for k := 0; k < n; k++ {
		nodeTable(p, n, rule, k, 1)
	}
	aloPointTables.Store(key, p)
	return p
}

// nodeTable fills node k's rows of p (p holds node 0 first; a table of
// one node passes k's own rows), for the rule's points scaled by wc:
// z_u = 2 x_k (1 - (wc w_i)^2) - 1.
func nodeTable(p *aloPointTable, n int, rule *unitRule, k int, wc float64) {
	l, n1 := len(rule.w), n+1
	xk := 0.5 * (1 + math.Cos(math.Pi*float64(k)/float64(n)))
	for i, w := range rule.w {
		w *= wc
		xu := xk - xk*w*w
		z := 2*xu - 1
		t := p.tj[(k*l+i)*n1 : (k*l+i+1)*n1]
		t0, t1 := 1.0, z
		t[0], t[1] = 0.5, z
		for j := 2; j < n1; j++ {
			t0, t1 = t1, 2*z*t1-t0
			t[j] = t1
		}
		t[n1-1] *= 0.5
	}
	if p.lag == nil {
		return
	}
	c := chebMatrix(n)
	for pt := k * l; pt < (k+1)*l; pt++ {
		t := p.tj[pt*n1 : (pt+1)*n1]
		lg := p.lag[pt*n : (pt+1)*n]
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
	// Fill the rows of a table offset by k nodes, so nodeTable's
	// indexing applies, then keep node k's rows.
	full := &aloPointTable{tj: make([]float64, (k+1)*l*(n+1))}
	if n*n*l <= aloMaxLagrange {
		full.lag = make([]float64, (k+1)*l*n)
	}
	nodeTable(full, n, rule, k, math.Exp2(-float64(j)/4))
	p := &aloPointTable{tj: full.tj[k*l*(n+1):]}
	if full.lag != nil {
		p.lag = full.lag[k*l*n:]
	}
	aloNodeTables.Store(key, p)
	return p
}

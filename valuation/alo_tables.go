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
type aloPointTable struct {
	tj []float64
}

var aloPointTables sync.Map // [2]int{n, l} -> *aloPointTable

// aloPoints returns the point table of n nodes and the rule.
func aloPoints(n int, rule *unitRule) *aloPointTable {
	l := len(rule.w)
	key := [2]int{n, l}
	if t, ok := aloPointTables.Load(key); ok {
		return t.(*aloPointTable)
	}
	n1 := n + 1
	p := &aloPointTable{tj: make([]float64, n*l*n1)}
	for k := 0; k < n; k++ {
		xk := 0.5 * (1 + math.Cos(math.Pi*float64(k)/float64(n)))
		for i, w := range rule.w {
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
	}
	aloPointTables.Store(key, p)
	return p
}

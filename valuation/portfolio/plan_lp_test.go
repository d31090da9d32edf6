package portfolio

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// The search's bound, filling the budget along the groups' convex hulls,
// is the optimum of the multiple-choice knapsack's linear relaxation:
// checked against gonum's simplex on the same LP.
func TestPlanBoundIsLPOptimum(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 9))
	compared := 0
	for trial := 0; trial < 60; trial++ {
		n := 4 + rng.IntN(12)
		fp := &FundingProblem{}
		for i := 0; i < n; i++ {
			c := 1 + rng.Float64()*50
			fp.Items = append(fp.Items, FundingItem{Cost: c, Fund: (rng.Float64() - 0.2) * c, Keep: rng.Float64() * 0.4 * c, Lapses: rng.IntN(2) == 0})
		}
		for k := 0; k+2 <= n && k < 6; k += 3 {
			fp.Excludes = append(fp.Excludes, []int{k, k + 1})
		}
		if n > 6 {
			fp.Gates = append(fp.Gates, Gate{Parent: 2, Child: 6})
		}
		budget := rng.Float64() * 30 * float64(n) / 2
		gs, err := fp.groups(withSlack(budget), false)
		if err != nil {
			t.Fatal(err)
		}
		s := newMCKP(gs, budget, PlanLimits{})
		got := s.base + s.lp(0, s.budget)
		// Standard form: one variable per configuration and a budget slack;
		// one row per group (weights sum to 1) and the budget row.
		var nv int
		for _, g := range gs {
			nv += len(g.configs)
		}
		nv++
		A := mat.NewDense(len(gs)+1, nv, nil)
		b := make([]float64, len(gs)+1)
		c := make([]float64, nv)
		col := 0
		for gi, g := range gs {
			for _, cf := range g.configs {
				A.Set(gi, col, 1)
				A.Set(len(gs), col, cf.cost)
				c[col] = -cf.value
				col++
			}
			b[gi] = 1
		}
		A.Set(len(gs), col, 1)
		b[len(gs)] = withSlack(budget)
		opt, _, err := lp.Simplex(c, A, b, 1e-10, nil)
		if err != nil {
			if err == lp.ErrInfeasible && newMCKP(gs, budget, PlanLimits{}) != nil {
				t.Fatalf("trial %d: simplex infeasible, search feasible", trial)
			}
			continue
		}
		if math.Abs(-opt-got) > 1e-7*math.Max(1, math.Abs(got)) {
			t.Fatalf("trial %d: hull bound %v, simplex %v", trial, got, -opt)
		}
		compared++
	}
	if compared < 50 {
		t.Fatalf("only %d of 60 trials compared with the simplex", compared)
	}
}

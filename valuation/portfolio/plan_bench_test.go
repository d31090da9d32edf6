package portfolio_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/valuation/portfolio"
)

// benchProblem draws n initiatives like a large portfolio at a review:
// costs 1-100, a third of the windows closing inside the period, value of
// investing now from -30% to +60% of the cost, option values kept up to
// 50% of the cost, excl excludes sets of 2-4 and gates acyclic gates.
func benchProblem(rng *rand.Rand, n, excl, gates int) *portfolio.FundingProblem {
	fp := &portfolio.FundingProblem{}
	for i := 0; i < n; i++ {
		cost := 1 + rng.Float64()*99
		it := portfolio.FundingItem{Name: "i", Cost: cost, Fund: (rng.Float64()*0.9 - 0.3) * cost, Keep: rng.Float64() * 0.5 * cost}
		if rng.IntN(3) == 0 {
			it.Lapses, it.Keep = true, 0
		}
		fp.Items = append(fp.Items, it)
	}
	perm := rng.Perm(n)
	k := 0
	for s := 0; s < excl && k+4 <= n; s++ {
		size := 2 + rng.IntN(3)
		fp.Excludes = append(fp.Excludes, append([]int(nil), perm[k:k+size]...))
		k += size
	}
	for g := 0; g < gates; g++ {
		a, b := rng.IntN(n), rng.IntN(n)
		for a == b {
			b = rng.IntN(n)
		}
		fp.Gates = append(fp.Gates, portfolio.Gate{Parent: min(a, b), Child: max(a, b)})
	}
	return fp
}

func totalCost(fp *portfolio.FundingProblem) float64 {
	t := 0.0
	for _, it := range fp.Items {
		t += it.Cost
	}
	return t
}

func benchPlan(b *testing.B, n, excl, gates int) {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	fp := benchProblem(rng, n, excl, gates)
	budget := totalCost(fp) * 0.25
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pl, err := fp.Solve(budget, portfolio.PlanLimits{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(pl.Nodes), "nodes")
		b.ReportMetric(pl.Gap*100, "gap%")
		if math.IsNaN(pl.Value) {
			b.Fatal("NaN")
		}
	}
}

// BenchmarkPlan200 is the exact plan of 200 initiatives, 40 excludes sets
// and 40 gates at a quarter of the total cost.
func BenchmarkPlan200(b *testing.B) { benchPlan(b, 200, 40, 40) }

// BenchmarkPlan1000 scales the same mix to 1,000 initiatives.
func BenchmarkPlan1000(b *testing.B) { benchPlan(b, 1000, 200, 200) }

// BenchmarkFrontier200 solves the frontier at 50 budgets.
func BenchmarkFrontier200(b *testing.B) {
	rng := rand.New(rand.NewPCG(200, 7))
	fp := benchProblem(rng, 200, 40, 40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pts, err := fp.Frontier(50, portfolio.PlanLimits{})
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range pts {
			if !p.Optimal {
				b.Fatal("frontier point not proved optimal")
			}
		}
	}
}

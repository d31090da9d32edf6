package portfolio_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// largeProblem is the funding problem of modeltest.Large(1000, 2000, 200)
// valued with links: 1,000 initiatives in one linked group, far beyond the
// exact enumeration of a group's configurations.
func largeProblem(tb testing.TB) *portfolio.FundingProblem {
	tb.Helper()
	return fundingProblemOf(tb, modeltest.Large(1000, 2000, 200))
}

// TestPlanLargeLinked: at 1,000 linked initiatives the useful budget and
// the plan come back (they failed after about 80 s), the plan
// is feasible by the brute-force rules (cost within budget, gates and
// excludes respected) with its value recomputed independently, and it
// states a gap >= 0 with a bound >= its value.
func TestPlanLargeLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	fp := largeProblem(t)
	start := time.Now()
	top, err := fp.MaxUsefulBudget()
	if err != nil {
		t.Fatalf("MaxUsefulBudget: %v", err)
	}
	if !(top > 0) || math.IsInf(top, 0) {
		t.Fatalf("useful budget %v", top)
	}
	all := 0.0
	for _, it := range fp.Items {
		all += it.Cost
	}
	if top > all*(1+1e-12) {
		t.Fatalf("useful budget %v above the cost of everything %v", top, all)
	}
	for _, frac := range []float64{1.0 / 3, 1} {
		budget := top * frac
		pl, err := fp.Solve(budget, portfolio.PlanLimits{Timeout: 20 * time.Second})
		if err != nil {
			t.Fatalf("Solve(%v): %v", budget, err)
		}
		checkPlanByModel(t, fp, pl, budget, "budget %v", budget)
		if pl.Optimal || !(pl.Gap >= 0) || pl.Bound < pl.Value {
			t.Fatalf("budget %v: optimal %v, gap %v, bound %v < value %v?", budget, pl.Optimal, pl.Gap, pl.Bound, pl.Value)
		}
		if g := fp.Greedy(budget); g.Value > pl.Bound*(1+1e-9) {
			t.Fatalf("budget %v: greedy %v above the bound %v", budget, g.Value, pl.Bound)
		}
		t.Logf("budget %.0f of %.0f: value %.1f, bound %.1f, gap %.2f%%, greedy %.1f", budget, top, pl.Value, pl.Bound, 100*pl.Gap, fp.Greedy(budget).Value)
	}
	// Its time is BenchmarkUsefulBudget1000 and BenchmarkPlanLarge1000's
	// to measure, not a wall-clock limit on a shared machine.
	t.Logf("useful budget and two plans in %v", time.Since(start))
}

// TestRelaxedBoundAboveBruteForce: on random problems small enough for
// brute force, the bound a plan states when a group is too large
// (Plan.Bound from the relaxation) is never below the true best.
func TestRelaxedBoundAboveBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 3))
	for trial := 0; trial < 300; trial++ {
		fp := randomProblem(rng, 1+rng.IntN(10), trial%2 == 0)
		total := 0.0
		for _, it := range fp.Items {
			total += it.Cost
		}
		budget := total * rng.Float64()
		best, ok := bruteBest(fp, budget)
		if !ok {
			continue
		}
		if b := portfolio.RelaxedBoundForTest(fp, budget); b < best-1e-9*math.Max(1, math.Abs(best)) {
			t.Fatalf("trial %d: relaxed bound %v below the best %v\n%+v", trial, b, best, fp)
		}
	}
}

// BenchmarkUsefulBudget1000 is the GUI funding view's useful budget at
// modeltest.Large(1000, 2000, 200).
func BenchmarkUsefulBudget1000(b *testing.B) {
	fp := largeProblem(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := fp.MaxUsefulBudget(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanLarge1000 is the plan at a third of the useful budget at
// modeltest.Large(1000, 2000, 200), with its gap.
func BenchmarkPlanLarge1000(b *testing.B) {
	fp := largeProblem(b)
	top, err := fp.MaxUsefulBudget()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pl, err := fp.Solve(top/3, portfolio.PlanLimits{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(pl.Gap*100, "gap%")
	}
}

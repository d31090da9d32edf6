package portfolio_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// bruteValue is the model's total for a funded set, written from the
// model's wording and independent of the solver.
func bruteValue(fp *portfolio.FundingProblem, funded []bool) float64 {
	unlocked := func(i int) bool {
		for _, g := range fp.Gates {
			if g.Child == i && !funded[g.Parent] {
				return false
			}
		}
		return true
	}
	kept := func(i int) float64 {
		if funded[i] || !unlocked(i) {
			return 0
		}
		return fp.Items[i].Keep
	}
	inSet := map[int]bool{}
	total := 0.0
	for _, set := range fp.Excludes {
		nFunded, best := 0, 0.0
		for _, m := range set {
			inSet[m] = true
			if funded[m] {
				nFunded++
				total += fp.Items[m].Fund
			}
			best = math.Max(best, kept(m))
		}
		if nFunded == 0 {
			total += best
		}
	}
	for i, it := range fp.Items {
		if inSet[i] {
			continue
		}
		if funded[i] {
			total += it.Fund
		} else {
			total += kept(i)
		}
	}
	return total
}

// bruteFeasible checks a funded set against the budget and the links.
func bruteFeasible(fp *portfolio.FundingProblem, funded []bool, budget float64) bool {
	cost := 0.0
	for i, it := range fp.Items {
		if funded[i] {
			if it.Never || it.Blocked {
				return false
			}
			cost += it.Cost
		} else if it.Must {
			return false
		}
	}
	if cost > budget {
		return false
	}
	for _, set := range fp.Excludes {
		n := 0
		for _, m := range set {
			if funded[m] {
				n++
			}
		}
		if n > 1 {
			return false
		}
	}
	for _, g := range fp.Gates {
		if funded[g.Child] && !funded[g.Parent] {
			return false
		}
	}
	return true
}

// bruteBest enumerates every subset.
func bruteBest(fp *portfolio.FundingProblem, budget float64) (float64, bool) {
	n := len(fp.Items)
	best, found := math.Inf(-1), false
	funded := make([]bool, n)
	for mask := 0; mask < 1<<n; mask++ {
		for i := range funded {
			funded[i] = mask&(1<<i) != 0
		}
		if !bruteFeasible(fp, funded, budget) {
			continue
		}
		found = true
		best = math.Max(best, bruteValue(fp, funded))
	}
	return best, found
}

// randomProblem draws n items with excludes sets and acyclic gates.
func randomProblem(rng *rand.Rand, n int, withFlags bool) *portfolio.FundingProblem {
	fp := &portfolio.FundingProblem{}
	for i := 0; i < n; i++ {
		cost := math.Round(rng.Float64()*100*100) / 100
		if rng.IntN(8) == 0 {
			cost = 0
		}
		it := portfolio.FundingItem{ID: string(rune('a' + i)), Name: string(rune('A' + i)), Cost: cost,
			Fund: (rng.Float64()*1.6 - 0.4) * cost, Keep: rng.Float64() * 0.6 * cost}
		if rng.IntN(3) == 0 {
			it.Lapses, it.Keep = true, 0
		}
		if withFlags {
			switch rng.IntN(14) {
			case 0:
				it.Must = true
			case 1:
				it.Never = true
			case 2:
				it.Blocked = true
			}
		}
		fp.Items = append(fp.Items, it)
	}
	perm := rng.Perm(n)
	k := 0
	for k+1 < n && rng.IntN(3) > 0 && len(fp.Excludes) < n/3 {
		size := 2 + rng.IntN(2)
		if k+size > n {
			break
		}
		fp.Excludes = append(fp.Excludes, append([]int(nil), perm[k:k+size]...))
		k += size
	}
	for g := rng.IntN(n/2 + 1); g > 0; g-- {
		a, b := rng.IntN(n), rng.IntN(n)
		if a == b {
			continue
		}
		if a > b {
			a, b = b, a
		}
		fp.Gates = append(fp.Gates, portfolio.Gate{Parent: a, Child: b})
	}
	return fp
}

// fundingProblemOf is the funding problem of p valued with its links.
func fundingProblemOf(tb testing.TB, p *model.Portfolio) *portfolio.FundingProblem {
	tb.Helper()
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		tb.Fatal(err)
	}
	fp, err := portfolio.NewFundingProblem(p, v, portfolio.FundingOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return fp
}

// checkPlanByModel fails the test, naming the case as format and args
// say, unless the plan pl of fp at budget is feasible and worth what it
// says by bruteFeasible and bruteValue, the model read independently of
// the solver.
func checkPlanByModel(t *testing.T, fp *portfolio.FundingProblem, pl *portfolio.Plan, budget float64, format string, args ...any) {
	t.Helper()
	what := fmt.Sprintf(format, args...)
	funded := make([]bool, len(fp.Items))
	for _, i := range pl.Fund {
		funded[i] = true
	}
	if !bruteFeasible(fp, funded, budget) {
		t.Fatalf("%s: plan %v is infeasible (spent %v)", what, pl.Fund, pl.Spent)
	}
	if got := bruteValue(fp, funded); !relClose(got, pl.Value) {
		t.Fatalf("%s: plan says value %v, the model gives %v", what, pl.Value, got)
	}
}

func relClose(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func TestPlanMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 1))
	for trial := 0; trial < 400; trial++ {
		n := 1 + rng.IntN(16)
		fp := randomProblem(rng, n, trial%2 == 1)
		total := 0.0
		for _, it := range fp.Items {
			total += it.Cost
		}
		budget := rng.Float64() * total * 0.8
		want, ok := bruteBest(fp, budget)
		pl, err := fp.Solve(budget, portfolio.PlanLimits{})
		if !ok {
			if err == nil {
				t.Fatalf("trial %d: brute force finds no feasible plan, Solve returned %+v", trial, pl)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		checkPlanByModel(t, fp, pl, budget, "trial %d", trial)
		if !relClose(pl.Value, want) || !pl.Optimal || pl.Gap != 0 {
			t.Fatalf("trial %d (n=%d, budget %v): plan %v (optimal %v), brute force %v", trial, n, budget, pl.Value, pl.Optimal, want)
		}
		if trial%2 == 1 {
			continue // greedy need not honour must-fund sets
		}
		g := fp.Greedy(budget)
		gf := make([]bool, n)
		for _, i := range g.Fund {
			gf[i] = true
		}
		if !bruteFeasible(fp, gf, budget) || g.Value > pl.Value+1e-9*math.Max(1, math.Abs(pl.Value)) {
			t.Fatalf("trial %d: greedy %v (%v) infeasible or above the optimum %v", trial, g.Fund, g.Value, pl.Value)
		}
	}
}

func TestFrontierMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	for trial := 0; trial < 40; trial++ {
		fp := randomProblem(rng, 3+rng.IntN(10), false)
		pts, err := fp.Frontier(12, portfolio.PlanLimits{})
		if err != nil {
			t.Fatal(err)
		}
		prev := math.Inf(-1)
		for _, p := range pts {
			want, _ := bruteBest(fp, p.Budget)
			if !relClose(p.Value, want) || p.Value < prev {
				t.Fatalf("trial %d: frontier at %v: %v, brute force %v (previous %v)", trial, p.Budget, p.Value, want, prev)
			}
			prev = p.Value
		}
		top, _ := fp.MaxUsefulBudget()
		want, _ := bruteBest(fp, top*(1+1e-9))
		if last := pts[len(pts)-1]; !relClose(last.Value, want) {
			t.Fatalf("trial %d: frontier ends at %v, best with every cost %v", trial, last.Value, want)
		}
	}
}

// Greedy ranking by profitability index takes the best ratio first and
// then has no room for the two that together are worth more.
func TestGreedyLoses(t *testing.T) {
	fp := &portfolio.FundingProblem{Items: []portfolio.FundingItem{
		{Name: "A", Cost: 60, Fund: 30, Lapses: true}, // PI 1.5
		{Name: "B", Cost: 50, Fund: 20, Lapses: true}, // PI 1.4
		{Name: "C", Cost: 50, Fund: 20, Lapses: true}, // PI 1.4
	}}
	pl, err := fp.Solve(100, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	g := fp.Greedy(100)
	if pl.Value != 40 || len(pl.Fund) != 2 || pl.Fund[0] != 1 || pl.Fund[1] != 2 {
		t.Fatalf("plan %v value %v, want B and C for 40", pl.Fund, pl.Value)
	}
	if g.Value != 30 || len(g.Fund) != 1 || g.Fund[0] != 0 {
		t.Fatalf("greedy %v value %v, want A alone for 30", g.Fund, g.Value)
	}
}

// planPortfolio has a defer option in the money whose window stays open
// after the review (keeping it beats funding it), one whose window closes
// inside the period, and a pilot gating a roll-out.
func planPortfolio() *model.Portfolio {
	asOf := model.NewDate(2027, time.January, 1)
	p := model.NewSCRMTemplate("plan", asOf)
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = 0.05
	mk := func(id string, S, X, sigma float64, deadline model.Date) model.Initiative {
		return model.Initiative{ID: id, Name: id, Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(S), X: model.Number(X), Sigma: model.Number(sigma), Deadline: deadline}
	}
	p.Initiatives = []model.Initiative{
		mk("open-window", 120, 100, 0.4, model.NewDate(2029, time.January, 1)),
		mk("closing", 110, 100, 0.3, model.NewDate(2027, time.March, 1)),
		mk("pilot", 15, 20, 0.5, model.NewDate(2027, time.April, 1)),
		mk("rollout", 200, 180, 0.5, model.NewDate(2029, time.January, 1)),
	}
	p.Links = []model.Link{{From: "pilot", To: "rollout", Kind: model.LinkGates}}
	return p
}

func TestPlanKeepingBeatsFunding(t *testing.T) {
	fp := fundingProblemOf(t, planPortfolio())
	byName := map[string]int{}
	for i, it := range fp.Items {
		byName[it.Name] = i
	}
	ow := fp.Items[byName["open-window"]]
	if ow.Fund != 20 || ow.Lapses || ow.Keep <= ow.Fund || ow.Cost != 100 {
		t.Fatalf("open-window: %+v; want fund 20 < keep, cost 100", ow)
	}
	if c := fp.Items[byName["closing"]]; !c.Lapses || c.Keep != 0 || c.Fund != 10 {
		t.Fatalf("closing: %+v; want it to lapse with fund 10", c)
	}
	if len(fp.Gates) != 1 || fp.Gates[0] != (portfolio.Gate{Parent: byName["pilot"], Child: byName["rollout"]}) {
		t.Fatalf("gates %v", fp.Gates)
	}
	pl, err := fp.Solve(1000, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Funded(byName["open-window"]) || !pl.Funded(byName["closing"]) {
		t.Fatalf("plan funds %v; want closing funded and open-window kept", pl.Fund)
	}
	// Funding the pilot (NPV -5) opens the roll-out, whose option is worth
	// more than 5: the plan funds the pilot and keeps the roll-out.
	ro := fp.Items[byName["rollout"]]
	if !pl.Funded(byName["pilot"]) || pl.Funded(byName["rollout"]) || ro.Keep < 5 {
		t.Fatalf("plan %v; rollout %+v", pl.Fund, ro)
	}
	want := 10 + ow.Keep - 5 + ro.Keep
	if !relClose(pl.Value, want) {
		t.Fatalf("value %v, want %v", pl.Value, want)
	}
	g := fp.Greedy(1000)
	if !g.Funded(byName["open-window"]) || g.Value >= pl.Value {
		t.Fatalf("greedy %v (%v) should fund open-window and lose to %v", g.Fund, g.Value, pl.Value)
	}
	// A budget of 50 cannot fund "closing" (100): it lapses.
	pl, err = fp.Solve(50, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Funded(byName["closing"]) || len(pl.Lapse) == 0 || pl.Spent > 50 {
		t.Fatalf("at 50: %+v", pl)
	}
}

func TestFundingProblemErrors(t *testing.T) {
	p := planPortfolio()
	p.Initiatives[0].Status = model.StatusInvested
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		opt  portfolio.FundingOptions
		want string
	}{
		{portfolio.FundingOptions{Must: []string{"nope"}}, `no open initiative "nope" in portfolio "plan"`},
		{portfolio.FundingOptions{Must: []string{"open-window"}}, `initiative "open-window" is invested, not open: it is out of the plan`},
		{portfolio.FundingOptions{Must: []string{"closing"}, Never: []string{"closing"}}, `initiative "closing" is both must-fund and never-fund`},
		{portfolio.FundingOptions{PeriodEnd: model.NewDate(2026, time.June, 1)}, `portfolio: review period ends 2026-06-01, before the as-of date 2027-01-01`},
	} {
		_, err := portfolio.NewFundingProblem(p, v, tc.opt)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%+v: error %v, want %q", tc.opt, err, tc.want)
		}
	}
	fp, err := portfolio.NewFundingProblem(p, v, portfolio.FundingOptions{Must: []string{"rollout"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fp.Items) != 3 {
		t.Fatalf("invested initiative still in the plan: %+v", fp.Items)
	}
	if _, err := fp.Solve(100, portfolio.PlanLimits{}); err != portfolio.ErrInfeasible {
		t.Fatalf("must fund rollout (180) and its pilot (20) at 100: %v", err)
	}
	if pl, err := fp.Solve(200, portfolio.PlanLimits{}); err != nil || len(pl.Fund) != 2 {
		t.Fatalf("must fund rollout at 200: %v %v", pl, err)
	}
	for _, b := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := fp.Solve(b, portfolio.PlanLimits{}); err == nil {
			t.Errorf("budget %v accepted", b)
		}
	}
}

// A search stopped on its node limit reports a gap that brackets the
// optimum.
func TestPlanGapOnLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	fp := benchProblem(rng, 200, 40, 40)
	exact, err := fp.Solve(fp.Items[0].Cost*40, portfolio.PlanLimits{})
	if err != nil || !exact.Optimal {
		t.Fatalf("%v %v", exact, err)
	}
	pl, err := fp.Solve(fp.Items[0].Cost*40, portfolio.PlanLimits{MaxNodes: 50})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Optimal {
		t.Skip("solved within 50 nodes")
	}
	if pl.Value > exact.Value+1e-9 || pl.Bound < exact.Value-1e-9*math.Abs(exact.Value) || pl.Gap < 0 {
		t.Fatalf("stopped: value %v bound %v gap %v; optimum %v", pl.Value, pl.Bound, pl.Gap, exact.Value)
	}
}

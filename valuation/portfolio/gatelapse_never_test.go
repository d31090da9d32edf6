package portfolio

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
)

// bruteBest is the best value of any funded set of fp within budget, by
// enumeration of every set that funds a child only with its gates, valued
// independently of counted: a funded item adds Fund, one not funded
// Keep unless a gate of it is not funded (then 0: it lapses with a lapsing
// gate, or counts in the gate's own Keep). funds[i] reports whether some
// set of that best value funds item i. Trees only (no excludes).
func bruteBest(fp *FundingProblem, budget float64) (best float64, funds []bool) {
	n := len(fp.Items)
	best = math.Inf(-1)
	funds = make([]bool, n)
	type set struct {
		v float64
		m int
	}
	var sets []set
	for m := 0; m < 1<<n; m++ {
		ok, cost, v := true, 0.0, 0.0
		locked := make([]bool, n)
		for _, g := range fp.Gates {
			if m>>g.Child&1 == 1 && m>>g.Parent&1 == 0 {
				ok = false
			}
			if m>>g.Parent&1 == 0 {
				locked[g.Child] = true
			}
		}
		for i := range n {
			it := fp.Items[i]
			switch {
			case m>>i&1 == 1:
				if it.Blocked || it.Never {
					ok = false
				}
				cost += it.Cost
				v += it.Fund
			case !locked[i]:
				v += it.Keep
			}
		}
		if ok && cost <= budget*(1+1e-12) {
			sets = append(sets, set{v, m})
			best = math.Max(best, v)
		}
	}
	for _, s := range sets {
		if s.v >= best-1e-9*math.Max(1, math.Abs(best)) {
			for i := range n {
				funds[i] = funds[i] || s.m>>i&1 == 1
			}
		}
	}
	return best, funds
}

// TestLapsedWithGatesNoPlanFundsTheGate: on 300 random gate trees of 2-6
// items (some gates due in the period, Fund, Keep and Cost random), a
// gate due in the period that LapsedWithGates lets lapse with its
// follow-ons is funded by no best set at any budget (enumeration of every
// funded set, bruteBest), and the solver's plan at each budget lists its
// follow-ons not funded in GateLapse; a lapsing gate at a tree's root it
// keeps is funded by a best set at a large enough budget (the bound is
// exact there), so the rule says neither too much nor too little.
func TestLapsedWithGatesNoPlanFundsTheGate(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 0))
	seen := [2]int{}
	for trial := range 300 {
		n := 2 + rng.IntN(5)
		fp := &FundingProblem{}
		for i := range n {
			it := FundingItem{Name: string(rune('A' + i)), Cost: math.Round(rng.Float64() * 10), Fund: math.Round(rng.NormFloat64() * 10), Keep: math.Round(rng.Float64() * 8)}
			if rng.IntN(2) == 0 {
				it.Lapses, it.Keep = true, 0
			}
			fp.Items = append(fp.Items, it)
			if i > 0 {
				fp.Gates = append(fp.Gates, Gate{Parent: rng.IntN(i), Child: i})
			}
		}
		lapsed := fp.LapsedWithGates()
		never := fp.neverFunded()
		total := 0.0
		for _, it := range fp.Items {
			total += it.Cost
		}
		fundedSomewhere := make([]bool, n)
		for _, b := range []float64{0, 3, 7, 12, 20, total} {
			_, funds := bruteBest(fp, b)
			pl, err := fp.Solve(b, PlanLimits{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range n {
				fundedSomewhere[i] = fundedSomewhere[i] || funds[i]
				if never[i] && funds[i] {
					t.Fatalf("trial %d budget %g: %s let lapse, but a best set funds it: %+v", trial, b, fp.Items[i].Name, fp)
				}
			}
			for c, g := range lapsed {
				if !pl.Funded(c) && !fp.Items[c].Lapses && !pl.GateLapses(c) {
					t.Fatalf("trial %d budget %g: %s lapses with %s, not in the plan's GateLapse %v", trial, b, fp.Items[c].Name, fp.Items[g].Name, pl.GateLapse)
				}
				if pl.Funded(g) {
					t.Fatalf("trial %d budget %g: the plan funds %s, which LapsedWithGates lets lapse", trial, b, fp.Items[g].Name)
				}
			}
		}
		for i, it := range fp.Items {
			isGate, root := false, true
			for _, g := range fp.Gates {
				isGate = isGate || g.Parent == i
				root = root && g.Child != i
			}
			if !isGate || !it.Lapses {
				continue
			}
			if never[i] {
				seen[0]++
			} else {
				seen[1]++
				if root && !fundedSomewhere[i] {
					t.Fatalf("trial %d: lapsing gate %s kept by the rule, but no best set funds it at budget %g: %+v", trial, it.Name, total, fp)
				}
			}
		}
	}
	if seen[0] < 30 || seen[1] < 30 {
		t.Fatalf("too few cases: %d gates let lapse, %d funded", seen[0], seen[1])
	}
}

// TestGatedPairLapsesWithItsGate: the tester's pair (init-0905 follow_on
// init-0906, as of 2026-10-01; the gate due 2027-04-01, the review; its
// NPV -8.56M, the follow-on's 8.20M; together -0.36M): no plan funds the
// gate, so the follow-on lapses with it (LapsedWithGates, every plan's
// GateLapse) and is not to be funded now on its own.
func TestGatedPairLapsesWithItsGate(t *testing.T) {
	p := model.NewSCRMTemplate("pair", model.NewDate(2026, time.October, 1))
	p.Settings.RiskFree = 0.04
	p.Initiatives = []model.Initiative{
		{ID: "a", Name: "Initiative 0905", Tag: "community", Status: model.StatusOpen, Kind: model.KindDefer, S: model.Number(205000), X: model.Number(8762054.661586748), Sigma: model.Number(0.4104960967903073), Deadline: model.NewDate(2027, time.April, 1), Leakage: 0.026703508993326765},
		{ID: "b", Name: "Initiative 0906", Tag: "community", Status: model.StatusOpen, Kind: model.KindDefer, S: model.Number(9389650.887150394), X: model.Number(1191578.2546637591), Sigma: model.Number(0.34108433024502094), Deadline: model.NewDate(2027, time.May, 1), Leakage: 0.06661969945706457},
	}
	p.Links = []model.Link{{From: "a", To: "b", Kind: model.LinkFollowOn}}
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	fp, err := NewFundingProblem(p, v, FundingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fp.LapsedWithGates(); len(got) != 1 || got[1] != 0 {
		t.Fatalf("LapsedWithGates %v, want the follow-on (1) with its gate (0)", got)
	}
	for _, b := range []float64{0, 1.2e6, 2e7} {
		pl, err := fp.Solve(b, PlanLimits{})
		if err != nil {
			t.Fatal(err)
		}
		if pl.Funded(0) || pl.Funded(1) || !pl.GateLapses(1) {
			t.Errorf("budget %g: plan funds %v, gate lapses %v; want nothing funded and the follow-on lapsing with its gate", b, pl.Fund, pl.GateLapse)
		}
	}
}

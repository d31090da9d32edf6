package portfolio_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// membersSample is the sample with the driver members at 150,000, where
// the community pilot gates a rollout worth more than the pilot itself.
func membersSample(t *testing.T) (*model.Portfolio, *portfolio.Valuation) {
	t.Helper()
	p := modeltest.Sample(t)
	set := false
	for i := range p.Drivers {
		if p.Drivers[i].Name == "members" {
			p.Drivers[i].Value, set = 150000, true
		}
	}
	if !set {
		t.Fatal("the sample has no driver members")
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, v
}

// planValue is the exact plan's value at the budget, never funding the
// names.
func planValue(t *testing.T, p *model.Portfolio, v *portfolio.Valuation, budget float64, never ...string) float64 {
	t.Helper()
	r, err := portfolio.PlanFunding(p, v, portfolio.FundingOptions{Never: never}, budget, 0, portfolio.PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Plan.Optimal {
		t.Fatalf("plan at %v not optimal", budget)
	}
	return r.Plan.Value
}

// TestLapseCostIsWhatThePlanLoses: the cost of letting a decision due at
// the review lapse is what the exact funding plan loses when that
// initiative is never funded (it then lapses, and what it gates with
// it). The board report showed the pilot's stand-alone 280,000 while
// the plan lost 2,449,564 (5,764,422 - 3,314,858 at a budget of 2M).
func TestLapseCostIsWhatThePlanLoses(t *testing.T) {
	p, v := membersSample(t)
	due := portfolio.DecisionsDue(p, v, model.Date{})
	if len(due) < 2 {
		t.Fatalf("decisions due: %+v", due)
	}
	fp, err := portfolio.NewFundingProblem(p, v, portfolio.FundingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	top, err := fp.MaxUsefulBudget()
	if err != nil {
		t.Fatal(err)
	}
	sawFollowOns := false
	for _, budget := range []float64{2e6, top} {
		all := planValue(t, p, v, budget)
		for _, d := range due {
			loss := all - planValue(t, p, v, budget, d.Name)
			if math.Abs(loss-d.LapseCost) > 1e-6*math.Max(1, loss) {
				t.Errorf("budget %.0f, %s: cost of lapsing %.2f, the plan loses %.2f", budget, d.Name, d.LapseCost, loss)
			}
			if r := v.ByID(d.ID); r != nil && r.FollowOn > 0 && d.LapseCost > r.Position.Value+1 {
				sawFollowOns = true
			}
		}
	}
	if !sawFollowOns {
		t.Error("no decision due carries follow-ons: the test checks nothing beyond the stand-alone value")
	}
	// The figures.
	if d := due[0]; d.Name != "Customer community pilot" || math.Abs(d.LapseCost-2449563.73) > 1 {
		t.Errorf("first decision due: %+v, want the pilot at 2,449,564", d)
	}
}

// TestDecisionsDueOnPassed: listed after a deadline, the decision is
// Passed and has no cost of lapsing left (the report showed 280,000 for a
// gate that had lapsed 21 months before).
func TestDecisionsDueOnPassed(t *testing.T) {
	p, v := membersSample(t)
	on := model.NewDate(2027, time.April, 10)
	due := portfolio.DecisionsDueOn(p, v, on, portfolio.NextReviewAfter(v.AsOf, on))
	passed := 0
	for _, d := range due {
		want := portfolio.DeadlinePassed(d.Deadline, on)
		if d.Passed != want {
			t.Errorf("%s (%s): passed %v, want %v", d.Name, d.Deadline, d.Passed, want)
		}
		if d.Passed {
			passed++
			if d.LapseCost != 0 {
				t.Errorf("%s has lapsed, yet costs %.0f to lapse", d.Name, d.LapseCost)
			}
		} else if r := v.ByID(d.ID); r != nil && d.LapseCost != portfolio.LapseCost(r) {
			t.Errorf("%s: cost %.0f, want %.0f", d.Name, d.LapseCost, portfolio.LapseCost(r))
		}
	}
	if passed != 2 {
		t.Errorf("want the two deadlines of 2027-04-01 passed on %s: %+v", on, due)
	}
	for _, d := range portfolio.DecisionsDue(p, v, model.Date{}) {
		if d.Passed {
			t.Errorf("%s passed on the as-of date %s", d.Name, v.AsOf)
		}
	}
}

// TestPlanRowsAddUp: what the rows count adds up to the plan's value,
// funded rows count their value funded now, and a follow-on whose gate
// lapses unfunded lapses with it at 0 (the CLI showed the rollout "keep
// 2169564" while the total counted 0 for it).
func TestPlanRowsAddUp(t *testing.T) {
	p, v := membersSample(t)
	for _, never := range [][]string{nil, {"Customer community pilot"}} {
		for _, budget := range []float64{0, 2e6, 1e7} {
			r, err := portfolio.PlanFunding(p, v, portfolio.FundingOptions{Never: never}, budget, 0, portfolio.PlanLimits{})
			if err != nil {
				t.Fatal(err)
			}
			checkRows(t, r.Problem, r.Plan)
			checkRows(t, r.Problem, r.Greedy)
			fp, pl := r.Problem, r.Plan
			for _, i := range pl.Keep {
				// The knowledge base is the rollout's follow-on: with the
				// pilot never funded it lapses with the rollout (its value
				// was in the rollout's kept value, which counts 0).
				if fp.Items[i].Name == "Knowledge base from community answers" && never != nil &&
					(!pl.GateLapses(i) || pl.Counted[i] != 0 || !strings.Contains(pl.Why[i], "Customer community rollout")) {
					t.Errorf("budget %.0f, pilot never: the knowledge base should lapse with the rollout: lapses %v, why %q", budget, pl.GateLapses(i), pl.Why[i])
				}
				if fp.Items[i].Name != "Customer community rollout" {
					continue
				}
				if never != nil && (!pl.GateLapses(i) || pl.Counted[i] != 0 || pl.Why[i] == "") {
					t.Errorf("budget %.0f, pilot never: the rollout should lapse with it: counted %.0f, why %q", budget, pl.Counted[i], pl.Why[i])
				}
				if never == nil && pl.Funded(0) && pl.GateLapses(i) {
					t.Errorf("budget %.0f: the rollout lapses although its gate is funded", budget)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 19))
	for k := 0; k < 300; k++ {
		fp := randomProblem(rng, 2+rng.IntN(9), false)
		funded := make([]bool, len(fp.Items))
		for i := range funded {
			funded[i] = rng.IntN(2) == 0
		}
		pl := fp.Evaluate(1e9, funded)
		checkRows(t, fp, pl)
		if !relClose(pl.Value, bruteValue(fp, funded)) {
			t.Fatalf("value %v, brute force %v", pl.Value, bruteValue(fp, funded))
		}
	}
}

func checkRows(t *testing.T, fp *portfolio.FundingProblem, pl *portfolio.Plan) {
	t.Helper()
	sum := 0.0
	for i, c := range pl.Counted {
		sum += c
		switch {
		case pl.Funded(i):
			if c != fp.Items[i].Fund {
				t.Errorf("%s funded counts %v, want its value funded now %v", fp.Items[i].Name, c, fp.Items[i].Fund)
			}
		case c != 0 && c != fp.Items[i].Keep:
			t.Errorf("%s kept counts %v, want 0 or its kept value %v", fp.Items[i].Name, c, fp.Items[i].Keep)
		case c == 0 && fp.Items[i].Keep != 0 && pl.Why[i] == "":
			t.Errorf("%s counts 0 of %v kept and says not why (%+v, excludes %v, gates %v, fund %v)", fp.Items[i].Name, fp.Items[i].Keep, fp.Items[i], fp.Excludes, fp.Gates, pl.Fund)
		}
	}
	if !relClose(sum, pl.Value) {
		t.Errorf("rows add up to %v, the plan is worth %v", sum, pl.Value)
	}
}

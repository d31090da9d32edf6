package portfolio

import (
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
)

// fundingOnPortfolio is valued as of 2026-01-01: "gone" (deadline
// 2026-03-01, S 150 for X 100), "today" (deadline 2026-04-01) and "later"
// (deadline 2027-06-01), plain defer options with no links.
func fundingOnPortfolio() *model.Portfolio {
	p := &model.Portfolio{Version: 1, Name: "on", AsOf: model.NewDate(2026, time.January, 1), Settings: model.Settings{RiskFree: 0.05}}
	for _, c := range []struct {
		id string
		d  model.Date
	}{{"gone", model.NewDate(2026, time.March, 1)}, {"today", model.NewDate(2026, time.April, 1)}, {"later", model.NewDate(2027, time.June, 1)}} {
		p.Initiatives = append(p.Initiatives, model.Initiative{ID: c.id, Name: c.id, Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(150), X: model.Number(100), Sigma: model.Number(0.3), Deadline: c.d})
	}
	return p
}

// TestFundingOnPassedDeadline: a plan made on 2026-04-01 (FundingOptions.On)
// starts its period then; "gone", whose deadline passed a month before,
// has lapsed: it is not funded under any budget, counts 0 and is in Lapse,
// and naming it must-fund fails. "today" (deadline on the day) has not
// passed and is funded. Without On the plan is the as-of date's, where
// "gone" is worth S - X = 50 funded now and is funded.
func TestFundingOnPassedDeadline(t *testing.T) {
	p := fundingOnPortfolio()
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	on := model.NewDate(2026, time.April, 1)
	fp, err := NewFundingProblem(p, v, FundingOptions{On: on, PeriodEnd: model.NewDate(2026, time.July, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if !fp.AsOf.Equal(on.Time) {
		t.Errorf("period starts %s, want %s", fp.AsOf, on)
	}
	gone, today := fp.Items[0], fp.Items[1]
	if gone.ID != "gone" || !gone.Passed || !gone.Blocked || !gone.Lapses || gone.Fund != 0 || gone.Keep != 0 {
		t.Errorf("gone: %+v, want passed, blocked, lapsing, 0 to fund and keep", gone)
	}
	if today.ID != "today" || today.Passed || today.Blocked || !today.Lapses {
		t.Errorf("today: %+v, want not passed (due on the day), lapsing in the period", today)
	}
	pl, err := fp.Solve(1e9, PlanLimits{})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Funded(0) || pl.Counted[0] != 0 || len(pl.Lapse) != 1 || pl.Lapse[0] != 0 {
		t.Errorf("plan funds %v, lapses %v, counts %v: gone must lapse and count 0", pl.Fund, pl.Lapse, pl.Counted)
	}
	if !pl.Funded(1) {
		t.Errorf("plan funds %v: today (worth S - X > 0 now) should be funded", pl.Fund)
	}
	if g := fp.Greedy(1e9); g.Funded(0) {
		t.Errorf("the greedy plan funds gone: %v", g.Fund)
	}
	if _, err := NewFundingProblem(p, v, FundingOptions{On: on, Must: []string{"gone"}}); err == nil || !strings.Contains(err.Error(), "deadline passed") {
		t.Errorf("must-fund gone after its deadline: err %v, want one saying its deadline passed", err)
	}
	if _, err := NewFundingProblem(p, v, FundingOptions{On: model.NewDate(2025, time.December, 1)}); err == nil {
		t.Error("a plan dated before the as-of date should fail")
	}

	// On the as-of date (On zero) gone is still open: worth S - X funded now.
	fp, err = NewFundingProblem(p, v, FundingOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g := fp.Items[0]; g.Passed || g.Blocked || g.Fund != 50 || !fp.AsOf.Equal(p.AsOf.Time) {
		t.Errorf("as of the as-of date gone is %+v from %s, want open with Fund 50 from %s", g, fp.AsOf, p.AsOf)
	}
	if pl, err := fp.Solve(1e9, PlanLimits{}); err != nil || !pl.Funded(0) {
		t.Errorf("as of the as-of date gone should be funded: %v, %v", pl, err)
	}
}

// TestMethodAfterDeadline: an initiative valued after its deadline (t = 0)
// says so in its method instead of naming the pricer it did not need: a
// staged option out of the money (S 80 for X 100 plus stage cost 10) is
// "lapsed, 0"; one in the money (S 130) is worth exercising now,
// S - X - K1 = 20, and says that; the same staged option before its
// deadlines keeps the pricer's name.
func TestMethodAfterDeadline(t *testing.T) {
	p := &model.Portfolio{Version: 1, Name: "m", AsOf: model.NewDate(2026, time.January, 1), Settings: model.Settings{RiskFree: 0.05}}
	staged := func(id string, s float64, d, stage model.Date) model.Initiative {
		return model.Initiative{ID: id, Name: id, Kind: model.KindStaged, Status: model.StatusOpen, Leakage: 0.02,
			S: model.Number(s), X: model.Number(100), Sigma: model.Number(0.3), Deadline: d, StageDeadline: stage, StageCost: 10}
	}
	p.Initiatives = []model.Initiative{
		staged("out", 80, model.NewDate(2025, time.June, 1), model.NewDate(2025, time.March, 1)),
		staged("in", 130, model.NewDate(2025, time.June, 1), model.NewDate(2025, time.March, 1)),
		staged("open", 80, model.NewDate(2028, time.January, 1), model.NewDate(2027, time.January, 1)),
	}
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := v.ByID("out"); r.Position.Value != 0 || r.Position.Method != MethodPassedLapsed {
		t.Errorf("out: value %g, method %q, want 0 and %q", r.Position.Value, r.Position.Method, MethodPassedLapsed)
	}
	if r := v.ByID("in"); r.Position.Value < 20-1e-9 || r.Position.Value > 20+1e-9 || r.Position.Method != MethodPassedExercise {
		t.Errorf("in: value %g, method %q, want 20 and %q", r.Position.Value, r.Position.Method, MethodPassedExercise)
	}
	if r := v.ByID("open"); r.Position.Value <= 0 || strings.HasPrefix(r.Position.Method, "deadline passed") || r.Position.Method == "" {
		t.Errorf("open: value %g, method %q, want a positive value by its pricer", r.Position.Value, r.Position.Method)
	}
}

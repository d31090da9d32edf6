package portfolio

import (
	"math"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
)

// TestDeadlinePassedRule: a deadline before the date has passed, one on
// the date is due today and has not, none never passes; the counts of days
// come from the calendar (2025-12-29 is three days before 2026-01-01).
func TestDeadlinePassedRule(t *testing.T) {
	on := model.NewDate(2026, time.January, 1)
	for _, c := range []struct {
		d    model.Date
		want bool
	}{
		{model.NewDate(2025, time.December, 29), true},
		{model.NewDate(2025, time.December, 31), true},
		{on, false},
		{model.NewDate(2026, time.January, 2), false},
		{model.Date{}, false},
	} {
		if got := DeadlinePassed(c.d, on); got != c.want {
			t.Errorf("DeadlinePassed(%s, %s) = %v, want %v", c.d, on, got, c.want)
		}
	}
}

// TestEvaluateMarksPassedDeadlines values a portfolio as of a date after
// one initiative's deadline and one staged initiative's stage deadline: the
// engine marks exactly those (also for one that cannot be valued and for a
// decided one), with t = 0, and the passed initiative's value is still the
// t = 0 value, max(S - X, 0) = 20 for S 120 and X 100.
func TestEvaluateMarksPassedDeadlines(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	p := &model.Portfolio{Version: 1, Name: "passed", AsOf: asOf, Settings: model.Settings{RiskFree: 0.05}}
	add := func(id string, kind model.OptionKind, st model.Status, d, stage model.Date) {
		in := model.Initiative{ID: id, Name: id, Kind: kind, Status: st,
			S: model.Number(120), X: model.Number(100), Sigma: model.Number(0.3), Deadline: d, StageDeadline: stage}
		if kind == model.KindStaged {
			in.StageCost = 10
		}
		p.Initiatives = append(p.Initiatives, in)
	}
	add("gone", model.KindDefer, model.StatusOpen, model.NewDate(2025, time.December, 1), model.Date{})
	add("today", model.KindDefer, model.StatusOpen, asOf, model.Date{})
	add("later", model.KindDefer, model.StatusOpen, asOf.AddMonths(12), model.Date{})
	add("stage", model.KindStaged, model.StatusOpen, asOf.AddMonths(24), model.NewDate(2025, time.November, 1))
	add("decided", model.KindDefer, model.StatusInvested, model.NewDate(2025, time.June, 1), model.Date{})
	add("none", model.KindDefer, model.StatusOpen, model.Date{}, model.Date{})
	broken := model.Initiative{ID: "broken", Name: "broken", Kind: model.KindDefer, Status: model.StatusOpen,
		S: model.Formula("nosuchdriver * 2"), X: model.Number(100), Sigma: model.Number(0.3), Deadline: model.NewDate(2025, time.October, 1)}
	p.Initiatives = append(p.Initiatives, broken)

	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]bool{ // deadline passed, stage deadline passed
		"gone": {true, false}, "today": {false, false}, "later": {false, false}, "stage": {false, true},
		"decided": {true, false}, "none": {false, false}, "broken": {true, false},
	}
	for id, w := range want {
		r := v.ByID(id)
		if r.DeadlinePassed != w[0] || r.StageDeadlinePassed != w[1] {
			t.Errorf("%s: DeadlinePassed %v, StageDeadlinePassed %v, want %v", id, r.DeadlinePassed, r.StageDeadlinePassed, w)
		}
	}
	if r := v.ByID("broken"); r.Err == nil {
		t.Fatal("broken: want a formula error")
	}
	if r := v.ByID("gone"); r.T != 0 || math.Abs(r.Position.Value-20) > 1e-9 {
		t.Errorf("gone: t %g, value %.12g, want 0 and 20", r.T, r.Position.Value)
	}
	// As of its own deadline's eve the same initiative has not passed.
	v, err = Evaluate(p, Options{AsOf: model.NewDate(2025, time.November, 30)})
	if err != nil {
		t.Fatal(err)
	}
	if r := v.ByID("gone"); r.DeadlinePassed || r.T <= 0 {
		t.Errorf("as of the day before: DeadlinePassed %v, t %g", r.DeadlinePassed, r.T)
	}
	// An engine's incremental revaluation keeps the marks.
	eng, err := NewEngine(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.SetInput("gone", "S", model.Number(130)); err != nil {
		t.Fatal(err)
	}
	if r := eng.Valuation().ByID("gone"); !r.DeadlinePassed || math.Abs(r.Position.Value-30) > 1e-9 {
		t.Errorf("after SetInput: DeadlinePassed %v, value %g, want true and 30", r.DeadlinePassed, r.Position.Value)
	}
}

package portfolio

import (
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
)

func TestDeadlines(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	p := &model.Portfolio{AsOf: asOf}
	add := func(id string, d model.Date, st model.Status) {
		p.Initiatives = append(p.Initiatives, model.Initiative{ID: id, Name: id, Status: st, Deadline: d})
	}
	add("later", asOf.AddMonths(4), model.StatusOpen)                           // 120 days
	add("edge", model.NewDate(2026, time.April, 1), model.StatusOpen)           // 90 days: in
	add("soon", model.NewDate(2026, time.January, 11), model.StatusOpen)        // 10 days
	add("passed", model.NewDate(2025, time.December, 29), model.StatusOpen)     // 3 days ago
	add("today", asOf, model.StatusOpen)                                        // 0
	add("invested", model.NewDate(2026, time.January, 5), model.StatusInvested) // decided: out
	add("none", model.Date{}, model.StatusOpen)                                 // no deadline: out
	got := Deadlines(p, model.Date{}, DeadlineDays)
	want := []struct {
		id     string
		days   int
		passed bool
	}{{"passed", -3, true}, {"today", 0, false}, {"soon", 10, false}, {"edge", 90, false}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Days != w.days || got[i].Passed != w.passed {
			t.Errorf("%d: %+v, want %+v", i, got[i], w)
		}
	}
	// A month later with 30 days: the three earliest have passed and the
	// edge (59 days out) is beyond the window.
	later := Deadlines(p, model.NewDate(2026, time.February, 1), 30)
	if len(later) != 3 {
		t.Fatalf("a month later: %+v", later)
	}
	for _, d := range later {
		if !d.Passed || d.Days >= 0 {
			t.Errorf("%+v should have passed", d)
		}
	}
}

// DecisionsDue lists the open initiatives whose deadline falls on or
// before the next review (six months on by default), earliest first, each with its
// region and its option value as the cost of letting it lapse.
func TestDecisionsDue(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	p := &model.Portfolio{Version: 1, Name: "due", AsOf: asOf, Settings: model.Settings{RiskFree: 0.05}}
	add := func(id string, d model.Date, st model.Status) {
		p.Initiatives = append(p.Initiatives, model.Initiative{ID: id, Name: "Name of " + id, Kind: model.KindDefer, Status: st,
			S: model.Number(120), X: model.Number(100), Sigma: model.Number(0.3), Deadline: d})
	}
	add("inside", model.NewDate(2026, time.May, 1), model.StatusOpen)
	add("first", model.NewDate(2026, time.February, 1), model.StatusOpen)
	add("after", model.NewDate(2026, time.July, 2), model.StatusOpen)      // after the review on 1 July
	add("review-day", model.NewDate(2026, time.July, 1), model.StatusOpen) // on the review day: due (its last review)
	add("decided", model.NewDate(2026, time.March, 1), model.StatusInvested)
	v, err := Evaluate(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := NextReview(asOf); !got.Equal(model.NewDate(2026, time.July, 1).Time) {
		t.Fatalf("next review %v", got)
	}
	due := DecisionsDue(p, v, model.Date{})
	if len(due) != 3 || due[0].ID != "first" || due[1].ID != "inside" || due[2].ID != "review-day" {
		t.Fatalf("due %+v", due)
	}
	for _, d := range due {
		r := v.ByID(d.ID)
		if d.Name != "Name of "+d.ID || d.Region != r.Position.Region || d.LapseCost != r.Position.Value || !(d.LapseCost > 20) {
			t.Errorf("%+v against %+v", d, r.Position)
		}
	}
	// A later review takes in the one due after the default review.
	if got := DecisionsDue(p, v, model.NewDate(2026, time.August, 1)); len(got) != 4 {
		t.Errorf("to August: %+v", got)
	}
}

// One rule decides "before the next review": the decisions due and the
// funding plan's lapses are the same initiatives, for deadlines the day
// before, on and after the review (the report's pages 5 and 7 once
// disagreed about a deadline on the review day).
func TestDecisionsDueAreThePlansLapses(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	review := model.NewDate(2026, time.July, 1)
	p := &model.Portfolio{Version: 1, Name: "window", AsOf: asOf, Settings: model.Settings{RiskFree: 0.05}}
	for id, d := range map[string]model.Date{
		"day-before": model.NewDate(2026, time.June, 30), "review-day": review, "day-after": model.NewDate(2026, time.July, 2),
	} {
		p.Initiatives = append(p.Initiatives, model.Initiative{ID: id, Name: id, Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(120), X: model.Number(100), Sigma: model.Number(0.3), Deadline: d})
	}
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	fp, err := NewFundingProblem(p, v, FundingOptions{PeriodEnd: review})
	if err != nil {
		t.Fatal(err)
	}
	lapses := map[string]bool{}
	for _, it := range fp.Items {
		lapses[it.ID] = it.Lapses
	}
	due := map[string]bool{}
	for _, d := range DecisionsDue(p, v, review) {
		due[d.ID] = true
	}
	want := map[string]bool{"day-before": true, "review-day": true, "day-after": false}
	for id, w := range want {
		if due[id] != w || lapses[id] != w {
			t.Errorf("%s: due %v, lapses %v; want both %v", id, due[id], lapses[id], w)
		}
		if got := DueBy(p.Initiative(id).Deadline, review); got != w {
			t.Errorf("DueBy(%s) = %v, want %v", id, got, w)
		}
	}
	if DueBy(model.Date{}, review) {
		t.Error("no deadline is due")
	}
}

// The next review after a date is on the as-of date's review cycle and
// strictly after that date.
func TestNextReviewAfter(t *testing.T) {
	asOf := model.NewDate(2026, time.October, 1)
	for _, c := range []struct{ now, want model.Date }{
		{asOf, model.NewDate(2027, time.April, 1)},
		{model.NewDate(2026, time.January, 1), model.NewDate(2027, time.April, 1)},
		{model.NewDate(2027, time.March, 31), model.NewDate(2027, time.April, 1)},
		{model.NewDate(2027, time.April, 1), model.NewDate(2027, time.October, 1)},
		{model.NewDate(2027, time.June, 1), model.NewDate(2027, time.October, 1)},
		{model.NewDate(2030, time.January, 1), model.NewDate(2030, time.April, 1)},
	} {
		if got := NextReviewAfter(asOf, c.now); !got.Equal(c.want.Time) {
			t.Errorf("after %s: %s, want %s", c.now, got, c.want)
		}
	}
}

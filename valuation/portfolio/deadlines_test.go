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

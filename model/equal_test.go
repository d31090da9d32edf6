package model

import (
	"testing"
	"time"
)

func TestInitiativeEqual(t *testing.T) {
	base := func() *Initiative {
		r := 0.04
		return &Initiative{ID: "a", Name: "A", Tag: "t", Kind: KindDefer, Status: StatusOpen,
			S: Formula("members * 2"), X: Number(100), Sigma: Number(0.3), Deadline: NewDate(2027, time.March, 1), Rate: &r,
			Assumptions: []Assumption{{Name: "n", Value: "v", Date: NewDate(2026, time.May, 2)}},
			Risks:       []Risk{{Description: "d"}}}
	}
	a := base()
	if !a.Equal(base()) {
		t.Fatal("an initiative differs from its copy")
	}
	// Not inputs: a formula's cached result, a fresh pointer to the same rate,
	// a date parsed rather than built, an empty list for a nil one.
	b := base()
	b.S.Value = 12345
	r := 0.04
	b.Rate = &r
	b.Deadline, _ = ParseDate("2027-03-01")
	if !a.Equal(b) {
		t.Error("equal initiatives compare unequal")
	}
	c, d := base(), base()
	c.Risks, d.Risks = nil, []Risk{}
	if !c.Equal(d) {
		t.Error("nil and empty risks compare unequal")
	}
	for name, edit := range map[string]func(*Initiative){
		"name":           func(in *Initiative) { in.Name = "B" },
		"owner":          func(in *Initiative) { in.Owner = "me" },
		"formula":        func(in *Initiative) { in.S = Formula("members * 3") },
		"number":         func(in *Initiative) { in.X = Number(101) },
		"formula→number": func(in *Initiative) { in.S = Number(0) },
		"rate":           func(in *Initiative) { x := 0.05; in.Rate = &x },
		"no rate":        func(in *Initiative) { in.Rate = nil },
		"deadline":       func(in *Initiative) { in.Deadline = in.Deadline.AddMonths(1) },
		"stage deadline": func(in *Initiative) { in.StageDeadline = in.Deadline },
		"assumption":     func(in *Initiative) { in.Assumptions[0].Source = "x" },
		"assumption day": func(in *Initiative) { in.Assumptions[0].Date = NewDate(2026, time.May, 3) },
		"risks":          func(in *Initiative) { in.Risks = nil },
		"leakage":        func(in *Initiative) { in.Leakage = 0.01 },
		"estimate":       func(in *Initiative) { in.Estimate = &Provenance{Method: "m"} },
	} {
		x := base()
		edit(x)
		if a.Equal(x) || x.Equal(a) {
			t.Errorf("%s: a changed initiative compares equal", name)
		}
	}
	var nilIn *Initiative
	if !nilIn.Equal(nil) || a.Equal(nil) || nilIn.Equal(a) {
		t.Error("nil comparisons")
	}
}

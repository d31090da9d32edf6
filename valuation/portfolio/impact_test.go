package portfolio

import (
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
)

// TestCompareMatchesEngine checks that Compare of the valuations before
// and after an engine change gives the Impact the engine returned.
func TestCompareMatchesEngine(t *testing.T) {
	p := handPortfolio()
	before, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	en := linkedEngine(t, p)
	im, err := en.SetDriver("members", 2000)
	if err != nil {
		t.Fatal(err)
	}
	im2, err := en.SetLink(model.Link{From: "pilot", To: "rollout", Kind: model.LinkGates}, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Moved) == 0 || len(im2.Moved) == 0 {
		t.Fatalf("nothing moved: %+v %+v", im, im2)
	}
	got := Compare(before, en.Valuation())
	q := p.Clone()
	q.Driver("members").Value = 2000
	q.Links = nil
	after, err := Evaluate(q, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	want := Compare(before, after)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compare(engine) = %+v\nCompare(Evaluate) = %+v", got, want)
	}
	if got.TotalBefore != im.TotalBefore || got.TotalAfter != im2.TotalAfter {
		t.Errorf("totals %v -> %v, engine %v -> %v", got.TotalBefore, got.TotalAfter, im.TotalBefore, im2.TotalAfter)
	}
	// The moves of one engine step are those of Compare over that step.
	en2, _ := NewEngine(p, Options{WithLinks: true})
	v0 := en2.Valuation().Clone()
	step, _ := en2.SetDriver("members", 2000)
	step.Repriced = 0
	if c := Compare(v0, en2.Valuation()); !reflect.DeepEqual(c, step) {
		t.Errorf("Compare = %+v, engine Impact = %+v", c, step)
	}
}

func TestCompareAddedRemoved(t *testing.T) {
	p := handPortfolio()
	before, _ := Evaluate(p, Options{WithLinks: true})
	q := p.Clone()
	q.Initiatives = q.Initiatives[1:] // pilot gone
	q.Links = nil
	q.Initiatives = append(q.Initiatives, model.Initiative{ID: "new", Name: "New", Tag: "community", Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Number(1000), X: model.Number(900), Sigma: model.Number(0.3), Deadline: p.AsOf.AddMonths(12)})
	after, _ := Evaluate(q, Options{WithLinks: true})
	im := Compare(before, after)
	var added, removed []string
	for _, m := range im.Moved {
		if m.Added {
			added = append(added, m.ID)
		}
		if m.Removed {
			removed = append(removed, m.ID)
		}
	}
	if !slices.Equal(added, []string{"new"}) || !slices.Equal(removed, []string{"pilot"}) {
		t.Errorf("added %v, removed %v", added, removed)
	}
	if im.Change() != after.Total-before.Total {
		t.Errorf("Change %v, want %v", im.Change(), after.Total-before.Total)
	}
	if same := Compare(before, before); len(same.Moved) != 0 || same.Change() != 0 {
		t.Errorf("a valuation compared with itself moved: %+v", same)
	}
}

func TestValueSnapshot(t *testing.T) {
	p := handPortfolio()
	v0, _ := Evaluate(p, Options{WithLinks: true})
	c := p.Clone()
	s := model.Snapshot{ID: "s1", Label: "Q1", AsOf: p.AsOf, Settings: p.Settings,
		Initiatives: c.Initiatives, Drivers: c.Drivers, Links: c.Links}
	p.Driver("members").Value = 1500
	sv, err := ValueSnapshot(p, &s, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if sv.Total != v0.Total {
		t.Errorf("snapshot total %v, want the total when it was taken %v", sv.Total, v0.Total)
	}
	if p.Driver("members").Value != 1500 || s.Drivers[0].Value != 1000 {
		t.Error("ValueSnapshot changed its arguments")
	}
}

func TestDriverUsers(t *testing.T) {
	p := handPortfolio()
	p.Drivers = append(p.Drivers, model.Driver{Name: "member", Value: 1, Low: 0, High: 2})
	p.Initiatives[2].X = model.Formula(`40000 + len("members") * 0`) // a string, not the driver
	for _, c := range []struct {
		driver string
		want   []string
	}{
		{"members", []string{"Pilot", "Rollout"}},
		{"value_per_member", []string{"Pilot", "Rollout", "Care team"}},
		{"member", nil}, // a prefix of another driver's name
		{"nope", nil},
	} {
		if got := DriverUsers(p, c.driver); !slices.Equal(got, c.want) {
			t.Errorf("DriverUsers(%q) = %q, want %q", c.driver, got, c.want)
		}
		en, err := NewEngine(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := en.DriverUsers(c.driver); !slices.Equal(got, c.want) && len(got)+len(c.want) > 0 {
			t.Errorf("Engine.DriverUsers(%q) = %q, want %q", c.driver, got, c.want)
		}
	}
}

// TestImpactChangesAddUp checks the rule of Move.Change: each move's
// change is its contribution to the total (its value with follow-ons when
// it counts on its own, 0 when counted inside its gate), so the moves add
// up to the portfolio's change, for a driver change, a link change, an
// input edit and Compare. The rows are checked against the valuations'
// own numbers: the gated rollout moves the total through the pilot only.
func TestImpactChangesAddUp(t *testing.T) {
	p := handPortfolio()
	en := linkedEngine(t, p)
	sum := func(im *Impact) float64 {
		s := 0.0
		for _, m := range im.Moved {
			s += m.Change()
		}
		return s
	}
	check := func(name string, im *Impact) {
		t.Helper()
		if d := im.Change(); math.Abs(sum(im)-d) > 1e-9*math.Max(1, math.Abs(d)) || len(im.Moved) == 0 {
			t.Errorf("%s: moves add up to %v, portfolio change %v", name, sum(im), d)
		}
	}
	v0 := en.Valuation().Clone()
	im, err := en.SetDriver("members", 2000)
	if err != nil {
		t.Fatal(err)
	}
	check("driver", im)
	v1 := en.Valuation().Clone()
	by := map[string]Move{}
	for _, m := range im.Moved {
		by[m.ID] = m
	}
	pilot, rollout := by["pilot"], by["rollout"]
	// The pilot counts with its follow-on, the rollout inside the pilot.
	if want := v1.ByID("pilot").WithFollowOns - v0.ByID("pilot").WithFollowOns; pilot.Change() != want || pilot.CountedIn != "" {
		t.Errorf("pilot change %v (counted in %q), want its value with follow-ons' change %v", pilot.Change(), pilot.CountedIn, want)
	}
	if rollout.Change() != 0 || rollout.CountedIn != "pilot" || rollout.CountedInName != "Pilot" || rollout.StandAloneChange() <= 0 {
		t.Errorf("rollout change %v, counted in %q (%q), stand-alone %v; want 0 counted in pilot (Pilot), its own value up",
			rollout.Change(), rollout.CountedIn, rollout.CountedInName, rollout.StandAloneChange())
	}
	if pilot.Change() != im.Change() && math.Abs(pilot.Change()-im.Change()) > 1e-9*im.Change() {
		t.Errorf("pilot change %v, portfolio %v (care did not move)", pilot.Change(), im.Change())
	}
	// Removing the gate: the rollout now counts on its own (its value),
	// the pilot loses its follow-on. Here the two are equal (the pilot's
	// follow-on value is the rollout's), so the total does not move but
	// both rows do.
	im, err = en.SetLink(model.Link{From: "pilot", To: "rollout", Kind: model.LinkGates}, true)
	if err != nil {
		t.Fatal(err)
	}
	check("link", im)
	v2 := en.Valuation().Clone()
	for _, m := range im.Moved {
		switch m.ID {
		case "rollout":
			if m.Change() != v2.ByID("rollout").Position.Value || m.CountedIn != "" {
				t.Errorf("rollout after unlinking: change %v, want its value %v", m.Change(), v2.ByID("rollout").Position.Value)
			}
		case "pilot":
			if want := -v1.ByID("pilot").FollowOn; math.Abs(m.Change()-want) > 1e-9*math.Abs(want) {
				t.Errorf("pilot after unlinking: change %v, want its follow-on lost %v", m.Change(), want)
			}
		}
	}
	im, err = en.SetInput("care", "S", model.Number(60000))
	if err != nil {
		t.Fatal(err)
	}
	check("input", im)
	check("compare", Compare(v0, en.Valuation()))
	check("compare back", Compare(en.Valuation(), v0))
}

// TestMoveCountedInIsAnID checks that a move names the gate it is counted
// in by ID (the fixture's links), with the name beside it for display: two
// gates of one name stay apart.
func TestMoveCountedInIsAnID(t *testing.T) {
	p := handPortfolio()
	p.Initiatives = append(p.Initiatives, model.Initiative{ID: "pilot-2", Name: "Pilot", Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen,
		S: model.Number(9000), X: model.Number(8000), Sigma: model.Number(0.3), Deadline: model.NewDate(2027, time.January, 1)})
	p.Links = append(p.Links, model.Link{From: "pilot-2", To: "care", Kind: model.LinkGates})
	en := linkedEngine(t, p)
	v0 := en.Valuation().Clone()
	im, err := en.SetDriver("value_per_member", 120)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"rollout": "pilot", "care": "pilot-2", "pilot": ""}
	for name, im := range map[string]*Impact{"SetDriver": im, "Compare": Compare(v0, en.Valuation())} {
		got := map[string]string{}
		for _, m := range im.Moved {
			got[m.ID] = m.CountedIn
			if wantName := map[string]string{"": "", "pilot": "Pilot", "pilot-2": "Pilot"}[m.CountedIn]; m.CountedInName != wantName {
				t.Errorf("%s: %s counted in %q named %q, want %q", name, m.ID, m.CountedIn, m.CountedInName, wantName)
			}
		}
		for id, w := range want {
			if g, ok := got[id]; !ok || g != w {
				t.Errorf("%s: %s counted in %q (moved %v), want %q", name, id, g, ok, w)
			}
		}
	}
	// A removed follow-on keeps the gate it was counted in before.
	q := p.Clone()
	q.Initiatives = q.Initiatives[:2]
	q.Links = q.Links[:1]
	after, err := Evaluate(q, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range Compare(v0, after).Moved {
		if m.ID == "care" {
			found = true
			if !m.Removed || m.CountedIn != "pilot-2" || m.CountedInName != "Pilot" {
				t.Errorf("removed care: %+v, want counted in pilot-2 (Pilot)", m)
			}
		}
	}
	if !found {
		t.Error("care removed but not among the moves")
	}
}

package portfolio

import (
	"math"
	"slices"
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestExplainStartsCountingAndMovesS: from the hand portfolio (the pilot
// gates the rollout), the gate is removed and the members driver goes from
// 1,000 to 1,500. The rollout now counts on its own: its change splits
// into what it would have added before (its value then, the closed form
// refCall at S 100,000) and its S moving 100,000 → 150,000 through
// members (refCall at 150,000 less at 100,000); before, the whole change
// was "counting". The pilot counts at both: its S moved through members
// (refCall of its own terms) and it lost the follow-on (Geske's compound
// value, refCompound, independent of the engine). Every split adds up to
// the move's change exactly.
func TestExplainStartsCountingAndMovesS(t *testing.T) {
	bp := handPortfolio()
	ap := handPortfolio()
	ap.Links = nil
	ap.Drivers[0].Value = 1500
	bv, err := Evaluate(bp, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	av, err := Evaluate(ap, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	const r = 0.05
	tA, tB := 365/365.25, 1096/365.25
	k1 := 12000 - 10000*math.Exp(r*tA)
	want := map[string]map[string]float64{
		"rollout": {
			"counting": refCall(100000, 110000, tB, 0.4, r),
			"S":        refCall(150000, 110000, tB, 0.4, r) - refCall(100000, 110000, tB, 0.4, r),
		},
		"pilot": {
			"S":          refCall(15000, 12000, tA, 0.3, r) - refCall(10000, 12000, tA, 0.3, r),
			"follow-ons": -refCompound(100000, 110000, tB, 0.4, r, k1, tA),
		},
	}
	im := Compare(bv, av)
	seen := 0
	for _, m := range im.Moved {
		w, ok := want[m.ID]
		if !ok {
			t.Errorf("%s moved (%v): only the pilot and the rollout should", m.ID, m.Change())
			continue
		}
		seen++
		cs := Explain(m, bp, bv, ap, av)
		sum := 0.0
		for _, c := range cs {
			sum += c.Delta
			ref, ok := w[c.Input]
			if !ok {
				t.Errorf("%s: contribution %s %v not expected", m.ID, c.Input, c.Delta)
				continue
			}
			if math.Abs(c.Delta-ref) > 1e-6*math.Max(1, math.Abs(ref)) {
				t.Errorf("%s: %s contributes %.6f, want %.6f", m.ID, c.Input, c.Delta, ref)
			}
			if c.Input == "S" && !slices.Equal(c.Drivers, []string{"members"}) {
				t.Errorf("%s: S moved through %v, want [members]", m.ID, c.Drivers)
			}
			if c.Input != "S" && len(c.Drivers) != 0 {
				t.Errorf("%s: %s names drivers %v", m.ID, c.Input, c.Drivers)
			}
		}
		if len(cs) != len(w) {
			t.Errorf("%s: %d contributions %+v, want %d", m.ID, len(cs), cs, len(w))
		}
		if sum != m.Change() {
			t.Errorf("%s: contributions add up to %v, change %v", m.ID, sum, m.Change())
		}
		for i := 1; i < len(cs); i++ {
			if math.Abs(cs[i].Delta) > math.Abs(cs[i-1].Delta) {
				t.Errorf("%s: not largest first: %+v", m.ID, cs)
			}
		}
	}
	if seen != 2 {
		t.Errorf("%d of the pilot and rollout moved", seen)
	}
}

// TestExplainStopsCounting: the reverse (the gate added back, members back
// to 1,000): the rollout stops counting on its own; its inputs explain the
// change of its own value and "counting" takes its value after away, so
// the parts add up to minus its value before.
func TestExplainStopsCounting(t *testing.T) {
	bp := handPortfolio()
	bp.Links = nil
	bp.Drivers[0].Value = 1500
	ap := handPortfolio()
	bv, _ := Evaluate(bp, Options{WithLinks: true})
	av, _ := Evaluate(ap, Options{WithLinks: true})
	const r = 0.05
	tB := 1096 / 365.25
	for _, m := range Compare(bv, av).Moved {
		if m.ID != "rollout" {
			continue
		}
		got := map[string]float64{}
		sum := 0.0
		for _, c := range Explain(m, bp, bv, ap, av) {
			got[c.Input] = c.Delta
			sum += c.Delta
		}
		wantS := refCall(100000, 110000, tB, 0.4, r) - refCall(150000, 110000, tB, 0.4, r)
		if math.Abs(got["S"]-wantS) > 1e-6*math.Abs(wantS) || math.Abs(got["counting"]+refCall(100000, 110000, tB, 0.4, r)) > 1e-6*math.Abs(wantS) {
			t.Errorf("rollout: %v, want S %v and counting %v", got, wantS, -refCall(100000, 110000, tB, 0.4, r))
		}
		if sum != m.Change() || math.Abs(m.Change()+refCall(150000, 110000, tB, 0.4, r)) > 1e-6*m.Before.Value {
			t.Errorf("rollout: parts add up to %v, change %v", sum, m.Change())
		}
		return
	}
	t.Fatal("the rollout did not move")
}

// TestExplainNothingForAddedOrUncounted: an added initiative and one that
// counts on its own at neither state have no contributions.
func TestExplainNothingForAddedOrUncounted(t *testing.T) {
	bp := handPortfolio()
	ap := handPortfolio()
	ap.Initiatives = append(ap.Initiatives, model.Initiative{ID: "new", Name: "New", Tag: "community", Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Number(1000), X: model.Number(900), Sigma: model.Number(0.2), Deadline: ap.Initiatives[0].Deadline})
	ap.Drivers[0].Value = 1200 // the gated rollout moves, counted inside the pilot at both
	bv, _ := Evaluate(bp, Options{WithLinks: true})
	av, _ := Evaluate(ap, Options{WithLinks: true})
	for _, m := range Compare(bv, av).Moved {
		if m.ID == "new" || m.ID == "rollout" {
			if cs := Explain(m, bp, bv, ap, av); cs != nil {
				t.Errorf("%s: %+v, want none", m.ID, cs)
			}
		}
	}
}

// TestExplainPricesAsTheValuation: valued with Options.Steps (a 301-step
// lattice for options with leakage), the steps of the split are priced the
// same way, so a change of S alone is all "S": no "other" for the gap
// between the lattice and the boundary method (about 1e-4 of the value),
// which the old split, pricing its steps by the boundary method, put there.
func TestExplainPricesAsTheValuation(t *testing.T) {
	bp := handPortfolio()
	bp.Links = nil
	bp.Initiative("rollout").Leakage = 0.03
	ap := bp.Clone()
	ap.Drivers[0].Value = 1500
	opt := Options{WithLinks: true, Steps: 301}
	bv, err := Evaluate(bp, opt)
	if err != nil {
		t.Fatal(err)
	}
	av, err := Evaluate(ap, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Compare(bv, av).Moved {
		if m.ID != "rollout" {
			continue
		}
		cs := Explain(m, bp, bv, ap, av)
		if len(cs) != 1 || cs[0].Input != "S" || cs[0].Delta != m.Change() {
			t.Fatalf("rollout (S alone moved): contributions %+v, change %v; want one S of it all", cs, m.Change())
		}
		return
	}
	t.Fatal("the rollout did not move")
}

package portfolio

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/internal/reftest"
)

// gatePortfolio is a gate from "a" into "b"; the caller adjusts them.
func gatePortfolio(a, b model.Initiative) *model.Portfolio {
	p := model.NewSCRMTemplate("gate", model.NewDate(2026, time.January, 1))
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = 0.05
	a.ID, a.Name, a.Tag, a.Status = "a", "A", "community", model.StatusOpen
	b.ID, b.Name, b.Tag, b.Status = "b", "B", "community", model.StatusOpen
	p.Initiatives = []model.Initiative{a, b}
	p.Links = []model.Link{{From: "a", To: "b", Kind: model.LinkGates}}
	return p
}

// TestGateFollowOn: a gate whose initiative pays for itself (K1 = 0) adds
// exactly the gated initiative's own value, a staged one included (it
// used to count a staged B as a call at X + stage cost: 21.75 against its
// own 20.31); a gate into a B with leakage values B's call as American
// (against an independent CRR lattice of 4000 steps, tolerance 1e-3
// relative, and at least Geske's European compound); a decision after B's
// deadline is said in FollowOnNote.
func TestGateFollowOn(t *testing.T) {
	y := func(n int) model.Date { return model.NewDate(2026+n, time.January, 1) }
	// K1 = 0: A's cash flows (S 200 against X 100) recover its cost.
	a := model.Initiative{Kind: model.KindDefer, S: model.Number(200), X: model.Number(100), Sigma: model.Number(0.3), Deadline: y(1)}
	for _, b := range []model.Initiative{
		{Kind: model.KindStaged, S: model.Number(100), X: model.Number(100), Sigma: model.Number(0.3), Deadline: y(3), StageCost: 10, StageDeadline: y(2)},
		{Kind: model.KindDefer, S: model.Number(100), X: model.Number(100), Sigma: model.Number(0.3), Deadline: y(3), Leakage: 0.06},
		{Kind: model.KindChoose, S: model.Number(100), X: model.Number(100), Sigma: model.Number(0.3), Deadline: y(3), ExpandFactor: 0.5, ContractFactor: 0.3, Salvage: 60},
	} {
		v, err := Evaluate(gatePortfolio(a, b), Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		ra, rb := v.ByID("a"), v.ByID("b")
		if ra.FollowOn != rb.Position.Value || ra.FollowOnNote != "" {
			t.Errorf("%s B: follow-on %.10f, B's own value %.10f (note %q)", b.Kind, ra.FollowOn, rb.Position.Value, ra.FollowOnNote)
		}
	}
	// K1 > 0 into a B with leakage: American second stage.
	a.S = model.Number(50)
	b := model.Initiative{Kind: model.KindDefer, S: model.Number(100), X: model.Number(100), Sigma: model.Number(0.3), Deadline: y(3), Leakage: 0.06}
	v, err := Evaluate(gatePortfolio(a, b), Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := v.ByID("a"), v.ByID("b")
	k1 := 100 - 50*math.Exp(0.05*ra.T)
	want := 0.5 * (reftest.CompoundCRR(100, 100, rb.T, 0.3, 0.05, 0.06, k1, ra.T, 4000) + reftest.CompoundCRR(100, 100, rb.T, 0.3, 0.05, 0.06, k1, ra.T, 4001))
	g, _ := valuation.Geske(valuation.Inputs{S: 100, X: 100, T: rb.T, Sigma: 0.3, R: 0.05, Q: 0.06}, k1, ra.T)
	if math.Abs(ra.FollowOn-want) > 1e-3*want || ra.FollowOn < g {
		t.Errorf("follow-on %.6f, plain CRR %.6f, Geske European %.6f", ra.FollowOn, want, g)
	}
	// A decided after B's deadline: clamped, and said.
	a.Deadline = y(4)
	v, err = Evaluate(gatePortfolio(a, b), Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if note := v.ByID("a").FollowOnNote; !strings.Contains(note, "after the deadline of B") {
		t.Errorf("clamped gate date: note %q", note)
	}
}

package portfolio

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestInputsAreTheValuations: the inputs shown before the values are the
// ones the valuation then shows, initiative by initiative (random
// portfolios with formulas, the sample, a large one, a broken formula).
func TestInputsAreTheValuations(t *testing.T) {
	broken := modeltest.Sample(t)
	broken.Initiatives[0].S = model.Formula("no_such_driver * 2")
	ports := []*model.Portfolio{modeltest.Sample(t), broken, modeltest.Random(rand.New(rand.NewPCG(3, 5)), 80), modeltest.Large(300, 100, 10)}
	for k, p := range ports {
		v, err := Evaluate(p, Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		in := Inputs(p)
		if len(in) != len(v.Initiatives) {
			t.Fatalf("portfolio %d: %d inputs, %d valued", k, len(in), len(v.Initiatives))
		}
		for i := range in {
			a, b := in[i], v.Initiatives[i]
			got := fmt.Sprint(a.ID, a.Name, a.Tag, a.Kind, a.Status, a.S, a.X, a.Sigma, a.T, a.R, a.Q, a.DeadlinePassed, a.StageDeadlinePassed, a.Err)
			want := fmt.Sprint(b.ID, b.Name, b.Tag, b.Kind, b.Status, b.S, b.X, b.Sigma, b.T, b.R, b.Q, b.DeadlinePassed, b.StageDeadlinePassed, b.Err)
			if got != want {
				t.Errorf("portfolio %d, %s: inputs %s, valuation %s", k, a.Name, got, want)
			}
			if a.Position.Value != 0 || a.WithFollowOns != 0 || a.opt != nil {
				t.Errorf("portfolio %d, %s: Inputs priced it (value %v)", k, a.Name, a.Position.Value)
			}
		}
		if k == 1 && in[0].Err == nil {
			t.Errorf("a formula over an unknown driver: no Err")
		}
	}
	if Inputs(nil) != nil {
		t.Error("Inputs(nil) is not nil")
	}
}

// TestInputsByHand: plain numbers as entered, t in years to the deadline.
func TestInputsByHand(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	p := &model.Portfolio{Name: "hand", AsOf: asOf, Initiatives: []model.Initiative{
		{ID: "a", Name: "A", Kind: model.KindDefer, Status: model.StatusOpen, S: model.Number(120), X: model.Number(100),
			Sigma: model.Number(0.25), Deadline: model.NewDate(2027, time.January, 1)},
		{ID: "b", Name: "B", Kind: model.KindDefer, Status: model.StatusOpen, S: model.Number(1), X: model.Number(1),
			Sigma: model.Number(0.1), Deadline: model.NewDate(2025, time.June, 1)},
	}}
	in := Inputs(p)
	if in[0].S != 120 || in[0].X != 100 || in[0].Sigma != 0.25 {
		t.Errorf("A: S %v X %v σ %v, want 120 100 0.25", in[0].S, in[0].X, in[0].Sigma)
	}
	if math.Abs(in[0].T-365.0/365.25) > 1e-12 || in[0].DeadlinePassed {
		t.Errorf("A: T %v passed %v, want 365/365.25 = %v, not passed", in[0].T, in[0].DeadlinePassed, 365.0/365.25)
	}
	if in[1].T != 0 || !in[1].DeadlinePassed {
		t.Errorf("B: T %v passed %v, want 0 and passed", in[1].T, in[1].DeadlinePassed)
	}
}

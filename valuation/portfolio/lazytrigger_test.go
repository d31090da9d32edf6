package portfolio

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/valuation"
)

// randomKinds builds n initiatives of every kind with random inputs, about
// half of them with leakage (a third of those with an NPV > 0), so that
// every region and both call-like and put-like triggers occur.
func randomKinds(n int) *model.Portfolio {
	rng := rand.New(rand.NewPCG(7, 11))
	asOf := model.NewDate(2026, time.January, 1)
	p := model.NewSCRMTemplate("random kinds", asOf)
	for i := range n {
		kind := model.OptionKinds[rng.IntN(len(model.OptionKinds))]
		in := model.Initiative{
			ID: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Initiative %d", i), Tag: "action", Kind: kind, Status: model.StatusOpen,
			S:        model.Number(40 + 120*rng.Float64()),
			X:        model.Number(60 + 100*rng.Float64()),
			Sigma:    model.Number(0.1 + 0.5*rng.Float64()),
			Deadline: asOf.AddMonths(3 + rng.IntN(48)),
		}
		if rng.IntN(2) == 0 {
			in.Leakage = 0.005 + 0.08*rng.Float64()
		}
		switch kind {
		case model.KindExpand:
			in.ExpandFactor = 0.2 + rng.Float64()
		case model.KindContract:
			in.ContractFactor = 0.1 + 0.8*rng.Float64()
		case model.KindChoose:
			in.ExpandFactor, in.ContractFactor, in.Salvage = 0.2+rng.Float64(), 0.1+0.8*rng.Float64(), 20+80*rng.Float64()
		case model.KindStaged:
			in.StageCost = 5 + 30*rng.Float64()
			in.StageDeadline = model.Date{Time: asOf.AddDate(0, 0, 1+rng.IntN(int(in.Deadline.Sub(asOf.Time).Hours()/24)))}
		}
		p.Initiatives = append(p.Initiatives, in)
	}
	return p
}

// TestLazyTriggerMatchesEager: a valuation computes the trigger only where
// the region rule reads it, and every initiative's region and displayed
// trigger (InitiativeResult.Trigger) are those of the eager computation:
// valuation.Place, which prices the option on its own and always solves
// its trigger with valuation.Trigger or PutTrigger (no cache), for the
// sample portfolio and 1,000 random initiatives of every kind.
func TestLazyTriggerMatchesEager(t *testing.T) {
	sample, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*model.Portfolio{"sample": sample, "random": randomKinds(1000)} {
		v, err := Evaluate(p, Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		th := p.Settings.Thresholds
		lazy, valued := 0, 0
		regions := map[valuation.Region]int{}
		for i := range v.Initiatives {
			r := &v.Initiatives[i]
			o, ok := r.Option()
			if r.Err != nil || !ok {
				continue
			}
			valued++
			regions[r.Position.Region]++
			if !r.Position.HasTrigger() {
				lazy++
				if r.Position.NPVq > 1 && r.Position.NPV > 0 {
					t.Errorf("%s %s: NPVq %g NPV %g and no trigger computed", name, r.Name, r.Position.NPVq, r.Position.NPV)
				}
			}
			want, err := valuation.Place(o, th)
			if err != nil {
				t.Fatalf("%s %s: %v", name, r.Name, err)
			}
			got := r.Trigger()
			if r.Position.Region != want.Region || !(got == want.Trigger || math.IsInf(got, 1) && math.IsInf(want.Trigger, 1)) {
				t.Errorf("%s %s (%s): region %d trigger %v, eager region %d trigger %v", name, r.Name, r.Kind, r.Position.Region, got, want.Region, want.Trigger)
			}
			if gw, ww := r.Position.Explain(th, func(v float64) string { return fmt.Sprint(v) }), want.Explain(th, func(v float64) string { return fmt.Sprint(v) }); r.Position.Value != want.Value || gw != ww {
				t.Errorf("%s %s: value %v %q, eager %v %q", name, r.Name, r.Position.Value, gw, want.Value, ww)
			}
		}
		t.Logf("%s: %d valued, %d without a trigger until asked; regions %v", name, valued, lazy, regions)
		if name == "random" && (lazy == 0 || len(regions) < 6) {
			t.Errorf("random: %d initiatives left their trigger for later, regions %v: want some, and all six regions", lazy, regions)
		}
	}
}

// TestValuationSolvesNoUnusedTrigger: valuing a portfolio in which no
// initiative has NPV > 0 with leakage solves no trigger: it asks only for
// the triggers of the initiatives in the money without leakage (+Inf, no
// boundary), and the triggers of the others, asked for afterwards (as the
// inspector does), are a boundary solve of their own for each staged
// option (whose price is a compound lattice) and a cache look-up for a
// defer option (its boundary is the one its price solved): the valuation
// had solved none of them.
func TestValuationSolvesNoUnusedTrigger(t *testing.T) {
	asOf := model.NewDate(2026, time.January, 1)
	p := model.NewSCRMTemplate("no trigger needed", asOf)
	staged := 0
	for i := range 200 {
		in := model.Initiative{ID: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Initiative %d", i), Tag: "action", Status: model.StatusOpen,
			Kind: model.KindDefer, S: model.Number(50 + float64(i%40)), X: model.Number(100), Sigma: model.Number(0.2 + 0.002*float64(i)),
			Leakage: 0.03, Deadline: asOf.AddMonths(6 + i%30)}
		switch i % 4 {
		case 1: // in the money, no leakage
			in.S, in.Leakage = model.Number(150+float64(i)), 0
		case 2: // staged, out of the money, with leakage
			in.Kind, in.StageCost = model.KindStaged, 20
			in.StageDeadline = asOf.AddMonths(3)
			staged++
		}
		p.Initiatives = append(p.Initiatives, in)
	}
	triggerCache.reset()
	valuation.ClearBoundaryCache()
	valuation.BoundaryCacheEntries() // forget what other tests solved
	before := triggersComputed.Load()
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	asked := triggersComputed.Load() - before
	inTheMoney := 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.Position.HasTrigger() {
			inTheMoney++
			if r.Q != 0 || !math.IsInf(r.Position.Trigger, 1) {
				t.Errorf("%s: q %v, trigger %v computed: want only +Inf ones without leakage", r.Name, r.Q, r.Position.Trigger)
			}
		}
	}
	if inTheMoney != 50 || asked != int64(inTheMoney) {
		t.Errorf("valuation computed %d triggers, %d positions with one: want the 50 without leakage", asked, inTheMoney)
	}
	valuation.BoundaryCacheEntries() // the boundaries of the prices
	before = triggersComputed.Load()
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		got := r.Trigger()
		o, _ := r.Option()
		in := o.Inputs
		in.X = r.Position.Cost
		want, err := valuation.Trigger(in)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: trigger %v, valuation.Trigger %v", r.Name, got, want)
		}
		if again := r.Trigger(); again != got {
			t.Errorf("%s: trigger %v, then %v", r.Name, got, again)
		}
	}
	if n := triggersComputed.Load() - before; n != int64(len(v.Initiatives)-inTheMoney) {
		t.Errorf("asking every trigger twice computed %d, want %d (once each, those the valuation left)", n, len(v.Initiatives)-inTheMoney)
	}
	if n := len(valuation.BoundaryCacheEntries()); n != staged {
		t.Errorf("the triggers on demand solved %d boundaries, want %d (one per staged option)", n, staged)
	}
}

// BenchmarkPortfolioRevalueColdKinds1000: a first valuation of
// randomKinds(1000) (every kind, half with leakage), nothing cached, where
// a trigger is often a boundary of its own (staged options, choose
// components); triggers/op counts the triggers the valuation computed.
func BenchmarkPortfolioRevalueColdKinds1000(b *testing.B) {
	triggers := triggersComputed.Load()
	k := benchFirst(b, randomKinds(1000), Options{WithLinks: true}, nil)
	b.ReportMetric(float64(triggersComputed.Load()-triggers)/float64(k), "triggers/op")
}

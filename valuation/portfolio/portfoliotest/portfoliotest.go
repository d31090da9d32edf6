// Package portfoliotest holds helpers for the tests of the users of
// valuation/portfolio (the UI, the report and the CLI). It is not in
// model/modeltest, which the tests of valuation/portfolio import and so
// must not import it back.
package portfoliotest

import (
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TriggersLeftForLater calls check for every initiative of v whose trigger
// the valuation left for later (valued without error, with an option, and
// no Position.Trigger set, since its region does not depend on it), with
// its index in v.Initiatives and the reference trigger: valuation's
// DefaultTrigger (Trigger's or PutTrigger's own number) at the position's
// cost, not the engine's memo. check reports whether the initiative
// counted (its trigger shows as a number where the test looks); the test
// fails when none did.
func TriggersLeftForLater(t testing.TB, v *portfolio.Valuation, check func(i int, r *portfolio.InitiativeResult, want float64) bool) {
	t.Helper()
	later := 0
	for i := range v.Initiatives {
		r := &v.Initiatives[i]
		o, ok := r.Option()
		if r.Err != nil || !ok || r.Position.HasTrigger() {
			continue
		}
		in := o.Inputs
		in.X = r.Position.Cost
		want, err := valuation.DefaultTrigger(r.Position.PutLike, in)
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		if check(i, r, want) {
			later++
		}
	}
	if later == 0 {
		t.Fatal("no initiative has a trigger left for later that shows as a number")
	}
}

// ExcludedAlternatives values p with its links and returns the valuation
// and p's open initiatives it excludes as alternatives (ExcludedBy), by
// ID, each with the name of the alternative that counts. It fails t when
// there are none: the tests that ask need one.
func ExcludedAlternatives(t testing.TB, p *model.Portfolio) (*portfolio.Valuation, map[string]string) {
	t.Helper()
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	excluded := map[string]string{}
	for _, r := range v.Initiatives {
		if r.Status == model.StatusOpen && r.ExcludedBy != "" {
			excluded[r.ID] = v.ByID(r.ExcludedBy).Name
		}
	}
	if len(excluded) == 0 {
		t.Fatal("the portfolio has no excluded alternative: the test needs one")
	}
	return v, excluded
}

// TwoBoundaryDefer values p with its first defer initiative given
// r = -5% and q = -1% (r < q < 0: two exercise boundaries) and returns
// that initiative's result and its exercise band from valuation's Trigger
// and FarTrigger at its inputs (independent of the engine's memo), for
// the tests of the front ends that show the band.
func TwoBoundaryDefer(t testing.TB, p *model.Portfolio) (r *portfolio.InitiativeResult, lo, hi float64) {
	t.Helper()
	rate := -0.05
	i := -1
	for k := range p.Initiatives {
		if p.Initiatives[k].Kind == model.KindDefer {
			i = k
			break
		}
	}
	if i < 0 {
		t.Fatal("no defer initiative in the portfolio")
	}
	p.Initiatives[i].Rate, p.Initiatives[i].Leakage = &rate, -0.01
	v, err := portfolio.Evaluate(p, portfolio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r = &v.Initiatives[i]
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	in := valuation.Inputs{X: r.X, T: r.T, Sigma: r.Sigma, R: r.R, Q: r.Q}
	lo, err1 := valuation.Trigger(in)
	hi, err2 := valuation.FarTrigger(valuation.Call, in)
	if err1 != nil || err2 != nil || !(hi > lo) {
		t.Fatalf("band %g to %g (%v, %v)", lo, hi, err1, err2)
	}
	return r, lo, hi
}

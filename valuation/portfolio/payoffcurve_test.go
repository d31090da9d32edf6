package portfolio

import (
	"math"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
)

// TestPayoffRangeKeepsValues: a valuation with Options.PayoffRange gives
// every initiative the value, method and region of one without (to the
// bit but where a value is rounding noise, within 1e-18 of X: see
// valuation's TestValueOnlyCurveIsValueOnly), keeps a payoff curve for
// each choose option and for no other kind, and CurveWith on that curve
// gives Curve's values (within 1e-12 relative plus 1e-18 of X) at spots
// of the range; the follow-on values agree within 1e-12 relative.
func TestPayoffRangeKeepsValues(t *testing.T) {
	p := modeltest.Large(60, 80, 6)
	modeltest.MixKinds(p)
	rng := func(o valuation.RealOption) (lo, hi float64) { return o.X / 20, 3 * math.Max(o.X, o.S) }
	plain, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := Evaluate(p, Options{WithLinks: true, PayoffRange: rng})
	if err != nil {
		t.Fatal(err)
	}
	curves := 0
	for i := range plain.Initiatives {
		a, b := &plain.Initiatives[i], &kept.Initiatives[i]
		if a.Err != nil || b.Err != nil {
			t.Fatalf("%s: %v, %v", a.Name, a.Err, b.Err)
		}
		if d := math.Abs(a.WithFollowOns - b.WithFollowOns); d > 1e-12*math.Abs(a.WithFollowOns)+1e-18*a.X {
			t.Errorf("%s: with follow-ons %.17g with the payoff range, %.17g without", a.Name, b.WithFollowOns, a.WithFollowOns)
		}
		if d := math.Abs(a.Position.Value - b.Position.Value); d > 1e-18*a.X || a.Position.Method != b.Position.Method || a.Position.Region != b.Position.Region {
			t.Errorf("%s: with the payoff range %.17g (%s, %v), without %.17g (%s, %v)", a.Name, b.Position.Value, b.Position.Method, b.Position.Region, a.Position.Value, a.Position.Method, a.Position.Region)
		}
		if a.PayoffCurve() != nil {
			t.Errorf("%s: a curve kept without Options.PayoffRange", a.Name)
		}
		pc := b.PayoffCurve()
		if (pc != nil) != (a.Kind == model.KindChoose) {
			t.Errorf("%s (%s): curve kept %v", a.Name, a.Kind, pc != nil)
		}
		if pc == nil {
			continue
		}
		curves++
		o, _ := b.Option()
		lo, hi := rng(o)
		s := []float64{lo, (lo + hi) / 3, o.S, hi}
		got, err := o.CurveWith(pc, s)
		if err != nil {
			t.Fatal(err)
		}
		want, err := o.Curve(s)
		if err != nil {
			t.Fatal(err)
		}
		for k := range s {
			if d := math.Abs(got[k] - want[k]); d > 1e-12*math.Abs(want[k])+1e-18*o.X {
				t.Errorf("%s S %g: CurveWith %.17g, Curve %.17g", a.Name, s[k], got[k], want[k])
			}
		}
	}
	if curves < 5 {
		t.Fatalf("%d choose options with a curve: the test compares too little", curves)
	}
}

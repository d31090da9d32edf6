package portfolio

import (
	"errors"
	"math"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
)

// linkedEngine is NewEngine on p with links, failing t on an error.
func linkedEngine(t testing.TB, p *model.Portfolio) *Engine {
	t.Helper()
	en, err := NewEngine(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	return en
}

func TestEngineSetDriver(t *testing.T) {
	p := handPortfolio()
	en := linkedEngine(t, p)
	im, err := en.SetDriver("members", 2000)
	if err != nil {
		t.Fatal(err)
	}
	if im.Repriced != 2 {
		t.Errorf("repriced %d initiatives, want 2 (pilot and rollout use members)", im.Repriced)
	}
	if p.Driver("members").Value != 1000 {
		t.Error("the engine changed the caller's portfolio")
	}
	// Hand values after the change: rollout S = 200,000, pilot S = 20,000.
	const r = 0.05
	tA, tB := 365/365.25, 1096/365.25
	ids := map[string]Move{}
	for _, m := range im.Moved {
		ids[m.ID] = m
	}
	if _, ok := ids["care"]; ok || len(im.Moved) != 2 {
		t.Errorf("moved %+v, want pilot and rollout only", im.Moved)
	}
	ro := ids["rollout"]
	if want := refCall(200000, 110000, tB, 0.4, r); !scalar.EqualWithinAbsOrRel(ro.After.Value, want, 1e-9, 1e-9) {
		t.Errorf("rollout after %g, want %g", ro.After.Value, want)
	}
	if want := refCall(100000, 110000, tB, 0.4, r); !scalar.EqualWithinAbsOrRel(ro.Before.Value, want, 1e-9, 1e-9) {
		t.Errorf("rollout before %g, want %g", ro.Before.Value, want)
	}
	pi := ids["pilot"]
	// The pilot now pays for itself (20000 e^{r tA} > 12000): K1 = 0 and
	// its follow-on is the rollout's whole call.
	if want := refCall(20000, 12000, tA, 0.3, r) + refCall(200000, 110000, tB, 0.4, r); !scalar.EqualWithinAbsOrRel(pi.After.WithFollowOns, want, 1e-9, 1e-9) {
		t.Errorf("pilot with follow-ons %g, want %g", pi.After.WithFollowOns, want)
	}
	if im.Moved[0].ID != "pilot" || math.Abs(im.Moved[0].Change()) < math.Abs(im.Moved[1].Change()) {
		t.Errorf("moves not sorted by size: %+v", im.Moved)
	}
	// Incremental result equals a full valuation of the changed portfolio.
	q := handPortfolio()
	q.Driver("members").Value = 2000
	full, err := Evaluate(q, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := en.Valuation().Total; got != full.Total || im.TotalAfter != got {
		t.Errorf("incremental total %g (impact %g), full %g", got, im.TotalAfter, full.Total)
	}
	if d := im.TotalAfter - im.TotalBefore; !scalar.EqualWithinAbsOrRel(d, pi.Change(), 1e-9, 1e-9) {
		t.Errorf("total moved %g, the pilot (which counts the rollout) moved %g", d, pi.Change())
	}
	for _, bad := range []struct {
		name string
		v    float64
	}{{"nope", 1}, {"members", 5000}, {"members", math.NaN()}} {
		if _, err := en.SetDriver(bad.name, bad.v); err == nil {
			t.Errorf("SetDriver(%q, %g) accepted", bad.name, bad.v)
		}
	}
}

func TestEngineSetInputAndLink(t *testing.T) {
	en := linkedEngine(t, handPortfolio())
	im, err := en.SetInput("care", "X", model.Number(45000))
	if err != nil {
		t.Fatal(err)
	}
	tC := 730 / 365.25
	if len(im.Moved) != 1 || !scalar.EqualWithinAbsOrRel(im.Moved[0].After.Value, refCall(50000, 45000, tC, 0.3, 0.05), 1e-9, 1e-9) {
		t.Errorf("moved %+v", im.Moved)
	}
	// A link closing a cycle is refused and changes nothing.
	_, err = en.SetLink(model.Link{From: "rollout", To: "pilot", Kind: model.LinkGates}, false)
	var ce *CycleError
	if !errors.As(err, &ce) || len(ce.Path) != 3 {
		t.Fatalf("want the cycle pilot -> rollout -> pilot, got %v", err)
	}
	if len(en.Portfolio().Links) != 1 {
		t.Error("refused link was kept")
	}
	// Removing the gate: the rollout counts alone, the pilot loses its
	// follow-on; the total is unchanged only if K1 = 0, so it moves here.
	im, err = en.SetLink(model.Link{From: "pilot", To: "rollout", Kind: model.LinkGates}, true)
	if err != nil {
		t.Fatal(err)
	}
	if im.Repriced != 0 || len(im.Moved) != 2 || !en.Valuation().ByID("rollout").Counts() || en.Valuation().ByID("pilot").FollowOn != 0 {
		t.Errorf("after removing the gate: %+v", im)
	}
	tB := 1096 / 365.25
	tA := 365 / 365.25
	want := refCall(10000, 12000, tA, 0.3, 0.05) + refCall(100000, 110000, tB, 0.4, 0.05) + refCall(50000, 45000, tC, 0.3, 0.05)
	if !scalar.EqualWithinAbsOrRel(im.TotalAfter, want, 1e-9, 1e-9) {
		t.Errorf("total %g, want %g", im.TotalAfter, want)
	}
}

func TestDrift(t *testing.T) {
	p := handPortfolio()
	rows, err := Drift(p, Options{WithLinks: true}, 3, 6, 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, row := range rows {
		prev := row.Now
		for _, pt := range row.Later {
			if !(pt.NPVq <= prev.NPVq) || !(pt.CumVol <= prev.CumVol) {
				t.Errorf("%s at %d months: NPVq %g cumvol %g did not fall from %g %g", row.ID, pt.Months, pt.NPVq, pt.CumVol, prev.NPVq, prev.CumVol)
			}
			prev = pt
		}
	}
	// Care team after 12 months (2027-01-01): 365 days left,
	// NPVq = 50000/(40000 e^{-0.05*365/365.25}) by hand.
	care := rows[2]
	if care.ID != "care" || care.Later[2].AsOf != model.NewDate(2027, time.January, 1) {
		t.Fatalf("row %+v", care)
	}
	tl := 365 / 365.25
	if want := 50000 / (40000 * math.Exp(-0.05*tl)); !scalar.EqualWithinAbsOrRel(care.Later[2].NPVq, want, 1e-12, 1e-12) {
		t.Errorf("care NPVq in 12 months %g, want %g", care.Later[2].NPVq, want)
	}
	if want := refCall(50000, 40000, tl, 0.3, 0.05); !scalar.EqualWithinAbsOrRel(care.Later[2].Value, want, 1e-9, 1e-9) {
		t.Errorf("care value in 12 months %g, want %g", care.Later[2].Value, want)
	}
	// The pilot's deadline (2027-01-01) is reached at the 12-month horizon.
	if rows[0].DeadlineAt != 12 || rows[2].DeadlineAt != 0 {
		t.Errorf("deadlines at %d and %d months", rows[0].DeadlineAt, rows[2].DeadlineAt)
	}
	for _, row := range rows {
		for _, pt := range row.Later {
			if row.CrossesAt == 0 && pt.Region != row.Now.Region || row.CrossesAt == pt.Months && pt.Region == row.Now.Region {
				t.Errorf("%s: CrossesAt %d inconsistent with regions %v -> %v at %d", row.ID, row.CrossesAt, row.Now.Region, pt.Region, pt.Months)
			}
		}
	}
}

package ui

import (
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// wantValued checks a preview valuation against an independent whole
// valuation of the saved portfolio with the given driver values.
func wantValued(t *testing.T, what string, saved *model.Portfolio, got *portfolio.Valuation, drivers map[string]float64) {
	t.Helper()
	p := saved.Clone()
	for n, x := range drivers {
		p.Driver(n).Value = x
	}
	ref, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != ref.Total || len(got.Initiatives) != len(ref.Initiatives) {
		t.Fatalf("%s: total %.6f, a whole valuation %.6f", what, got.Total, ref.Total)
	}
	for i := range ref.Initiatives {
		a, b := &got.Initiatives[i], &ref.Initiatives[i]
		if a.S != b.S || a.Position != b.Position || a.WithFollowOns != b.WithFollowOns {
			t.Fatalf("%s: %s S %g value %g; a whole valuation S %g value %g", what, a.Name, a.S, a.Position.Value, b.S, b.Position.Value)
		}
	}
}

// TestDriverPreviewEngine: the Drivers view's preview engine gives the
// values of a whole valuation with the driver moved; after a release is
// saved (and a snapshot taken) it is brought to the saved portfolio
// incrementally, not made again, and shows the saved portfolio (with the
// snapshot); a preview that was never saved does not leak into the next.
func TestDriverPreviewEngine(t *testing.T) {
	win, ses := newTestWindow(t)
	dv := &driversView{w: win, base: ses.Valuation}
	p, v, err := dv.previewValues(&driverRequest{p: ses.Saved(), name: "members", value: 150000})
	if err != nil {
		t.Fatal(err)
	}
	wantValued(t, "members 150000", ses.Saved(), v, map[string]float64{"members": 150000})
	if p.Driver("members").Value != 150000 || ses.Saved().Driver("members").Value == 150000 {
		t.Fatal("the preview's portfolio does not carry the moved driver, or the saved one changed")
	}
	en := dv.pen

	// Released: saved; then a snapshot.
	setDriverSaved(t, ses, "members", 150000)
	if err := ses.TakeSnapshot("Q3"); err != nil {
		t.Fatal(err)
	}
	p, v, err = dv.previewValues(&driverRequest{p: ses.Saved(), name: "value_per_member", value: 70})
	if err != nil {
		t.Fatal(err)
	}
	if dv.pen != en {
		t.Error("the preview engine was made again after a saved driver change")
	}
	wantValued(t, "after the save, value_per_member 70", ses.Saved(), v, map[string]float64{"value_per_member": 70})
	if len(p.Snapshots) != len(ses.Saved().Snapshots) || len(p.Snapshots) == 0 {
		t.Errorf("the preview shows %d snapshots, the saved portfolio has %d", len(p.Snapshots), len(ses.Saved().Snapshots))
	}

	// value_per_member 70 was never saved: the next preview of another
	// driver values it at its saved 55.
	_, v, err = dv.previewValues(&driverRequest{p: ses.Saved(), name: "social_share", value: 0.25})
	if err != nil {
		t.Fatal(err)
	}
	wantValued(t, "social_share 0.25 alone", ses.Saved(), v, map[string]float64{"social_share": 0.25})
}

// TestDriverReleaseIsOneTransaction: releasing a dragged driver saves it
// with one store action and brings the session's engine along with one
// incremental update (the same engine, no new valuation); the values equal
// a whole valuation of the saved portfolio.
func TestDriverReleaseIsOneTransaction(t *testing.T) {
	ses, cb := countedSession(t)
	win := windowOn(t, ses)
	dv := showView[*driversView](t, win, "drivers")
	en := ses.engine
	dv.onDriverCommitted("members", 150000)
	if cb.applies != 1 {
		t.Errorf("a release made %d store actions, want 1", cb.applies)
	}
	if ses.engine != en {
		t.Error("a release valued the portfolio again instead of one incremental update")
	}
	if ses.Saved().Driver("members").Value != 150000 {
		t.Fatal("the driver was not saved")
	}
	wantValued(t, "after the release", ses.Saved(), ses.Valuation, nil)
	if ses.Impact == nil || len(ses.Impact.Moved) == 0 {
		t.Error("the release says nothing moved")
	}
}

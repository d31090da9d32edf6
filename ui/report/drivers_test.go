package report

import (
	"slices"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
	"gonum.org/v1/gonum/floats/scalar"
)

// TestDriverSensitivitiesIncremental checks the Engine's incremental
// swings (each driver re-prices only its initiatives, then is set back)
// against the portfolio valued in full at each driver's low and high, on
// a portfolio with links, formulas over drivers and drivers no formula
// uses; and that a portfolio the Engine refuses (a driver outside its
// range) still gets its swings, valued in full.
func TestDriverSensitivitiesIncremental(t *testing.T) {
	p := modeltest.Large(150, 300, 30)
	v, got := sensitivities(t, p)
	want, err := driverSwings(p, v, fullTotal(p))
	if err != nil {
		t.Fatal(err)
	}
	compareSwings(t, got, want)
	moved := 0
	for _, d := range want {
		if d.Swing > 0 {
			moved++
		}
	}
	if moved < 5 {
		t.Fatalf("only %d of %d drivers move the total: the test compares too little", moved, len(want))
	}

	q := p.Clone()
	q.Drivers[0].Value = q.Drivers[0].High + 1
	if q.Validate() == nil {
		t.Fatal("a driver above its high passes Validate")
	}
	vq, err := portfolio.Evaluate(q, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	got, err = DriverSensitivities(q, vq)
	if err != nil {
		t.Fatal(err)
	}
	want, err = driverSwings(q, vq, fullTotal(q))
	if err != nil {
		t.Fatal(err)
	}
	compareSwings(t, got, want)
}

func compareSwings(t *testing.T, got, want []DriverSensitivity) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d drivers, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || !slices.Equal(g.Initiatives, w.Initiatives) || g.Base != w.Base ||
			!scalar.EqualWithinAbsOrRel(g.TotalLow, w.TotalLow, 1e-9, 1e-12) ||
			!scalar.EqualWithinAbsOrRel(g.TotalHigh, w.TotalHigh, 1e-9, 1e-12) ||
			!scalar.EqualWithinAbsOrRel(g.Swing, w.Swing, 1e-9, 1e-12) {
			t.Errorf("driver %d: %+v\nwant %+v", i, g, w)
		}
	}
}

package portfolio

import (
	"math"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

// TestDriftPlacesAreDriftOfs: DriftPlacesOf gives, initiative by
// initiative and horizon by horizon, DriftOf's months, dates, t, NPVq and
// sigma*sqrt(t) to the bit, for a portfolio of every option kind (choose
// options among them, whose NPVq depends on their best component), at
// the default horizons and at 1, 30 and 120 months (past some
// deadlines: t 0).
func TestDriftPlacesAreDriftOfs(t *testing.T) {
	p := modeltest.Large(60, 80, 6)
	modeltest.MixKinds(p)
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, months := range [][]int{nil, {1, 30, 120}} {
		rows := DriftOf(p, v, months...)
		places := DriftPlacesOf(p, v, months...)
		if len(rows) < 50 || len(places) != len(rows) {
			t.Fatalf("%d drift rows, %d initiatives placed", len(rows), len(places))
		}
		passed := 0
		for _, row := range rows {
			got := places[row.ID]
			if len(got) != len(row.Later) {
				t.Fatalf("%s: %d places, %d drift points", row.Name, len(got), len(row.Later))
			}
			for k, want := range row.Later {
				g := got[k]
				same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
				if g.Months != want.Months || g.AsOf != want.AsOf || !same(g.T, want.T) || !same(g.NPVq, want.NPVq) || !same(g.CumVol, want.CumVol) {
					t.Errorf("%s at %d months: place %+v, DriftOf %+v", row.Name, want.Months, g, want)
				}
				if want.T == 0 {
					passed++
				}
			}
		}
		if months != nil && passed == 0 {
			t.Errorf("no horizon past a deadline: t = 0 is not compared")
		}
	}
}

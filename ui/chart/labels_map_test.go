package chart

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestSpaceLabelsApartOnMaps draws the sample's map and a map of 1,000
// initiatives (modeltest.Large) at the app's and the CLI's sizes, light and
// dark, and checks the boxes drawn: no two label or number boxes overlap,
// none overlaps a region name or a contour label, none covers the centre
// of a bubble other than its own; each label or number belongs to the
// bubble drawn for its initiative (the centre of its circle is that
// initiative's hit), and a label without a leader line is nearer its own
// bubble than any other.
func TestSpaceLabelsApartOnMaps(t *testing.T) {
	if testing.Short() {
		t.Skip("values 1,000 initiatives")
	}
	sp, sv := sample(t)
	big := modeltest.Large(1000, 500, 20)
	bv, err := portfolio.Evaluate(big, portfolio.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	samplePts, sampleOpt := SpaceFromValuationWith(sp, sv, SpaceFrom{})
	bigPts, bigOpt := SpaceFromValuationWith(big, bv, SpaceFrom{})
	for _, m := range []struct {
		name string
		pts  []SpacePoint
		opt  SpaceOptions
	}{{"sample", samplePts, sampleOpt}, {"1000", bigPts, bigOpt}} {
		for _, sz := range [][2]int{{900, 700}, {1200, 800}, {640, 420}} {
			for _, st := range []Style{LightStyle(), DarkStyle()} {
				what := fmt.Sprintf("%s %dx%d", m.name, sz[0], sz[1])
				p, err := Space(m.pts, m.opt, st)
				if err != nil {
					t.Fatal(err)
				}
				l := layerOf(p)
				var ids []string
				var circles []circle
				var places []labelPlacement
				var names []regionName
				l.placed = func(i []string, c []circle, pl []labelPlacement) { ids, circles, places = i, c, pl }
				l.named = func(rn []regionName) { names = rn }
				_, hits, _, err := RenderSpace(p, m.pts, sz[0], sz[1], 96)
				if err != nil {
					t.Fatal(err)
				}
				reserved := append([]vg.Rectangle(nil), l.contourBoxes...)
				for _, rn := range names {
					reserved = append(reserved, rn.box)
				}
				checkBoxesApart(t, what, circles, places, reserved)
				hitOf := map[string]Hit{}
				for _, h := range hits {
					hitOf[h.ID] = h
				}
				s := 96 / float64(vg.Inch)
				lp := newLabelPlacer(vg.Rectangle{Min: vg.Point{X: -1e6, Y: -1e6}, Max: vg.Point{X: 1e6, Y: 1e6}}, nil, circles)
				labelled := 0
				for _, pl := range places {
					c, h := circles[pl.I], hitOf[ids[pl.I]]
					if math.Abs(float64(c.ctr.X)*s-h.X) > 1e-6 || math.Abs(float64(sz[1])-float64(c.ctr.Y)*s-h.Y) > 1e-6 {
						t.Fatalf("%s: the label of %s is placed for a circle at (%g, %g), its bubble is at (%g, %g)", what, ids[pl.I], float64(c.ctr.X)*s, float64(sz[1])-float64(c.ctr.Y)*s, h.X, h.Y)
					}
					if pl.Number == 0 {
						labelled++
						if !pl.Leader && lp.nearestCircle(pl.Rect) != pl.I {
							t.Errorf("%s: the label of %s sits nearer %s", what, ids[pl.I], ids[lp.nearestCircle(pl.Rect)])
						}
					}
				}
				if m.name == "sample" && labelled < len(m.pts)*2/3 {
					t.Errorf("%s: only %d of %d bubbles labelled", what, labelled, len(m.pts))
				}
				if labelled == 0 {
					t.Errorf("%s: nothing labelled", what)
				}
			}
		}
	}
}

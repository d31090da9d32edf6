package chart

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/valuation"
)

// TestSpaceTicksByAxisLength checks the NPVq axis labels against the room
// the axis has: measured where the plot draws them (its own transform and
// text widths), neighbouring labels never touch, at least two are drawn,
// a wide map of the default range keeps every label at 1, 2, 3 and 5, and
// a narrow map of the widest range (0.02 to 50, as at 1,000 initiatives)
// labels fewer.
func TestSpaceTicksByAxisLength(t *testing.T) {
	wide := []SpacePoint{{ID: "a", Name: "a", NPVq: 0.02, CumVol: 1, X: 1, Region: valuation.RegionNever},
		{ID: "b", Name: "b", NPVq: 50, CumVol: 1, X: 1, Region: valuation.RegionInvestNow}}
	labels := func(pts []SpacePoint, wPx, hPx int) []string {
		p, err := Space(pts, SpaceOptions{Rate: testRate}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		c := plotCanvas(p, wPx, hPx, 96)
		dc := draw.New(c)
		FitTo(p, dc)
		da := p.DataCanvas(dc)
		trX, _ := p.Transforms(&da)
		var out []string
		prevX, prevW := math.NaN(), vg.Length(0)
		for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if tk.Label == "" {
				continue
			}
			x := trX(tk.Value)
			w := p.X.Tick.Label.Rectangle(tk.Label).Size().X
			if !math.IsNaN(prevX) && float64(x)-prevX < float64(prevW+w)/2 {
				t.Errorf("%dx%d: tick labels %v and %q touch (%.1f pt apart, widths %.1f and %.1f)", wPx, hPx, out[len(out)-1], tk.Label, float64(x)-prevX, prevW, w)
			}
			prevX, prevW = float64(x), w
			out = append(out, tk.Label)
		}
		if len(out) < 2 {
			t.Errorf("%dx%d: labels %v, want at least two", wPx, hPx, out)
		}
		return out
	}
	if got := fmt.Sprint(labels(nil, 1200, 800)); got != "[0.3 0.5 1 2 3]" {
		t.Errorf("default range at 1200 px: labels %s, want [0.3 0.5 1 2 3]", got)
	}
	full := labels(wide, 2400, 800)
	for _, sz := range [][2]int{{1200, 800}, {900, 700}, {640, 420}, {400, 300}, {200, 150}} {
		got := labels(wide, sz[0], sz[1])
		if sz[0] <= 900 && len(got) >= len(full) {
			t.Errorf("0.02 to 50 at %d px: %d labels %v, as many as at 2400 px", sz[0], len(got), got)
		}
	}
}

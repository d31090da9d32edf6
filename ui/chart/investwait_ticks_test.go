package chart

import (
	"fmt"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// TestInvestWaitTickLabelsInside checks that every tick label of the
// invest/wait chart's value axis lies inside the chart, at the sizes of the
// app's inspector (compact: no notes, so nothing else kept room on the
// right: plot pads only to the label's advance width, and the "1M" of an
// axis ending at 1,000,000 ended on the canvas's edge with its last stroke
// cut) and of the CLI, measured from where the plot draws the tick and how
// wide its label is.
func TestInvestWaitTickLabelsInside(t *testing.T) {
	rows := []InvestWaitRow{
		{Name: "Customer community rollout", NPV: -340e3, OptionValue: 1e6, Region: 3},
		{Name: "Branded social network", NPV: -900e3, OptionValue: 0, Region: 6},
	}
	for _, sz := range [][2]int{{330, 220}, {480, 320}, {900, 700}, {1200, 800}} {
		p, err := InvestWait(rows, InvestWaitOptions{Unit: "EUR"}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		dc := draw.New(plotCanvas(p, sz[0], sz[1], 96))
		FitTo(p, dc)
		da := p.DataCanvas(dc)
		trX, _ := p.Transforms(&da)
		var seen []string
		for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if tk.Label == "" || tk.Value < p.X.Min || tk.Value > p.X.Max {
				continue
			}
			seen = append(seen, tk.Label)
			half := p.X.Tick.Label.Rectangle(tk.Label).Size().X / 2
			// Half a point of room: a glyph's ink may reach past its
			// advance (the M of "1M" ending on the edge lost its stroke).
			if x := trX(tk.Value); x-half < dc.Min.X+0.5 || x+half > dc.Max.X-0.5 {
				t.Errorf("%dx%d: tick label %q spans %.1f to %.1f pt, the chart %.1f to %.1f", sz[0], sz[1], tk.Label, x-half, x+half, dc.Min.X, dc.Max.X)
			}
		}
		if fmt.Sprint(seen) == "[]" {
			t.Errorf("%dx%d: no tick labels", sz[0], sz[1])
		}
	}
}

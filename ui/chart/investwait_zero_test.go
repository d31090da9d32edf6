package chart

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestInvestZeroLineUnderTheLegend: where some NPVs are negative the zero
// line stands inside the chart; it stops below the legend's row, so it no
// longer strikes through the legend's "NPV = S − X" (seen at 1024x700).
// Checked on the recorded drawing: the longest vertical stroke at x = 0 (the zero
// line, at x = 0) ends below the lowest point of every legend text (its baseline
// less a third of the font size for descenders).
func TestInvestZeroLineUnderTheLegend(t *testing.T) {
	rows := []InvestWaitRow{
		{Name: "Loss-making pilot", NPV: -400, OptionValue: 150},
		{Name: "Big rollout", NPV: 900, OptionValue: 1000},
		{Name: "Small tool", NPV: -100, OptionValue: 50},
	}
	for _, size := range []vg.Point{{X: 300, Y: 200}, {X: 500, Y: 320}, {X: 800, Y: 500}} {
		p, err := InvestWait(rows, InvestWaitOptions{Unit: "EUR"}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		var rec recorder.Canvas
		c := draw.Canvas{Canvas: &rec, Rectangle: vg.Rectangle{Max: size}}
		drawImage(p, c)
		dc := p.DataCanvas(c)
		trX, _ := p.Transforms(&dc)
		x0 := trX(0)
		var zeroTop, zeroLen vg.Length
		legendBottom := vg.Length(1e9)
		found := false
		for _, a := range rec.Actions {
			switch a := a.(type) {
			case *recorder.Stroke:
				if len(a.Path) == 2 && a.Path[0].Pos.X == a.Path[1].Pos.X && math.Abs(float64(a.Path[0].Pos.X-x0)) < 0.01 {
					y0, y1 := a.Path[0].Pos.Y, a.Path[1].Pos.Y
					if l := max(y0, y1) - min(y0, y1); l > zeroLen {
						zeroLen, zeroTop = l, max(y0, y1)
					}
				}
			case *recorder.FillString:
				if strings.Contains(a.String, "NPV = S − X") || strings.Contains(a.String, "option value") {
					found = true
					legendBottom = min(legendBottom, a.Point.Y-a.Size/3)
				}
			}
		}
		if !found || zeroLen == 0 {
			t.Fatalf("%v: legend found %v, zero line length %v", size, found, zeroLen)
		}
		if zeroTop >= legendBottom {
			t.Errorf("%v: the zero line reaches y %.1f, the legend's text starts at %.1f: it crosses the legend", size, zeroTop, legendBottom)
		}
	}
}

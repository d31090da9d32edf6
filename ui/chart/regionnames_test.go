package chart

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// TestSpaceNamesEveryRegion: the sample's map, at the report's and the
// app's sizes, names all six regions, thin ones (3, between NPVq = 1 and the
// NPV = 0 curve) included. The SVG output keeps text as text, so the names
// can be read back.
func TestSpaceNamesEveryRegion(t *testing.T) {
	p, v := sample(t)
	for _, size := range [][2]int{{1200, 800}, {640, 500}} {
		pts, opt := SpaceFromValuation(p, v, false)
		plt, err := Space(pts, opt, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteTo(&buf, SVG, plt, size[0], size[1]); err != nil {
			t.Fatal(err)
		}
		svg := buf.String()
		for g := valuation.RegionInvestNow; g <= valuation.RegionNever; g++ {
			if name := fmt.Sprintf("%d %s", int(g), g); !strings.Contains(svg, name) {
				t.Errorf("%dx%d: region name %q is not drawn", size[0], size[1], name)
			}
		}
	}
}

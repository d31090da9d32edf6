package chart

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// TestSpaceMoreLineSaysWhatIsTrue: a map of 2,000 bubbles numbers more
// bubbles than its legend has room for and ends the legend in "… N
// more". Drawn for a file (the CLI's PNG, SVG or PDF, the report) it says
// they are not labelled, never "hover a bubble" (nothing can be hovered
// in a file, the tester's finding); in the window (Interactive) it keeps
// the hover hint.
func TestSpaceMoreLineSaysWhatIsTrue(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pts := make([]SpacePoint, 2000)
	for i := range pts {
		pts[i] = SpacePoint{ID: fmt.Sprint(i), Name: fmt.Sprintf("Initiative %04d", i),
			NPVq: math.Exp(-0.7 + 1.4*r.Float64()), CumVol: 0.3 + 0.3*r.Float64(), X: 1e5 * (1 + r.Float64()),
			Region: valuation.Region(1 + r.IntN(int(valuation.NumRegions)))}
	}
	more := regexp.MustCompile(`… (\d+) more([^<]*)`)
	for _, c := range []struct {
		interactive bool
		want        string
	}{{false, " not labelled"}, {true, ": hover a bubble"}} {
		plt, err := Space(pts, SpaceOptions{Interactive: c.interactive}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteTo(&buf, SVG, plt, 1200, 800); err != nil {
			t.Fatal(err)
		}
		m := more.FindStringSubmatch(buf.String())
		if m == nil {
			t.Fatalf("interactive %v: no \"… N more\" line drawn", c.interactive)
		}
		if m[2] != c.want {
			t.Errorf("interactive %v: %q, want \"… %s more%s\"", c.interactive, m[0], m[1], c.want)
		}
	}
}

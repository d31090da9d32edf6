package chart

import (
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/valuation"
)

// yLabels returns the labelled y ticks of p from top to bottom.
func yLabels(p *plot.Plot) []string {
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	out := make([]string, len(ticks))
	for _, tk := range ticks {
		out[len(ticks)-1-int(tk.Value)] = tk.Label
	}
	return out
}

// TestInvestWaitOrder checks the rows are sorted by max(NPV, option value),
// largest on top, and the axis covers every bar.
func TestInvestWaitOrder(t *testing.T) {
	rows := []InvestWaitRow{
		{Name: "small", NPV: -10, OptionValue: 5, Region: 5},
		{Name: "invest", NPV: 90, OptionValue: 91, Region: 1},
		{Name: "wait", NPV: -40, OptionValue: 60, Region: 3},
	}
	p, err := InvestWait(rows, InvestWaitOptions{}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(yLabels(p), ",")
	if got != "invest,wait,small" {
		t.Errorf("order %s, want invest,wait,small", got)
	}
	if p.X.Min != -40 || p.X.Max != 91 {
		t.Errorf("x range [%g, %g], want [-40, 91]", p.X.Min, p.X.Max)
	}
	if rows[0].Name != "small" {
		t.Error("InvestWait reordered the caller's slice")
	}
	if _, err := InvestWait([]InvestWaitRow{{Name: "nan", NPV: math.NaN()}}, InvestWaitOptions{}, LightStyle()); err == nil || !strings.Contains(err.Error(), `"nan"`) {
		t.Errorf("NaN row: error %v", err)
	}
}

// TestTornadoOrder checks the bars are sorted by |High - Low| and the axis
// spans the extreme values.
func TestTornadoOrder(t *testing.T) {
	p, err := Tornado(TornadoInput{Base: 10, Bars: []TornadoBar{
		{Input: "a", Low: 9, High: 11},   // width 2
		{Input: "b", Low: 14, High: 4},   // width 10
		{Input: "c", Low: 8, High: 12.5}, // width 4.5
	}}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(yLabels(p), ","); got != "b,c,a" {
		t.Errorf("order %s, want b,c,a", got)
	}
	// Range 4..14 with 2% padding: [3.8, 14.2].
	if !scalar.EqualWithinAbsOrRel(p.X.Min, 3.8, 1e-12, 0) || !scalar.EqualWithinAbsOrRel(p.X.Max, 14.2, 1e-12, 0) {
		t.Errorf("x range [%g, %g], want [3.8, 14.2]", p.X.Min, p.X.Max)
	}
	if _, err := Tornado(TornadoInput{Base: 1}, LightStyle()); err == nil {
		t.Error("no bars: no error")
	}
}

// TestLayersStacks checks the stacks by hand: tag a holds X 100 + 50 and
// C 30 + 10, so the highest stack is 150 and the axis ends at 1.25*150.
func TestLayersStacks(t *testing.T) {
	p, err := Layers(LayersInput{Rows: []LayerRow{
		{Tag: "a", Region: 1, Investment: 100, OptionValue: 30},
		{Tag: "a", Region: 4, Investment: 50, OptionValue: 10},
		{Tag: "b", Region: 3, Investment: 20, OptionValue: 5},
	}}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if !scalar.EqualWithinAbsOrRel(p.Y.Max, 187.5, 0, 1e-12) {
		t.Errorf("y max %g, want 187.5", p.Y.Max)
	}
	if _, err := Layers(LayersInput{Rows: []LayerRow{{Tag: "x", Investment: -1}}}, LightStyle()); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("negative investment: error %v", err)
	}
}

// TestChartErrors checks that each chart names what is wrong with its
// input.
func TestChartErrors(t *testing.T) {
	st := LightStyle()
	d := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"payoff", second(Payoff(PayoffInput{X: 1, Today: []XY{{0, 0}}}, st)), "at least 2 points"},
		{"payoff nan", second(Payoff(PayoffInput{X: 1, Today: []XY{{0, 0}, {1, math.NaN()}}, AtDeadline: []XY{{0, 0}, {1, 0}}}, st)), "not finite"},
		{"history dates", second(History(HistoryInput{Dates: []time.Time{d, d}, Series: []HistorySeries{{"a", []float64{1, 2}}}}, st)), "not after"},
		{"history values", second(History(HistoryInput{Dates: []time.Time{d}, Series: []HistorySeries{{"a", []float64{1, 2}}}}, st)), `"a" has 2 values for 1 dates`},
		{"simulation", second(Simulation(SimulationInput{Samples: []float64{1}}, st)), "1 samples"},
		{"percentile", second(Simulation(SimulationInput{Samples: []float64{1, 2}, Percentiles: []float64{100}}, st)), "percentile 100"},
		{"lattice", second(Lattice(LatticeInput{Levels: [][]LatticeNode{{{S: 1}}, {{S: 1}}}}, st)), "level 1 has 1 nodes, want 2"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, c.err, c.want)
		}
	}
}

func second(_ *plot.Plot, err error) error { return err }

// TestRenderAndSave checks sizes, formats and size errors.
func TestRenderAndSave(t *testing.T) {
	p, err := Space(nil, SpaceOptions{}, DarkStyle())
	if err != nil {
		t.Fatal(err)
	}
	img, err := Render(p, 300, 200, 192)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 300 || b.Dy() != 200 {
		t.Errorf("image %v, want 300x200", b)
	}
	if _, err := Render(p, 10, 10, 96); err == nil {
		t.Error("10x10: no error")
	}
	dir := t.TempDir()
	for _, ext := range []string{"png", "svg", "pdf"} {
		if err := Save(p, dir+"/m."+ext, 400, 300); err != nil {
			t.Errorf("%s: %v", ext, err)
		}
	}
	if err := Save(p, dir+"/m.gif", 400, 300); err == nil || !strings.Contains(err.Error(), ".gif") {
		t.Errorf("gif: error %v", err)
	}
	var sb strings.Builder
	if err := WriteTo(&sb, SVG, p, 400, 300); err != nil || !strings.Contains(sb.String(), "<svg") {
		t.Errorf("svg: %v", err)
	}
}

// TestRegionColoursDistinct checks the six region colours differ clearly
// from each other in both styles (sum of channel differences >= 60).
func TestRegionColoursDistinct(t *testing.T) {
	for _, st := range []Style{LightStyle(), DarkStyle()} {
		for a := valuation.Region(1); a <= 6; a++ {
			for b := a + 1; b <= 6; b++ {
				ca, cb := toRGBA(st.RegionColor(a)), toRGBA(st.RegionColor(b))
				d := math.Abs(float64(ca.R)-float64(cb.R)) + math.Abs(float64(ca.G)-float64(cb.G)) + math.Abs(float64(ca.B)-float64(cb.B))
				if d < 60 {
					t.Errorf("regions %d and %d too close: %v %v", a, b, ca, cb)
				}
			}
		}
	}
}

// TestPDFText checks the code page 1252 conversion by hand: σ√t is spelled
// out, "…" is byte 0x85 and "·" 0xB7 in Windows-1252, and a character
// outside the code page becomes the marker "¤" (0xA4), never "?".
func TestPDFText(t *testing.T) {
	if got, want := pdfText("σ√t … a·b − ✓"), "sigma*sqrt(t) \x85 a\xb7b - \xa4"; got != want {
		t.Errorf("pdfText = %q, want %q", got, want)
	}
}

package chart

import (
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The three sizes the app and the report draw at (pixels at 96 dpi): the
// inspector pane, the views pane and a report page.
var fitSizes = [][2]int{{330, 200}, {640, 500}, {1200, 800}}

// TestMoneyTick checks compact tick labels against hand-written values.
func TestMoneyTick(t *testing.T) {
	for _, c := range []struct {
		v    float64
		dec  int
		want string
	}{
		{500000, 0, "500k"},
		{1e6, 0, "1M"},
		{1.25e6, 0, "1.25M"},
		{-250000, 0, "-250k"},
		{0, 0, "0"},
		{-1e-12, 0, "0"},
		{2500, 0, "2.5k"},
		{750, 0, "750"},
		{0.5, 1, "0.5"},
		{3e9, 0, "3B"},
		{12.5e6, 0, "12.5M"},
	} {
		if got := moneyTick(c.v, c.dec); got != c.want {
			t.Errorf("moneyTick(%g, %d) = %q, want %q", c.v, c.dec, got, c.want)
		}
	}
}

// labelBoxesOverlap reports the first pair of neighbouring labelled ticks
// whose labels, centred on their ticks along an axis room points long,
// touch (horizontal: widths; vertical: heights).
func labelBoxesOverlap(ts []plot.Tick, lo, hi float64, room vg.Length, sty draw.TextStyle, vertical bool) (a, b string, bad bool) {
	var lab []plot.Tick
	for _, tk := range ts {
		if tk.Label != "" && tk.Value >= lo && tk.Value <= hi {
			lab = append(lab, tk)
		}
	}
	sort.Slice(lab, func(i, j int) bool { return lab[i].Value < lab[j].Value })
	size := func(s string) vg.Length {
		sz := sty.Rectangle(s).Size()
		if vertical {
			return sz.Y
		}
		return sz.X
	}
	for i := 1; i < len(lab); i++ {
		d := vg.Length((lab[i].Value - lab[i-1].Value) / (hi - lo) * float64(room))
		if d < (size(lab[i].Label)+size(lab[i-1].Label))/2 {
			return lab[i-1].Label, lab[i].Label, true
		}
	}
	return "", "", false
}

// TestNiceTicksRoom checks the value axis: with no room known it labels
// about n steps (range -900k to 1M, n 6: raw step 316.7k rounds up to
// 500k, so -500k, 0, 500k, 1M); with room, neighbouring labels never
// touch (unless only two are left), at least two stay from 90 points, and more room never means fewer labels.
func TestNiceTicksRoom(t *testing.T) {
	st := LightStyle()
	sty := st.text(st.TickSize, st.Foreground, draw.XCenter, draw.YTop)
	labels := func(ts []plot.Tick) []string {
		var out []string
		for _, tk := range ts {
			if tk.Label != "" {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	lo, hi := -900e3, 1e6
	base := moneyTicks()
	if got := strings.Join(labels(base.Ticks(lo, hi)), " "); got != "-500k 0 500k 1M" {
		t.Errorf("no room: labels %q, want -500k 0 500k 1M", got)
	}
	prev := 0
	for _, room := range []vg.Length{40, 60, 90, 120, 240, 480, 960} {
		tk := base
		tk.room, tk.sty = room, sty
		ts := tk.Ticks(lo, hi)
		n := len(labels(ts))
		// Only a last resort of two labels (or one) may touch.
		if a, b, bad := labelBoxesOverlap(ts, lo, hi, room, sty, false); bad && n > 2 {
			t.Errorf("room %v: labels %q and %q overlap", room, a, b)
		}
		if room >= 90 && n < 2 {
			t.Errorf("room %v: %d labels, want at least 2", room, n)
		}
		if n < prev {
			t.Errorf("room %v: %d labels, fewer than %d with less room", room, n, prev)
		}
		prev = n
	}
}

// TestTickLabelsFit renders every golden chart at the app's and the
// report's sizes and checks that no two neighbouring value-axis labels
// touch, with the data area the plot was drawn with.
func TestTickLabelsFit(t *testing.T) {
	for _, sz := range fitSizes {
		for name, p := range goldenCharts(t, DarkStyle()) {
			if _, err := Render(p, sz[0], sz[1], 96); err != nil {
				t.Fatal(err)
			}
			w, h := pageSize(sz[0], sz[1], 96)
			da := p.DataCanvas(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}})
			if da.Max.X-da.Min.X < 40 || da.Max.Y-da.Min.Y < 40 {
				t.Errorf("%s at %dx%d: data area %v is too small", name, sz[0], sz[1], da.Rectangle)
			}
			for _, ax := range []struct {
				a        *plot.Axis
				room     vg.Length
				vertical bool
			}{{&p.X, da.Max.X - da.Min.X, false}, {&p.Y, da.Max.Y - da.Min.Y, true}} {
				switch ax.a.Tick.Marker.(type) {
				case niceTicks, dateTicks, logMoneyTicks:
				default:
					continue // names and the map's fixed log ticks
				}
				ts := ax.a.Tick.Marker.Ticks(ax.a.Min, ax.a.Max)
				if a, b, bad := labelBoxesOverlap(ts, ax.a.Min, ax.a.Max, ax.room, ax.a.Tick.Label, ax.vertical); bad {
					t.Errorf("%s at %dx%d: labels %q and %q overlap", name, sz[0], sz[1], a, b)
				}
				for _, tk := range ts {
					if strings.Contains(tk.Label, "EUR") {
						t.Errorf("%s at %dx%d: tick label %q carries the unit (it belongs in the axis label)", name, sz[0], sz[1], tk.Label)
					}
				}
			}
			if wd := p.Title.TextStyle.Rectangle(p.Title.Text).Size().X; wd > w {
				t.Errorf("%s at %dx%d: title %q is %v wide, the chart %v", name, sz[0], sz[1], p.Title.Text, wd, w)
			}
		}
	}
}

// TestFitIsRepeatable draws each chart small first and then at the views
// pane size: the image must equal that of a chart drawn only at the views
// pane size, so fitting to one size leaves nothing behind.
func TestFitIsRepeatable(t *testing.T) {
	fresh := goldenCharts(t, LightStyle())
	used := goldenCharts(t, LightStyle())
	for name, p := range used {
		if _, err := Render(p, 330, 200, 96); err != nil {
			t.Fatal(err)
		}
		a, err := Render(p, 640, 500, 96)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Render(fresh[name], 640, 500, 96)
		if err != nil {
			t.Fatal(err)
		}
		if n, d := pixelDiff(a, b, 0); d != 0 {
			t.Errorf("%s: %d of %d pixels differ after a small render first", name, d, n)
		}
	}
}

// tornadoTest is the sensitivity of the golden tornado, with symbols.
func tornadoTest() TornadoInput {
	return TornadoInput{Title: "Sensitivity: community rollout", Unit: "EUR", Base: 1000, Bars: []TornadoBar{
		{Input: "investment X", Short: "X", Low: 1300, High: 770, LowLabel: "X 3.4M", HighLabel: "X 5.2M"},
		{Input: "value S", Short: "S", Low: 580, High: 1500, LowLabel: "S 3.2M", HighLabel: "S 4.8M"},
		{Input: "volatility σ", Short: "σ", Low: 800, High: 1200, LowLabel: "σ 36%", HighLabel: "σ 54%"},
		{Input: "rate r", Short: "r", Low: 945, High: 1060, LowLabel: "r 1.9%", HighLabel: "r 5.9%"},
		{Input: "leakage q", Short: "q", Low: 1000, High: 1000, LowLabel: "q 0%", HighLabel: "q 0%"},
	}}
}

// labelsOf returns the labelled ticks of a names axis, top (largest
// value) first.
func labelsOf(a plot.Axis) []string {
	ts := a.Tick.Marker.Ticks(a.Min, a.Max)
	sort.Slice(ts, func(i, j int) bool { return ts[i].Value > ts[j].Value })
	var out []string
	for _, tk := range ts {
		if tk.Label != "" && tk.Value >= a.Min && tk.Value <= a.Max {
			out = append(out, tk.Label)
		}
	}
	return out
}

// TestTornadoCompact checks the small tornado: widths |High - Low| are
// S 920, X 530, σ 400, r 115, q 0, so the rows read S, X, σ, r by symbol,
// q (no change) is named in the axis label instead of a row, and no bar
// end is labelled; drawn large again it has the full names and labels.
func TestTornadoCompact(t *testing.T) {
	p, err := Tornado(tornadoTest(), DarkStyle())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Render(p, 330, 200, 96); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(labelsOf(p.Y), ","); got != "S,X,σ,r" {
		t.Errorf("small: rows %q, want S,X,σ,r", got)
	}
	if !strings.Contains(p.X.Label.Text, "no change: q") {
		t.Errorf("small: axis label %q does not name q as unchanged", p.X.Label.Text)
	}
	for _, b := range p.GlyphBoxes(p) {
		if b.Size().X > 0 {
			t.Errorf("small: a bar end label is still drawn (glyph box %v)", b.Rectangle)
			break
		}
	}
	if _, err := Render(p, 1200, 800, 96); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(labelsOf(p.Y), ","); got != "value S,investment X,volatility σ,rate r,leakage q" {
		t.Errorf("large: rows %q, want the full names of all five inputs", got)
	}
	if n := len(p.GlyphBoxes(p)); n != 2*4+1 {
		t.Errorf("large: %d labels, want 9 (two per changing input, one for q)", n)
	}
}

// TestInvestWaitFitted checks the invest/wait chart in the views pane:
// the currency is in the axis label only, the action notes are cut to at
// most 30% of the width (none in the inspector size), and the names to
// 30%.
func TestInvestWaitFitted(t *testing.T) {
	p := goldenCharts(t, DarkStyle())["invest-wait"]
	for _, sz := range fitSizes {
		if _, err := Render(p, sz[0], sz[1], 96); err != nil {
			t.Fatal(err)
		}
		w, _ := pageSize(sz[0], sz[1], 96)
		if p.X.Label.Text != "value (EUR)" {
			t.Errorf("%dx%d: axis label %q, want value (EUR)", sz[0], sz[1], p.X.Label.Text)
		}
		for _, b := range p.GlyphBoxes(p) {
			if b.Size().Y == 0 {
				continue // tickRoom's room for a tick label, not a note
			}
			if b.Size().X > 0.3*w || (sz[0] == 330 && b.Size().X > 0) {
				t.Errorf("%dx%d: a note %v wide on a chart %v wide", sz[0], sz[1], b.Size().X, w)
			}
		}
		for _, l := range labelsOf(p.Y) {
			if lw := p.Y.Tick.Label.Rectangle(l).Size().X; lw > 0.3*w {
				t.Errorf("%dx%d: name %q is %v wide", sz[0], sz[1], l, lw)
			}
		}
	}
}

// TestShortName checks the tornado's fallback symbols, by hand.
func TestShortName(t *testing.T) {
	for in, want := range map[string]string{
		"volatility σ":       "σ",
		"time t (years)":     "t",
		"value S":            "S",
		"Marketing campaign": "Marketi…",
		"CRM":                "CRM",
	} {
		if got := shortName(in); got != want {
			t.Errorf("shortName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A name too long for its room loses its middle: its start and its end,
// which tell similar names apart, stay; it fits; and a name that fits is
// kept whole.
func TestFitMiddle(t *testing.T) {
	st := LightStyle()
	sty := st.text(12, st.Foreground, draw.XLeft, draw.YCenter)
	name := "Dedicated social customer care team"
	if got := fitMiddle(sty, name, 1000); got != name {
		t.Fatalf("fits whole: %q", got)
	}
	w := sty.Rectangle(name).Size().X * 0.6
	got := fitMiddle(sty, name, w)
	if !strings.Contains(got, "…") || !strings.HasPrefix(got, "Ded") || !strings.HasSuffix(got, "team") {
		t.Fatalf("cut %q", got)
	}
	if sty.Rectangle(got).Size().X > w {
		t.Fatalf("%q is wider than %v", got, w)
	}
	// Two names that differ only at the end stay apart.
	a, b := fitMiddle(sty, "Customer community rollout phase one", w), fitMiddle(sty, "Customer community rollout phase two", w)
	if a == b {
		t.Fatalf("both cut to %q", a)
	}
}

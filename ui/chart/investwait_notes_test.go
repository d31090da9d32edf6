package chart

import (
	"image/color"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/valuation"
)

func vgLen(f float64) vg.Length { return vg.Length(f) }

// TestInvestWaitNotesInside: in the views pane at the sizes of a
// 1440x900 window (about 600x450 px) and larger, the action notes are
// drawn inside the chart with room at its right edge: the last few pixel
// columns hold only the background (the longest bar's note ended on the
// edge, its last letter cut). A note too long for its room wraps onto two
// lines, each within the room, and keeps all its words when two lines
// hold it ("invest early only if leakage outweighs waiting" was cut to
// "invest early only …").
func TestInvestWaitNotesInside(t *testing.T) {
	rows := []InvestWaitRow{
		{"Customer community rollout", -300, 1000, "wait and garden", "2029-04-01", valuation.RegionProbablyLater},
		{"Route social posts to the contact center", 900, 905, "invest", "2027-04-01", valuation.RegionInvestNow},
		{"Enterprise social listening suite", 500, 820, "invest early only if leakage outweighs waiting", "2028-10-01", valuation.RegionMaybeNow},
		{"Text mining of service tickets", -250, 390, "wait and garden", "2029-10-01", valuation.RegionMaybeLater},
		{"Lightweight listening tool", -200, 50, "watch", "2028-04-01", valuation.RegionProbablyNever},
	}
	st := LightStyle()
	bg := color.RGBAModel.Convert(st.Background).(color.RGBA)
	for _, sz := range [][2]int{{600, 450}, {800, 600}, {1200, 800}} {
		p, err := InvestWait(rows, InvestWaitOptions{Unit: "EUR"}, st)
		if err != nil {
			t.Fatal(err)
		}
		img, err := Render(p, sz[0], sz[1], 96)
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		for x := b.Max.X - 3; x < b.Max.X; x++ {
			for y := b.Min.Y; y < b.Max.Y; y++ {
				c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
				if d := int(c.R) - int(bg.R) + int(c.G) - int(bg.G) + int(c.B) - int(bg.B); d > 60 || d < -60 {
					t.Fatalf("%dx%d: ink at (%d, %d), %d px from the right edge: want the notes inside", sz[0], sz[1], x, y, b.Max.X-x)
				}
			}
		}
		w, _ := pageSize(sz[0], sz[1], 96)
		for _, g := range p.GlyphBoxes(p) {
			if g.Size().X > 0.3*w {
				t.Errorf("%dx%d: a glyph box %v wide on a chart %v wide, want at most 30%%", sz[0], sz[1], g.Size().X, w)
			}
		}
	}
}

// TestFitNote: a note that fits is kept; one that does not wraps at the
// space that balances its two lines, each within the width, all words
// kept; without room for two lines, or where even two lines do not hold
// it, it is cut with an ellipsis within the width.
func TestFitNote(t *testing.T) {
	st := LightStyle()
	sty := st.text(st.SmallSize, st.Foreground, draw.XLeft, draw.YCenter)
	note := "by 2028-10-01: invest early only if leakage outweighs waiting"
	full := sty.Rectangle(note).Size().X
	if got := fitNote(sty, note, full+1, true); got != note {
		t.Errorf("fits: %q", got)
	}
	w := full * 0.6
	got := fitNote(sty, note, w, true)
	lines := strings.Split(got, "\n")
	if len(lines) != 2 || strings.Join(lines, " ") != note {
		t.Fatalf("two lines at 60%%: %q, want the whole note on two lines", got)
	}
	for _, l := range lines {
		if sty.Rectangle(l).Size().X > w {
			t.Errorf("line %q wider than %v", l, w)
		}
	}
	// Balanced: the first line is not the longest prefix that fits.
	if a, b := sty.Rectangle(lines[0]).Size().X, sty.Rectangle(lines[1]).Size().X; a-b > full/4 || b-a > full/4 {
		t.Errorf("lines %q (%v) and %q (%v): want them about as long", lines[0], a, lines[1], b)
	}
	for _, c := range []struct {
		w   float64
		two bool
	}{{0.6, false}, {0.3, true}} {
		w := full * vgLen(c.w)
		got := fitNote(sty, note, w, c.two)
		last := got[strings.LastIndex(got, "\n")+1:]
		if !strings.HasSuffix(got, "…") || sty.Rectangle(last).Size().X > w {
			t.Errorf("width %.0f%%, two lines %v: %q, want it cut within the width", 100*c.w, c.two, got)
		}
	}
}

// TestInvestWaitNoNotesOnThinRows: with rows thinner than a line of text
// (300 initiatives in 600x450 px) the chart draws no action notes, which
// were drawn over one another into a white block; with 5 rows it does.
func TestInvestWaitNoNotesOnThinRows(t *testing.T) {
	notes := func(n int) int {
		rows := make([]InvestWaitRow, n)
		for i := range rows {
			rows[i] = InvestWaitRow{Name: "Initiative", NPV: float64(i), OptionValue: float64(i + 1), Action: "wait and garden", Deadline: "2029-04-01", Region: valuation.RegionMaybeLater}
		}
		p, err := InvestWait(rows, InvestWaitOptions{Unit: "EUR"}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Render(p, 600, 450, 96); err != nil {
			t.Fatal(err)
		}
		k := 0
		for _, g := range p.GlyphBoxes(p) {
			if g.Size().X > 0 && g.Size().Y > 0 && g.X >= 0 && g.X <= 1 && g.Y > 0 {
				k++
			}
		}
		return k
	}
	if got := notes(300); got != 0 {
		t.Errorf("300 rows: %d notes drawn, want none", got)
	}
	if got := notes(5); got < 5 {
		t.Errorf("5 rows: %d notes drawn, want 5", got)
	}
}

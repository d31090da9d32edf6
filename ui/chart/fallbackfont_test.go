package chart

import (
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// needFallbacks skips the test unless both fallback fonts are installed.
func needFallbacks(t *testing.T) {
	t.Helper()
	for _, f := range FallbackFonts {
		if !f.Load() {
			t.Skipf("fallback font %s (%s) is not installed", f.Name, f.Paths[0])
		}
	}
}

// fillCall is one FillString a recordCanvas received.
type fillCall struct {
	typeface font.Typeface
	text     string
}

// recordCanvas records the strings drawn on it.
type recordCanvas struct {
	vg.Canvas
	calls []fillCall
}

func (c *recordCanvas) FillString(f font.Face, _ vg.Point, s string) {
	c.calls = append(c.calls, fillCall{f.Font.Typeface, s})
}
func (c *recordCanvas) SetColor(color.Color) {}
func (c *recordCanvas) Push()                {}
func (c *recordCanvas) Pop()                 {}
func (c *recordCanvas) Rotate(float64)       {}

// markingCanvas is a recordCanvas that marks missing characters itself.
type markingCanvas struct{ recordCanvas }

func (*markingCanvas) MarksMissing() {}

// TestTextFallback: a label with German, Greek, Arabic, Japanese and an
// emoji is drawn in runs, each in the font that has its characters; the
// emoji, which no font has, is MissingMarker (or itself, on a canvas that
// marks missing characters), right-to-left text is in display order
// (logical on a canvas that marks missing characters, which orders it
// itself), and the measured width is the sum of the runs' widths.
func TestTextFallback(t *testing.T) {
	needFallbacks(t)
	label := "Müller Σ مرحبا 東京 🙂"
	sty := LightStyle().text(10, color.Black, draw.XLeft, draw.YBottom)
	if _, ok := sty.Handler.(fallbackText); !ok {
		t.Fatalf("text handler %T, want fallbackText", sty.Handler)
	}
	if _, ok := plot.DefaultTextHandler.(fallbackText); !ok {
		t.Fatalf("plot.DefaultTextHandler %T, want fallbackText", plot.DefaultTextHandler)
	}
	var rc recordCanvas
	sty.Handler.Draw(&rc, label, sty, vg.Point{})
	want := []fillCall{{"Liberation", "Müller Σ "}, {"DejaVu", "ابحرم "}, {"Droid Sans Fallback", "東京 "}, {"Liberation", MissingMarker}}
	if len(rc.calls) != len(want) {
		t.Fatalf("drawn as %q, want %q", rc.calls, want)
	}
	for i := range want {
		if rc.calls[i] != want[i] {
			t.Errorf("run %d: %q, want %q", i, rc.calls[i], want[i])
		}
	}
	var mc markingCanvas
	sty.Handler.Draw(&mc, label, sty, vg.Point{})
	if last := mc.calls[len(mc.calls)-1]; last.text != "🙂" {
		t.Errorf("on a canvas that marks missing characters the emoji is drawn as %q", last.text)
	}
	if mc.calls[1].text != "مرحبا " {
		t.Errorf("on a canvas that orders right-to-left text itself the Arabic is given as %q, want it in logical order", mc.calls[1].text)
	}
	var sum vg.Length
	for _, c := range rc.calls {
		f := sty.Font
		f.Typeface = c.typeface
		face := font.DefaultCache.Lookup(f, f.Size)
		sum += face.Width(c.text)
	}
	if got := sty.Width(label); got != sum {
		t.Errorf("width %v, want the runs' %v", got, sum)
	}
}

// TestTextWriterFallback: the image fast path draws a Japanese name in the
// CJK fallback: the glyphs differ from the marker the name would be
// without it, and something is drawn.
func TestTextWriterFallback(t *testing.T) {
	needFallbacks(t)
	draw1 := func(s string) *image.RGBA {
		c := vgimg.NewWith(vgimg.UseWH(200, 40), vgimg.UseDPI(96), vgimg.UseBackgroundColor(color.White))
		tw := newTextWriter(draw.New(c), LightStyle().text(12, color.Black, draw.XLeft, draw.YBottom))
		defer tw.close()
		tw.write(vg.Point{X: 2, Y: 2}, s)
		return c.Image().(*image.RGBA)
	}
	inked := func(img *image.RGBA) int {
		n := 0
		for i := 0; i < len(img.Pix); i += 4 {
			if img.Pix[i] < 128 {
				n++
			}
		}
		return n
	}
	name, marks := draw1("東京"), draw1(MissingMarker+MissingMarker)
	if inked(name) == 0 {
		t.Fatal("nothing drawn for 東京")
	}
	if string(name.Pix) == string(marks.Pix) {
		t.Error("東京 is drawn as the missing-character marker")
	}
}

package chart

import (
	"math"
	"os"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/bidi"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font fallback.
//
// The charts' typeface is Liberation Sans (Latin, Greek, Cyrillic). A
// character it lacks is drawn in the first fallback font that has it:
// DejaVu Sans (Arabic, Hebrew, symbols, more Greek and Cyrillic), then
// Droid Sans Fallback (Chinese, Japanese, Korean), read from the system
// (Debian fonts-dejavu-core and fonts-droid-fallback, which .ci/deps.sh
// installs). The report embeds the same files, so a chart in the PDF and
// on screen use the same fonts. A character no font has is drawn as
// MissingMarker, never as "?".

// MissingMarker is what a character no font has is drawn as: U+25A1
// WHITE SQUARE, which Liberation Sans has.
const MissingMarker = "□"

// FallbackFont is a system font tried, in the order of FallbackFonts, for
// the characters Liberation Sans lacks.
type FallbackFont struct {
	// Name names the font ("dejavu", "cjk"); the report registers it
	// under this name in the PDF.
	Name string
	// Typeface is its name in gonum/plot's font cache.
	Typeface font.Typeface
	// Paths are the regular and the bold file ("": the regular one).
	Paths [2]string

	once   sync.Once
	reg    []byte
	bold   []byte
	glyphs glyphSet
}

// glyphSet answers which characters a parsed font has, remembering each
// answer.
type glyphSet struct {
	font  *sfnt.Font
	known sync.Map // rune -> bool
}

// has reports whether the font has a glyph for r.
func (g *glyphSet) has(r rune) bool {
	if ok, seen := g.known.Load(r); seen {
		return ok.(bool)
	}
	var buf sfnt.Buffer
	i, err := g.font.GlyphIndex(&buf, r)
	ok := err == nil && i != 0
	g.known.Store(r, ok)
	return ok
}

// FallbackFonts are the fallbacks, in the order they are tried.
var FallbackFonts = []*FallbackFont{
	{Name: "dejavu", Typeface: "DejaVu", Paths: [2]string{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}},
	{Name: "cjk", Typeface: "Droid Sans Fallback", Paths: [2]string{"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", ""}},
}

// Load reads the font's files once and registers them in plot's font
// cache (regular, bold and, as the same faces, italic). It reports
// whether the font is installed.
func (f *FallbackFont) Load() bool {
	f.once.Do(func() {
		b, err := os.ReadFile(f.Paths[0])
		if err != nil {
			return
		}
		sf, err := sfnt.Parse(b)
		if err != nil {
			return
		}
		reg, err := opentype.Parse(b)
		if err != nil {
			return
		}
		bold, boldBytes := reg, b
		if f.Paths[1] != "" {
			if bb, err := os.ReadFile(f.Paths[1]); err == nil {
				if bf, err := opentype.Parse(bb); err == nil {
					bold, boldBytes = bf, bb
				}
			}
		}
		var coll font.Collection
		for _, st := range []xfont.Style{xfont.StyleNormal, xfont.StyleItalic} {
			coll = append(coll,
				font.Face{Font: font.Font{Typeface: f.Typeface, Variant: "Sans", Style: st, Weight: xfont.WeightNormal}, Face: reg},
				font.Face{Font: font.Font{Typeface: f.Typeface, Variant: "Sans", Style: st, Weight: xfont.WeightBold}, Face: bold})
		}
		font.DefaultCache.Add(coll)
		f.reg, f.bold, f.glyphs.font = b, boldBytes, sf
	})
	return f.glyphs.font != nil
}

// Regular and Bold return the font's files (nil when it is not
// installed); Bold is Regular when the font has no bold file.
func (f *FallbackFont) Regular() []byte { f.Load(); return f.reg }

// Bold returns the bold file, or the regular one (see Regular).
func (f *FallbackFont) Bold() []byte { f.Load(); return f.bold }

// Has reports whether the font is installed and has a glyph for r. Only
// the Basic Multilingual Plane counts (the PDF's fonts map no more).
func (f *FallbackFont) Has(r rune) bool {
	if r > 0xFFFF || !f.Load() {
		return false
	}
	return f.glyphs.has(r)
}

var liberation struct {
	once   sync.Once
	glyphs glyphSet
}

// HasLiberationGlyph reports whether Liberation Sans has a glyph for r.
func HasLiberationGlyph(r rune) bool {
	if r < 0x370 {
		return true // Latin: all of it, as far as portfolio text goes
	}
	liberation.once.Do(func() {
		f, err := sfnt.Parse(liberationsansregular.TTF)
		if err != nil {
			panic("chart: parsing the embedded Liberation Sans: " + err.Error())
		}
		liberation.glyphs.font = f
	})
	return liberation.glyphs.has(r)
}

// FontFor names the font that draws r: "" for Liberation Sans, a
// fallback's Name, or "none" when no font has it.
func FontFor(r rune) string {
	if HasLiberationGlyph(r) {
		return ""
	}
	for _, f := range FallbackFonts {
		if f.Has(r) {
			return f.Name
		}
	}
	return "none"
}

// TextRun is a piece of a line drawn in one font (Font as FontFor names
// it).
type TextRun struct {
	Font, Text string
}

// TextRuns splits s into runs by the font that draws them; spaces stay
// with the run they are in.
func TextRuns(s string) []TextRun {
	var out []TextRun
	var b strings.Builder
	cur := ""
	for _, r := range s {
		f := cur
		if !unicode.IsSpace(r) || b.Len() == 0 {
			f = FontFor(r)
		}
		if f != cur && b.Len() > 0 {
			out = append(out, TextRun{cur, b.String()})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, TextRun{cur, b.String()})
	}
	return out
}

// simpleText reports whether s is all Liberation Sans, left to right.
func simpleText(s string) bool {
	for _, r := range s {
		if r >= 0x370 && (!HasLiberationGlyph(r) || IsRTL(r)) {
			return false
		}
	}
	return true
}

// markMissing returns s with every character that is not a space
// replaced by MissingMarker (a "none" run).
func markMissing(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return r
		}
		return []rune(MissingMarker)[0]
	}, s)
}

// runFont is the font f of run rn: f itself, or the same size and style
// in the fallback's typeface.
func runFont(f font.Font, rn TextRun) font.Font {
	if rn.Font == "" || rn.Font == "none" {
		return f
	}
	for _, fb := range FallbackFonts {
		if fb.Name == rn.Font {
			f.Typeface, f.Variant = fb.Typeface, "Sans"
		}
	}
	return f
}

// IsRTL reports whether r is a strong right-to-left character.
func IsRTL(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// VisualOrder returns line in display order (Unicode bidirectional
// algorithm, golang.org/x/text/unicode/bidi): right-to-left runs
// reversed, runs in the paragraph's direction. Letters are not shaped
// (Arabic prints in its isolated forms).
func VisualOrder(line string) string {
	rtl := false
	for _, r := range line {
		if IsRTL(r) {
			rtl = true
			break
		}
	}
	if !rtl {
		return line
	}
	var p bidi.Paragraph
	if _, err := p.SetString(line); err != nil {
		return line
	}
	o, err := p.Order()
	if err != nil {
		return line
	}
	var b strings.Builder
	for i := 0; i < o.NumRuns(); i++ {
		r := o.Run(i)
		if r.Direction() == bidi.RightToLeft {
			b.WriteString(bidi.ReverseString(r.String()))
		} else {
			b.WriteString(r.String())
		}
	}
	return b.String()
}

// MarksMissing is implemented by a canvas that prints characters no font
// has in its own way (the report's, which keeps the character as the
// marker's ActualText) and puts right-to-left text in display order
// itself; every other canvas is given MissingMarker and text in display
// order.
type MarksMissing interface {
	MarksMissing()
}

// fallbackText is gonum/plot's plain text handler with font fallback:
// each line is measured and drawn in runs (TextRuns), each in its font.
// Ascent and descent are the main font's, so a chart's layout does not
// move when a name has a character of another script.
type fallbackText struct {
	text.Plain
}

func init() {
	plot.DefaultTextHandler = fallbackText{text.Plain{Fonts: font.DefaultCache}}
}

// widths caches text widths by font and text: plot measures the same
// tick labels and names again and again (a full report spent a sixth of
// its time in font.Face.Width). It is emptied when it holds maxWidths.
var widths struct {
	sync.Mutex
	m map[widthKey]vg.Length
}

type widthKey struct {
	f font.Font
	s string
}

const maxWidths = 1 << 15

// width is the width of line in font f.
func (h fallbackText) width(line string, f font.Font) vg.Length {
	if h.Fonts != font.DefaultCache {
		return h.measure(line, f)
	}
	k := widthKey{f, line}
	widths.Lock()
	w, ok := widths.m[k]
	widths.Unlock()
	if ok {
		return w
	}
	w = h.measure(line, f)
	widths.Lock()
	if widths.m == nil || len(widths.m) >= maxWidths {
		widths.m = make(map[widthKey]vg.Length)
	}
	widths.m[k] = w
	widths.Unlock()
	return w
}

// measure is width without the cache.
func (h fallbackText) measure(line string, f font.Font) vg.Length {
	if simpleText(line) {
		face := h.Fonts.Lookup(f, f.Size)
		return face.Width(line)
	}
	var w vg.Length
	for _, rn := range TextRuns(line) {
		s := rn.Text
		if rn.Font == "none" {
			s = markMissing(s)
		}
		rf := runFont(f, rn)
		face := h.Fonts.Lookup(rf, rf.Size)
		w += face.Width(s)
	}
	return w
}

// Box implements text.Handler.
func (h fallbackText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	face := h.Fonts.Lookup(fnt, fnt.Size)
	ext := face.Extents()
	return h.width(txt, fnt), ext.Ascent, ext.Descent
}

// Draw implements text.Handler, as text.Plain.Draw with each line drawn
// in runs.
func (h fallbackText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	lines := h.Lines(txt)
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - fnt.Extents().Ascent
	// A canvas that marks missing characters (the report's) also puts
	// right-to-left text in display order itself.
	_, marks := innerCanvas(c).(MarksMissing)
	for i, line := range lines {
		if !marks {
			line = VisualOrder(line)
		}
		at := pt.Add(vg.Point{X: vg.Length(sty.XAlign) * h.width(line, sty.Font), Y: vg.Length(len(lines)-i) * sty.Font.Size})
		if simpleText(line) {
			c.FillString(fnt, at, line)
			continue
		}
		for _, rn := range TextRuns(line) {
			s := rn.Text
			if rn.Font == "none" && !marks {
				s = markMissing(s)
			}
			rf := runFont(sty.Font, rn)
			face := h.Fonts.Lookup(rf, rf.Size)
			c.FillString(face, at, s)
			if rn.Font == "none" {
				s = markMissing(s)
			}
			at.X += face.Width(s)
		}
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

// innerCanvas is the vg.Canvas under plot's draw.Canvas wrappers.
func innerCanvas(c vg.Canvas) vg.Canvas {
	for {
		switch v := c.(type) {
		case draw.Canvas:
			c = v.Canvas
		case *draw.Canvas:
			c = v.Canvas
		default:
			return c
		}
	}
}

package report

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/bidi"
)

// family is the name under which the report's main typeface is registered
// in the PDF: Liberation Sans (metrically compatible with Arial; Latin,
// Greek and Cyrillic), embedded as a Unicode TrueType subset.
const family = "sans"

// A fallback font covers what Liberation Sans lacks. Fallbacks are loaded
// from the system (Debian packages fonts-dejavu-core and
// fonts-droid-fallback, which .ci/deps.sh installs); a missing one only
// means its characters print as the marker. fpdf embeds only the glyphs
// used (a subset), so a report stays small.
type fallback struct {
	name  string   // fpdf family
	paths []string // regular, then bold; the first that exists is used
	once  sync.Once
	reg   []byte
	bold  []byte
	font  *sfnt.Font
	known sync.Map // rune -> bool
}

// fallbacks are tried in order: DejaVu Sans (Arabic, Hebrew, symbols,
// more Cyrillic and Greek), then Droid Sans Fallback (Chinese, Japanese,
// Korean).
var fallbacks = []*fallback{
	{name: "dejavu", paths: []string{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}},
	{name: "cjk", paths: []string{"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", ""}},
}

// load reads the fallback's files once.
func (f *fallback) load() bool {
	f.once.Do(func() {
		b, err := os.ReadFile(f.paths[0])
		if err != nil {
			return
		}
		fnt, err := sfnt.Parse(b)
		if err != nil {
			return
		}
		f.reg, f.font = b, fnt
		if f.paths[1] != "" {
			if bb, err := os.ReadFile(f.paths[1]); err == nil {
				f.bold = bb
			}
		}
	})
	return f.font != nil
}

// has reports whether the fallback has a glyph for r. fpdf maps only the
// Basic Multilingual Plane, so characters beyond it never count.
func (f *fallback) has(r rune) bool {
	if r > 0xFFFF || !f.load() {
		return false
	}
	if ok, seen := f.known.Load(r); seen {
		return ok.(bool)
	}
	var buf sfnt.Buffer
	i, err := f.font.GlyphIndex(&buf, r)
	ok := err == nil && i != 0
	f.known.Store(r, ok)
	return ok
}

// addFonts registers Liberation Sans regular, bold, italic and bold italic
// and the fallbacks found on the system with doc.
func addFonts(doc *fpdf.Fpdf) {
	doc.AddUTF8FontFromBytes(family, "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes(family, "B", liberationsansbold.TTF)
	doc.AddUTF8FontFromBytes(family, "I", liberationsansitalic.TTF)
	doc.AddUTF8FontFromBytes(family, "BI", liberationsansbolditalic.TTF)
}

// addFallback registers fallback f with doc on first use.
func (w *writer) addFallback(f *fallback) {
	if w.fallbacks[f.name] {
		return
	}
	w.fallbacks[f.name] = true
	// On the output document: a spooled page's template shares its fonts.
	w.main.AddUTF8FontFromBytes(f.name, "", f.reg)
	bold := f.bold
	if bold == nil {
		bold = f.reg
	}
	w.main.AddUTF8FontFromBytes(f.name, "B", bold)
	w.main.AddUTF8FontFromBytes(f.name, "I", f.reg)
	w.main.AddUTF8FontFromBytes(f.name, "BI", bold)
}

// marker is what a character no embedded font has prints as; the PDF
// carries the character itself as the marker's ActualText, so copying and
// pdftotext give it back.
const marker = "?"

// fontFor returns the font that prints r: "" for Liberation Sans, a
// fallback's name, or "none".
func fontFor(r rune) string {
	if r < 0x370 || hasGlyph(r) {
		return ""
	}
	for _, f := range fallbacks {
		if f.has(r) {
			return f.name
		}
	}
	return "none"
}

// run is a piece of a line in one font.
type run struct {
	font string
	text string
}

// runs splits s into runs by the font that prints them; spaces and
// punctuation stay with the run they are in.
func runs(s string) []run {
	var out []run
	var b strings.Builder
	cur := ""
	for _, r := range s {
		f := cur
		if !unicode.IsSpace(r) || b.Len() == 0 {
			f = fontFor(r)
		}
		if f != cur && b.Len() > 0 {
			out = append(out, run{cur, b.String()})
			b.Reset()
		}
		cur = f
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, run{cur, b.String()})
	}
	return out
}

// simple reports whether s prints in Liberation Sans alone, left to right.
func simple(s string) bool {
	for _, r := range s {
		if r >= 0x370 && (!hasGlyph(r) || isRTL(r)) {
			return false
		}
	}
	return true
}

// isRTL reports whether r is a strong right-to-left character.
func isRTL(r rune) bool {
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// visual returns line in display order (Unicode bidirectional algorithm,
// golang.org/x/text/unicode/bidi): right-to-left runs reversed, runs in
// the paragraph's direction.
func visual(line string) string {
	rtl := false
	for _, r := range line {
		if isRTL(r) {
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

// text writes s with its baseline at (x, y) in the current style and size,
// switching to a fallback font for characters Liberation Sans lacks and
// printing right-to-left text in display order. A character no font has
// prints as a marker and is recorded for the appendix.
func (w *writer) text(x, y float64, s string) {
	if simple(s) {
		w.doc.Text(x, y, s)
		return
	}
	for _, rn := range runs(visual(s)) {
		wd := w.runWidth(rn)
		switch rn.font {
		case "":
			w.doc.Text(x, y, rn.text)
		case "none":
			w.doc.SetFont(family, w.style, w.size)
			for _, r := range rn.text {
				if unicode.IsSpace(r) {
					x += w.doc.GetStringWidth(" ")
					continue
				}
				w.missing[r] = true
				w.doc.RawWriteStr(fmt.Sprintf("/Span <</ActualText <FEFF%s>>> BDC", utf16Hex(r)))
				w.doc.Text(x, y, marker)
				w.doc.RawWriteStr("EMC")
				x += w.doc.GetStringWidth(marker)
			}
			continue
		default:
			w.doc.SetFont(rn.font, w.style, w.size)
			w.doc.Text(x, y, rn.text)
			w.doc.SetFont(family, w.style, w.size)
		}
		x += wd
	}
}

// runWidth is the width of a run in its font.
func (w *writer) runWidth(rn run) float64 {
	switch rn.font {
	case "":
		return w.doc.GetStringWidth(rn.text)
	case "none":
		n := 0.0
		for _, r := range rn.text {
			if unicode.IsSpace(r) {
				n += w.doc.GetStringWidth(" ")
			} else {
				n += w.doc.GetStringWidth(marker)
			}
		}
		return n
	}
	for _, f := range fallbacks {
		if f.name == rn.font {
			w.addFallback(f)
		}
	}
	w.doc.SetFont(rn.font, w.style, w.size)
	wd := w.doc.GetStringWidth(rn.text)
	w.doc.SetFont(family, w.style, w.size)
	return wd
}

// width is the width of s as text prints it.
func (w *writer) width(s string) float64 {
	if simple(s) {
		return w.doc.GetStringWidth(s)
	}
	n := 0.0
	for _, rn := range runs(s) {
		n += w.runWidth(rn)
	}
	return n
}

// utf16Hex is r in UTF-16BE as hex digits.
func utf16Hex(r rune) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune{r}) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String()
}

// missingList lists the characters no embedded font had, as "U+1F642 🙂".
func (w *writer) missingList() []string {
	rs := make([]rune, 0, len(w.missing))
	for r := range w.missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("U+%04X", r)
	}
	return out
}

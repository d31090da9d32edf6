package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"github.com/optionspace/optionspace/ui/chart"
)

// family is the name under which the report's main typeface is registered
// in the PDF: Liberation Sans (metrically compatible with Arial; Latin,
// Greek and Cyrillic), embedded as a Unicode TrueType subset.
const family = "sans"

// The fallback fonts (chart.FallbackFonts: DejaVu Sans, then Droid Sans
// Fallback, read from the system) cover what Liberation Sans lacks, the
// same fonts in the same order as the charts, so a chart's text and the
// report's agree. A missing one only means its characters print as the
// marker. fpdf embeds only the glyphs used (a subset), so a report stays
// small.

// addFonts registers Liberation Sans regular, bold, italic and bold italic
// and the fallbacks found on the system with doc.
func addFonts(doc *fpdf.Fpdf) {
	doc.AddUTF8FontFromBytes(family, "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes(family, "B", liberationsansbold.TTF)
	doc.AddUTF8FontFromBytes(family, "I", liberationsansitalic.TTF)
	doc.AddUTF8FontFromBytes(family, "BI", liberationsansbolditalic.TTF)
}

// addFallback registers fallback f with the output document on first
// use (a spooled page's template shares its fonts).
func (w *writer) addFallback(f *chart.FallbackFont) {
	if w.fallbacks[f.Name] {
		return
	}
	w.fallbacks[f.Name] = true
	w.main.AddUTF8FontFromBytes(f.Name, "", f.Regular())
	w.main.AddUTF8FontFromBytes(f.Name, "B", f.Bold())
	w.main.AddUTF8FontFromBytes(f.Name, "I", f.Regular())
	w.main.AddUTF8FontFromBytes(f.Name, "BI", f.Bold())
}

// marker is what a character no embedded font has prints as (the charts'
// marker, U+25A1 WHITE SQUARE); the PDF carries the character itself as
// the marker's ActualText, so copying and pdftotext give it back.
const marker = chart.MissingMarker

// run is a piece of a line in one font: "" Liberation Sans, a fallback's
// name, or "none".
type run = chart.TextRun

// runs splits s into runs by the font that prints them (chart.TextRuns).
func runs(s string) []run { return chart.TextRuns(s) }

// simple reports whether s prints in Liberation Sans alone, left to right.
func simple(s string) bool {
	for _, r := range s {
		if r >= 0x370 && (!chart.HasLiberationGlyph(r) || isRTL(r)) {
			return false
		}
	}
	return true
}

// isRTL reports whether r is a strong right-to-left character.
func isRTL(r rune) bool { return chart.IsRTL(r) }

// visual returns line in display order (chart.VisualOrder).
func visual(line string) string { return chart.VisualOrder(line) }

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
		switch rn.Font {
		case "":
			w.doc.Text(x, y, rn.Text)
		case "none":
			w.doc.SetFont(family, w.style, w.size)
			for _, r := range rn.Text {
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
			w.doc.SetFont(rn.Font, w.style, w.size)
			w.doc.Text(x, y, rn.Text)
			w.doc.SetFont(family, w.style, w.size)
		}
		x += wd
	}
}

// runWidth is the width of a run in its font.
func (w *writer) runWidth(rn run) float64 {
	switch rn.Font {
	case "":
		return w.doc.GetStringWidth(rn.Text)
	case "none":
		n := 0.0
		for _, r := range rn.Text {
			if unicode.IsSpace(r) {
				n += w.doc.GetStringWidth(" ")
			} else {
				n += w.doc.GetStringWidth(marker)
			}
		}
		return n
	}
	for _, f := range chart.FallbackFonts {
		if f.Name == rn.Font {
			w.addFallback(f)
		}
	}
	w.doc.SetFont(rn.Font, w.style, w.size)
	wd := w.doc.GetStringWidth(rn.Text)
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

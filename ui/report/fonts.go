package report

import (
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
)

// family is the name under which the report's typeface is registered in
// the PDF: Liberation Sans (metrically compatible with Arial), embedded as
// a Unicode TrueType font so that "Müller", "Société", "€" and "σ" print.
const family = "sans"

// addFonts registers Liberation Sans regular, bold, italic and bold italic
// with doc. fpdf embeds only the glyphs used (a subset).
func addFonts(doc *fpdf.Fpdf) {
	doc.AddUTF8FontFromBytes(family, "", liberationsansregular.TTF)
	doc.AddUTF8FontFromBytes(family, "B", liberationsansbold.TTF)
	doc.AddUTF8FontFromBytes(family, "I", liberationsansitalic.TTF)
	doc.AddUTF8FontFromBytes(family, "BI", liberationsansbolditalic.TTF)
}

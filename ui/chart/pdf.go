package chart

import (
	"image/color"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgpdf"
)

// pdfCanvas works around two limits of vgpdf: it encodes text as code
// page 1252 (so UTF-8 strings must be converted, characters outside it
// spelled out or marked, and the fallback fonts, which would only add
// characters it cannot encode, are not used), and it reads colours'
// alpha-premultiplied components as if they were straight (so
// translucent colours come out dark). The report draws charts through
// its own Unicode canvas (ui/report), so none of this applies there.
type pdfCanvas struct {
	*vgpdf.Canvas
}

// pdfSpelled replaces characters code page 1252 lacks.
var pdfSpelled = strings.NewReplacer(
	"σ√t", "sigma*sqrt(t)", "σ", "sigma", "√", "sqrt", "−", "-", "→", "->", "Δ", "d", "≤", "<=", "≥", ">=")

// pdfMissing marks a character code page 1252 lacks: U+00A4 CURRENCY
// SIGN, one visible character (MissingMarker is not in code page 1252),
// so that the text keeps about the width the chart measured.
const pdfMissing = 0xA4

// pdfText returns s in code page 1252.
func pdfText(s string) string {
	s = pdfSpelled.Replace(s)
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = append(b, c)
		} else {
			b = append(b, pdfMissing)
		}
	}
	return string(b)
}

// FillString implements vg.Canvas. A run the text handler gave a fallback
// font is drawn in the chart's own typeface (and marked by pdfText).
func (c pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Typeface != "" && f.Font.Typeface != LightStyle().Font.Typeface {
		fnt := f.Font
		fnt.Typeface, fnt.Variant = LightStyle().Font.Typeface, LightStyle().Font.Variant
		f = font.DefaultCache.Lookup(fnt, fnt.Size)
	}
	c.Canvas.FillString(f, pt, pdfText(s))
}

// SetColor implements vg.Canvas.
func (c pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		c.Canvas.SetColor(nil)
		return
	}
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	c.Canvas.SetColor(straight(n))
}

// straight is a colour whose RGBA method returns straight (not
// premultiplied) components, which is what vgpdf expects.
type straight color.NRGBA

// RGBA returns the straight components scaled to 16 bits.
func (s straight) RGBA() (r, g, b, a uint32) {
	return uint32(s.R) * 0x101, uint32(s.G) * 0x101, uint32(s.B) * 0x101, uint32(s.A) * 0x101
}

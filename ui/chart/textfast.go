package chart

import (
	"image"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// textWriter writes many one-line, left-aligned labels of one style. On
// an image canvas it draws glyphs straight into the image with one font
// face (plot's own path makes a face and an affine transform per call,
// which dominates a map of 200 labels), and a fallback font's face for
// the characters Liberation Sans lacks (fallbackfont.go); elsewhere it
// uses FillText.
type textWriter struct {
	c     draw.Canvas
	sty   draw.TextStyle
	img   *image.RGBA
	face  xfont.Face
	faces map[string]xfont.Face // fallback faces by FallbackFont.Name
	dpi   float64
	src   *image.Uniform
	asc   vg.Length
	s     float64 // pixels per point
	h     float64 // image height in pixels
}

// newTextWriter returns a writer for style sty (XLeft, YBottom) on c. Call
// close when done.
func newTextWriter(c draw.Canvas, sty draw.TextStyle) *textWriter {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	tw := &textWriter{c: c, sty: sty}
	img, dpi := rgbaImage(c.Canvas)
	if img == nil {
		return tw
	}
	fc := font.DefaultCache.Lookup(sty.Font, sty.Font.Size)
	tw.img = img
	tw.dpi = dpi
	tw.face = fc.FontFace(tw.dpi)
	tw.src = image.NewUniform(sty.Color)
	tw.asc = fc.Extents().Ascent
	tw.s = dpi / float64(vg.Inch)
	tw.h = float64(img.Bounds().Dy())
	return tw
}

// write draws txt with the bottom left of its box at pt, as FillText with
// XLeft and YBottom would.
func (tw *textWriter) write(pt vg.Point, txt string) {
	if tw.img == nil {
		tw.c.FillText(tw.sty, pt, txt)
		return
	}
	base := pt.Y + tw.sty.Font.Size - tw.asc
	d := xfont.Drawer{Dst: tw.img, Src: tw.src, Face: tw.face,
		Dot: fixed.Point26_6{X: fixed.Int26_6(float64(pt.X) * tw.s * 64), Y: fixed.Int26_6((tw.h - float64(base)*tw.s) * 64)}}
	if simpleText(txt) {
		d.DrawString(txt)
		return
	}
	for _, rn := range TextRuns(VisualOrder(txt)) {
		switch rn.Font {
		case "":
			d.Face = tw.face
			d.DrawString(rn.Text)
		case "none":
			d.Face = tw.face
			d.DrawString(markMissing(rn.Text))
		default:
			d.Face = tw.fallback(rn)
			d.DrawString(rn.Text)
		}
	}
}

// fallback returns the face of run rn's fallback font in the writer's
// size and style.
func (tw *textWriter) fallback(rn TextRun) xfont.Face {
	if f, ok := tw.faces[rn.Font]; ok {
		return f
	}
	if tw.faces == nil {
		tw.faces = map[string]xfont.Face{}
	}
	fnt := runFont(tw.sty.Font, rn)
	fc := font.DefaultCache.Lookup(fnt, fnt.Size)
	f := fc.FontFace(tw.dpi)
	tw.faces[rn.Font] = f
	return f
}

// close releases the font faces.
func (tw *textWriter) close() {
	if tw.face != nil {
		tw.face.Close()
	}
	for _, f := range tw.faces {
		f.Close()
	}
}

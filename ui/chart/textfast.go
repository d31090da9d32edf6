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
// which dominates a map of 200 labels); elsewhere it uses FillText.
type textWriter struct {
	c    draw.Canvas
	sty  draw.TextStyle
	img  *image.RGBA
	face xfont.Face
	src  *image.Uniform
	asc  vg.Length
	s    float64 // pixels per point
	h    float64 // image height in pixels
}

// newTextWriter returns a writer for style sty (XLeft, YBottom) on c. Call
// close when done.
func newTextWriter(c draw.Canvas, sty draw.TextStyle) *textWriter {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	tw := &textWriter{c: c, sty: sty}
	ic := imageCanvas(c.Canvas)
	if ic == nil {
		return tw
	}
	img, ok := ic.Image().(*image.RGBA)
	if !ok {
		return tw
	}
	fc := font.DefaultCache.Lookup(sty.Font, sty.Font.Size)
	tw.img = img
	tw.face = fc.FontFace(float64(ic.DPI()))
	tw.src = image.NewUniform(sty.Color)
	tw.asc = fc.Extents().Ascent
	tw.s = float64(ic.DPI()) / float64(vg.Inch)
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
	d.DrawString(txt)
}

// close releases the font face.
func (tw *textWriter) close() {
	if tw.face != nil {
		tw.face.Close()
	}
}

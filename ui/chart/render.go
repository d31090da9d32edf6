package chart

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/optionspace/optionspace/model/atomicfile"
)

// DefaultDPI is the resolution Save and WriteTo use for PNG files.
const DefaultDPI = 96

// maxPixels bounds the size of a rendered image (about 64 megapixels).
const maxPixels = 1 << 26

// checkSize returns an error unless wPx, hPx and dpi describe a drawable
// image.
func checkSize(wPx, hPx int, dpi float64) error {
	switch {
	case wPx < 50 || hPx < 50:
		return fmt.Errorf("chart size %dx%d pixels: want at least 50x50", wPx, hPx)
	case wPx*hPx > maxPixels || wPx > 1<<15 || hPx > 1<<15:
		return fmt.Errorf("chart size %dx%d pixels: too large", wPx, hPx)
	case !(dpi >= 24 && dpi <= 1200):
		return fmt.Errorf("chart dpi %g: want 24 to 1200", dpi)
	}
	return nil
}

// pageSize returns the size in points of a wPx x hPx image at dpi.
func pageSize(wPx, hPx int, dpi int) (w, h vg.Length) {
	return vg.Length(wPx) * vg.Inch / vg.Length(dpi), vg.Length(hPx) * vg.Inch / vg.Length(dpi)
}

// newImageCanvas returns a vgimg canvas of exactly wPx x hPx pixels,
// filled with white.
func newImageCanvas(wPx, hPx int, dpi float64) *vgimg.Canvas {
	return newImageCanvasOn(wPx, hPx, dpi, color.White)
}

// newImageCanvasOn is newImageCanvas filled with bg.
func newImageCanvasOn(wPx, hPx int, dpi float64, bg color.Color) *vgimg.Canvas {
	d := int(math.Round(dpi))
	img := image.NewRGBA(image.Rect(0, 0, wPx, hPx))
	// A context over img itself (UseImage would copy the image once
	// more), set up as vgimg sets up its own.
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(d)) // filled white
	if bg != color.White {
		stddraw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, stddraw.Src)
	}
	return c
}

// plotCanvas returns the image canvas p is drawn on: filled with p's
// background when that is opaque (drawImage then leaves the fill out).
func plotCanvas(p *plot.Plot, wPx, hPx int, dpi float64) *vgimg.Canvas {
	if opaque(p.BackgroundColor) {
		return newImageCanvasOn(wPx, hPx, dpi, p.BackgroundColor)
	}
	return newImageCanvas(wPx, hPx, dpi)
}

// opaque reports whether c is a colour without transparency.
func opaque(c color.Color) bool {
	if c == nil {
		return false
	}
	_, _, _, a := c.RGBA()
	return a == 0xffff
}

// drawImage fits p to dc, a canvas made by plotCanvas, and draws it. An
// opaque background is already there: plot would fill the whole page
// again as a vector path (a quarter of a map's drawing), which gives the
// same pixels.
func drawImage(p *plot.Plot, dc draw.Canvas) {
	FitTo(p, dc)
	drawFittedImage(p, dc)
}

// drawFittedImage is drawImage of a plot already fitted to dc.
func drawFittedImage(p *plot.Plot, dc draw.Canvas) {
	if bg := p.BackgroundColor; opaque(bg) {
		p.BackgroundColor = nil
		defer func() { p.BackgroundColor = bg }()
	}
	p.Draw(dc)
}

// Render draws p into a wPx x hPx image at dpi dots per inch (96 for a
// normal screen, 192 for a 2x screen: text and lines scale with dpi).
func Render(p *plot.Plot, wPx, hPx int, dpi float64) (image.Image, error) {
	if p == nil {
		panic("chart: Render of a nil plot")
	}
	if err := checkSize(wPx, hPx, dpi); err != nil {
		return nil, err
	}
	c := plotCanvas(p, wPx, hPx, dpi)
	drawImage(p, draw.New(c))
	return c.Image(), nil
}

// Format is an output file format.
type Format string

// The output formats.
const (
	PNG Format = "png"
	SVG Format = "svg"
	PDF Format = "pdf"
)

// FormatOf returns the format named by path's extension (.png, .svg,
// .pdf, any case), or an error naming the extension.
func FormatOf(path string) (Format, error) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))
	switch Format(ext) {
	case PNG, SVG, PDF:
		return Format(ext), nil
	}
	return "", fmt.Errorf("output file %q: unknown extension %q (want .png, .svg or .pdf)", path, filepath.Ext(path))
}

// WriteTo writes p to w in format f at wPx x hPx pixels: a PNG image at
// DefaultDPI, or an SVG or PDF page of the same size in points at 96 dpi
// (so text has the same proportions in every format).
func WriteTo(w io.Writer, f Format, p *plot.Plot, wPx, hPx int) error {
	if p == nil {
		panic("chart: WriteTo of a nil plot")
	}
	if err := checkSize(wPx, hPx, DefaultDPI); err != nil {
		return err
	}
	pw, ph := pageSize(wPx, hPx, DefaultDPI)
	var wt io.WriterTo
	switch f {
	case PNG:
		c := plotCanvas(p, wPx, hPx, DefaultDPI)
		drawImage(p, draw.New(c))
		wt = fastPNG{c.Image()}
	case SVG:
		c := vgsvg.New(pw, ph)
		drawFitted(p, draw.New(c))
		wt = c
	case PDF:
		c := vgpdf.New(pw, ph)
		c.EmbedFonts(true)
		drawFitted(p, draw.New(pdfCanvas{c}))
		wt = c
	default:
		return fmt.Errorf("output format %q: want png, svg or pdf", string(f))
	}
	_, err := wt.WriteTo(w)
	return err
}

// fastPNG writes an image as PNG at zlib's fastest level: on a 1200x800
// map the default level took about 2.4 times as long for a file 4% smaller.
type fastPNG struct{ img image.Image }

// WriteTo implements io.WriterTo.
func (f fastPNG) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	b := bufio.NewWriter(cw)
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(b, f.img); err != nil {
		return cw.n, err
	}
	err := b.Flush()
	return cw.n, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Save writes p to the file at path, in the format its extension names
// (see WriteTo and SaveAs).
func Save(p *plot.Plot, path string, wPx, hPx int) error {
	f, err := FormatOf(path)
	if err != nil {
		return err
	}
	return SaveAs(p, path, f, wPx, hPx)
}

// SaveAs writes p to the file at path in format f, atomically: to a
// temporary file beside it, synced and renamed over path (model/atomicfile),
// so an existing file is replaced whole or not at all.
func SaveAs(p *plot.Plot, path string, f Format, wPx, hPx int) error {
	return atomicfile.Write(path, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := WriteTo(bw, f, p, wPx, hPx); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// drawFitted fits p to c and draws it.
func drawFitted(p *plot.Plot, c draw.Canvas) {
	FitTo(p, c)
	p.Draw(c)
}

package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"image/png"
	"math"

	"codeberg.org/go-pdf/fpdf"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas is a gonum/plot vg.Canvas that draws onto a page of an fpdf
// document, so the charts of ui/chart go into the report as vectors, with
// their text in the report's embedded Unicode font. The document's unit
// must be the point, which is also vg's unit.
//
// Coordinates: drawPlot sets up a transformation so that vg's origin (the
// bottom left of the chart) lies at the bottom left of the chart's box on
// the page and y grows upward; every vg point is then passed to fpdf
// unchanged.
type pdfCanvas struct {
	w     *writer // prints the text, with the report's font fallback
	doc   *fpdf.Fpdf
	wd, h vg.Length
	stack []canvasState
	// opaque, on a spooled page (spool.go), composites translucent
	// colours over the white page instead of setting an alpha.
	opaque bool
}

// canvasState is what PDF's q and Q save and restore that the canvas
// tracks: the line width, and the alpha so that an unchanged one is not
// set again.
type canvasState struct {
	width vg.Length
	alpha float64
}

// drawPlot draws p into the box (x, y, wd, h) of w's current page
// (points, y from the top of the page). The plot is laid out on a canvas
// of (wd/scale, h/scale) points and scaled into the box, so scale < 1
// makes its text and lines smaller. On a spooled page translucent colours
// are composited over white.
func drawPlot(w *writer, p *plot.Plot, x, y, wd, h, scale float64) {
	drawRecording(w, recordPlot(p, wd, h, scale), x, y, wd, h, scale)
}

// drawRecording replays rec, a plot recorded by recordPlot(p, wd, h,
// scale), into the box (x, y, wd, h) of w's current page, as drawPlot
// draws p.
func drawRecording(w *writer, rec *recording, x, y, wd, h, scale float64) {
	if !(scale > 0) {
		panic("report: drawPlot with a scale that is not positive")
	}
	if !rec.fits(wd, h, scale) {
		panic("report: a chart recorded for another box")
	}
	doc := w.doc
	style, size := w.style, w.size
	doc.ClipRect(x, y, wd, h, false)
	doc.TransformBegin()
	doc.TransformTranslate(x, y+h)
	doc.TransformScale(100*scale, -100*scale, 0, 0)
	c := &pdfCanvas{w: w, doc: doc, wd: rec.wd, h: rec.h, stack: []canvasState{{width: 1, alpha: 1}}, opaque: w.spooled}
	rec.replay(c)
	doc.TransformEnd()
	doc.ClipEnd()
	// Leave the document's own state as the layout expects it: the
	// font of before the chart (which Q restored in the PDF, not in
	// fpdf), no dashes, opaque.
	if size > 0 {
		w.font(style, size)
	}
	doc.SetDashPattern(nil, 0)
	setAlpha(doc, 1)
}

// setAlpha sets the fill and stroke alpha unless fpdf has it already
// (drawPlot's Q restored the alpha of before the chart, always 1).
func setAlpha(doc *fpdf.Fpdf, a float64) {
	if cur, _ := doc.GetAlpha(); cur != a {
		doc.SetAlpha(a, "Normal")
	}
}

// Size implements vg.CanvasSizer.
func (c *pdfCanvas) Size() (w, h vg.Length) { return c.wd, c.h }

// SetLineWidth implements vg.Canvas.
func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.stack[len(c.stack)-1].width = w
	c.doc.SetLineWidth(float64(w))
}

// SetLineDash implements vg.Canvas.
func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = float64(d)
	}
	c.doc.SetDashPattern(ds, float64(offs))
}

// SetColor implements vg.Canvas. PDF colours are straight (not
// premultiplied), with the alpha set apart.
func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	n := color.NRGBAModel.Convert(clr).(color.NRGBA)
	r, g, b := int(n.R), int(n.G), int(n.B)
	a := float64(n.A) / 255
	if c.opaque && n.A < 0xFF {
		over := func(v int) int { return int(math.Round(float64(v)*a + 255*(1-a))) }
		r, g, b, a = over(r), over(g), over(b), 1
	}
	c.doc.SetFillColor(r, g, b)
	c.doc.SetDrawColor(r, g, b)
	c.doc.SetTextColor(r, g, b)
	if st := &c.stack[len(c.stack)-1]; st.alpha != a {
		c.doc.SetAlpha(a, "Normal")
		st.alpha = a
	}
}

// Rotate implements vg.Canvas.
func (c *pdfCanvas) Rotate(rad float64) { c.doc.TransformRotate(-rad*180/math.Pi, 0, 0) }

// Translate implements vg.Canvas.
func (c *pdfCanvas) Translate(pt vg.Point) { c.doc.TransformTranslate(float64(pt.X), float64(pt.Y)) }

// Scale implements vg.Canvas.
func (c *pdfCanvas) Scale(x, y float64) { c.doc.TransformScale(x*100, y*100, 0, 0) }

// Push implements vg.Canvas.
func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, c.stack[len(c.stack)-1])
	c.doc.TransformBegin()
}

// Pop implements vg.Canvas.
func (c *pdfCanvas) Pop() {
	if len(c.stack) == 1 {
		panic("report: Pop without Push on the chart canvas")
	}
	c.doc.TransformEnd()
	c.stack = c.stack[:len(c.stack)-1]
	c.doc.SetLineWidth(float64(c.stack[len(c.stack)-1].width))
}

// Stroke implements vg.Canvas.
func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.stack[len(c.stack)-1].width > 0 {
		c.path(p, "D")
	}
}

// Fill implements vg.Canvas.
func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

// path draws p, with arcs as cubic Bézier curves so that a path stays one
// PDF path.
func (c *pdfCanvas) path(p vg.Path, style string) {
	if len(p) == 0 {
		return
	}
	var start, cur vg.Point
	started := false
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			c.doc.MoveTo(float64(comp.Pos.X), float64(comp.Pos.Y))
			start, cur, started = comp.Pos, comp.Pos, true
		case vg.LineComp:
			c.doc.LineTo(float64(comp.Pos.X), float64(comp.Pos.Y))
			cur = comp.Pos
		case vg.ArcComp:
			cur = c.arc(comp, started)
			if !started {
				start, started = cur, true
			}
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1:
				// Raise the quadratic curve to a cubic one.
				q := comp.Control[0]
				c1 := vg.Point{X: cur.X + 2*(q.X-cur.X)/3, Y: cur.Y + 2*(q.Y-cur.Y)/3}
				c2 := vg.Point{X: comp.Pos.X + 2*(q.X-comp.Pos.X)/3, Y: comp.Pos.Y + 2*(q.Y-comp.Pos.Y)/3}
				c.doc.CurveBezierCubicTo(float64(c1.X), float64(c1.Y), float64(c2.X), float64(c2.Y), float64(comp.Pos.X), float64(comp.Pos.Y))
			case 2:
				a, b := comp.Control[0], comp.Control[1]
				c.doc.CurveBezierCubicTo(float64(a.X), float64(a.Y), float64(b.X), float64(b.Y), float64(comp.Pos.X), float64(comp.Pos.Y))
			default:
				panic(fmt.Sprintf("report: chart curve with %d control points", len(comp.Control)))
			}
			cur = comp.Pos
		case vg.CloseComp:
			c.doc.ClosePath()
			cur = start
		default:
			panic(fmt.Sprintf("report: unknown chart path component %d", comp.Type))
		}
	}
	c.doc.DrawPath(style)
}

// arc appends the arc comp as cubic Béziers of at most 90 degrees each and
// returns its end point. The arc is joined to the current point by a line,
// as vg specifies, or starts a new subpath when nothing was drawn yet.
func (c *pdfCanvas) arc(comp vg.PathComp, started bool) vg.Point {
	r := float64(comp.Radius)
	cx, cy := float64(comp.Pos.X), float64(comp.Pos.Y)
	a0 := comp.Start
	x0, y0 := cx+r*math.Cos(a0), cy+r*math.Sin(a0)
	if started {
		c.doc.LineTo(x0, y0)
	} else {
		c.doc.MoveTo(x0, y0)
	}
	n := int(math.Ceil(math.Abs(comp.Angle) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	da := comp.Angle / float64(n)
	k := 4.0 / 3 * math.Tan(da/4) * r
	for i := 0; i < n; i++ {
		a1 := a0 + da
		s0, c0 := math.Sincos(a0)
		s1, c1 := math.Sincos(a1)
		c.doc.CurveBezierCubicTo(cx+r*c0-k*s0, cy+r*s0+k*c0, cx+r*c1+k*s1, cy+r*s1-k*c1, cx+r*c1, cy+r*s1)
		a0 = a1
	}
	return vg.Point{X: vg.Length(cx + r*math.Cos(a0)), Y: vg.Length(cy + r*math.Sin(a0))}
}

// FillString implements vg.Canvas: text with its baseline starting at pt,
// in the report's embedded fonts (plot measured it with the same
// Liberation Sans and fallback metrics, see chart.FallbackFonts).
// Characters no font has print as the report's marker, with the character
// as ActualText (writer.text).
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 || s == "" {
		return
	}
	style := ""
	if f.Font.Weight >= xfont.WeightBold {
		style += "B"
	}
	if f.Font.Style == xfont.StyleItalic || f.Font.Style == xfont.StyleOblique {
		style += "I"
	}
	c.w.font(style, float64(f.Font.Size))
	c.Push()
	c.Translate(pt)
	c.Scale(1, -1)
	c.w.text(0, 0, printable(s))
	c.Pop()
}

// MarksMissing implements chart.MarksMissing: the canvas is given the
// characters no font has, and prints them as the marker with the
// character as ActualText.
func (c *pdfCanvas) MarksMissing() {}

// DrawImage implements vg.Canvas.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	b := img.Bounds()
	if b.Empty() {
		return
	}
	// An opaque RGBA image encodes as an RGB PNG, which fpdf embeds
	// without splitting off an alpha channel.
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	stddraw.Draw(rgba, rgba.Bounds(), image.NewUniform(color.White), image.Point{}, stddraw.Src)
	stddraw.Draw(rgba, rgba.Bounds(), img, b.Min, stddraw.Over)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, rgba); err != nil {
		panic("report: encoding a chart image: " + err.Error()) // cannot fail for an in-memory RGBA
	}
	c.w.imgs++
	name := fmt.Sprintf("chart-image-%d", c.w.imgs)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	c.doc.RegisterImageOptionsReader(name, opt, &buf)
	// Images are drawn top down: flip back to fpdf's own orientation.
	c.Push()
	c.Translate(vg.Point{X: rect.Min.X, Y: rect.Max.Y})
	c.Scale(1, -1)
	c.doc.ImageOptions(name, 0, 0, float64(rect.Max.X-rect.Min.X), float64(rect.Max.Y-rect.Min.Y), false, opt, 0, "")
	c.Pop()
}

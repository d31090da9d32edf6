package report

import (
	"image"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/ui/chart"
)

// recording is a vg.Canvas that keeps the calls a plot makes, in order,
// to replay them later on a page's pdfCanvas. A plot is laid out and
// drawn into a recording off the PDF's goroutine (prefetchPages, in
// parallel: the fpdf document is not safe for concurrent use), and only
// the replay writes to the document, which then receives the same calls
// with the same arguments as when the plot is drawn on it directly, so
// the PDF is the same to the byte (TestRecordedChartsSameBytes).
//
// Like pdfCanvas it implements chart.MarksMissing, so that the charts'
// text is laid out as for the report's canvas.
type recording struct {
	wd, h vg.Length
	ops   []func(c vg.Canvas)
}

// recordPlot lays p out and draws it into a recording of a canvas of
// (wd/scale, h/scale) points, the canvas drawPlot scales into a box of
// (wd, h).
func recordPlot(p *plot.Plot, wd, h, scale float64) *recording {
	if !(scale > 0) {
		panic("report: recordPlot with a scale that is not positive")
	}
	r := &recording{wd: vg.Length(wd / scale), h: vg.Length(h / scale)}
	vg.Initialize(r)
	dc := draw.New(r)
	chart.FitTo(p, dc)
	p.Draw(dc)
	return r
}

// fits reports whether r was recorded for the box (wd, h) at scale.
func (r *recording) fits(wd, h, scale float64) bool {
	return r.wd == vg.Length(wd/scale) && r.h == vg.Length(h/scale)
}

// replay makes the recorded calls on c, in order.
func (r *recording) replay(c vg.Canvas) {
	for _, op := range r.ops {
		op(c)
	}
}

func (r *recording) add(op func(c vg.Canvas)) { r.ops = append(r.ops, op) }

// Size implements vg.CanvasSizer.
func (r *recording) Size() (w, h vg.Length) { return r.wd, r.h }

// MarksMissing implements chart.MarksMissing, as pdfCanvas does.
func (r *recording) MarksMissing() {}

// SetLineWidth implements vg.Canvas.
func (r *recording) SetLineWidth(w vg.Length) { r.add(func(c vg.Canvas) { c.SetLineWidth(w) }) }

// SetLineDash implements vg.Canvas.
func (r *recording) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := append([]vg.Length(nil), dashes...)
	r.add(func(c vg.Canvas) { c.SetLineDash(ds, offs) })
}

// SetColor implements vg.Canvas.
func (r *recording) SetColor(clr color.Color) { r.add(func(c vg.Canvas) { c.SetColor(clr) }) }

// Rotate implements vg.Canvas.
func (r *recording) Rotate(rad float64) { r.add(func(c vg.Canvas) { c.Rotate(rad) }) }

// Translate implements vg.Canvas.
func (r *recording) Translate(pt vg.Point) { r.add(func(c vg.Canvas) { c.Translate(pt) }) }

// Scale implements vg.Canvas.
func (r *recording) Scale(x, y float64) { r.add(func(c vg.Canvas) { c.Scale(x, y) }) }

// Push implements vg.Canvas.
func (r *recording) Push() { r.add(func(c vg.Canvas) { c.Push() }) }

// Pop implements vg.Canvas.
func (r *recording) Pop() { r.add(func(c vg.Canvas) { c.Pop() }) }

// Stroke implements vg.Canvas.
func (r *recording) Stroke(p vg.Path) {
	q := copyPath(p)
	r.add(func(c vg.Canvas) { c.Stroke(q) })
}

// Fill implements vg.Canvas.
func (r *recording) Fill(p vg.Path) {
	q := copyPath(p)
	r.add(func(c vg.Canvas) { c.Fill(q) })
}

// FillString implements vg.Canvas.
func (r *recording) FillString(f font.Face, pt vg.Point, s string) {
	r.add(func(c vg.Canvas) { c.FillString(f, pt, s) })
}

// DrawImage implements vg.Canvas.
func (r *recording) DrawImage(rect vg.Rectangle, img image.Image) {
	r.add(func(c vg.Canvas) { c.DrawImage(rect, img) })
}

// copyPath copies p and its control points, which the plot may reuse
// after the call.
func copyPath(p vg.Path) vg.Path {
	q := make(vg.Path, len(p))
	for i, comp := range p {
		q[i] = comp
		if comp.Control != nil {
			q[i].Control = append([]vg.Point(nil), comp.Control...)
		}
	}
	return q
}

package ui

import (
	"image"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/chart"
)

// The map's zoom and pan: the view keeps the data window it asks the chart
// to draw (chart.SpaceOptions.Window; zero is the full map) for the
// session, and each render records its frame (full window, window drawn,
// data area in pixels) with its image, so a pointer position on the shown
// image turns into a zoom or a pan of what the user sees. Bubbles are hit
// by the hits of the shown image, which the chart computes in the zoomed
// coordinates.

// zoomStep is the factor one wheel notch (fyne's desktop driver: 25 units)
// zooms in by.
const zoomStep = 0.8

// doubleTapTime and doubleTapSlop bound a second click that resets the
// zoom: within this time and this distance of the first.
const (
	doubleTapTime = 400 * time.Millisecond
	doubleTapSlop = 6
)

// spaceFrames remembers the frames of the last few rendered map images, so
// the frame of the image shown can be found (a render may finish after a
// newer one is asked for).
type spaceFrames struct {
	mu   sync.Mutex
	imgs [4]image.Image
	fs   [4]chart.SpaceFrame
	next int
}

// record keeps img's frame (any goroutine).
func (s *spaceFrames) record(img image.Image, f chart.SpaceFrame) {
	s.mu.Lock()
	s.imgs[s.next], s.fs[s.next] = img, f
	s.next = (s.next + 1) % len(s.imgs)
	s.mu.Unlock()
}

// of returns img's frame, if it was recorded.
func (s *spaceFrames) of(img image.Image) (chart.SpaceFrame, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, m := range s.imgs {
		if m != nil && m == img {
			return s.fs[i], true
		}
	}
	return chart.SpaceFrame{}, false
}

// shownFrame returns the frame of the map image shown and the factors from
// device-independent units to its pixels.
func (v *spaceView) shownFrame() (f chart.SpaceFrame, sx, sy float64, ok bool) {
	_, sx, sy = v.pane.hitsAndScale()
	v.pane.mu.Lock()
	img := v.pane.img
	v.pane.mu.Unlock()
	if img == nil || sx == 0 || sy == 0 {
		return chart.SpaceFrame{}, 0, 0, false
	}
	f, ok = v.frames.of(img)
	return f, sx, sy, ok
}

// setWindow shows window w of the map (zero: the full map) and redraws.
func (v *spaceView) setWindow(w chart.SpaceWindow) {
	if w == v.window {
		return
	}
	v.window = w
	if w.IsZero() {
		v.resetBtn.Disable()
	} else {
		v.resetBtn.Enable()
	}
	v.redrawWindow()
}

// forgetZoomOnOpen shows the full map of a portfolio opened in place of
// the one the zoom was made on (a portfolio is told by its name: renaming
// one also shows its full map).
func (v *spaceView) forgetZoomOnOpen() {
	p := v.w.ses.Portfolio
	if p != nil && v.portfolio != nil && p.Name != v.portfolio.Name {
		v.window = chart.SpaceWindow{}
		v.resetBtn.Disable()
	}
	v.portfolio = p
}

// resetZoom shows the full map.
func (v *spaceView) resetZoom() {
	v.anchor = zoomAnchor{}
	v.setWindow(chart.SpaceWindow{})
}

// zoomAt zooms the map by factor k (below 1: in) around pos (units of the
// map area), which keeps the data point under it. Outside the data area
// (over the axes) it does nothing.
func (v *spaceView) zoomAt(pos fyne.Position, k float64) {
	f, sx, sy, ok := v.shownFrame()
	if !ok {
		return
	}
	px, py := float64(pos.X)*sx, float64(pos.Y)*sy
	u, w, in := f.Fractions(px, py)
	if !in {
		return
	}
	cur := v.window
	if cur.IsZero() {
		cur = f.Full
	}
	z := v.window.ZoomAround(u, w, k, f.Full)
	v.setWindow(z)
	// The point under the pointer, to be put back under it when the new
	// image shows (see settleZoom).
	lx0, lx1 := math.Log(cur.XMin), math.Log(cur.XMax)
	v.anchor = zoomAnchor{set: !z.IsZero(), x: px, y: py, q: math.Exp(lx0 + u*(lx1-lx0)), v: cur.YMin + w*(cur.YMax-cur.YMin), win: z}
}

// zoomAnchor is the data point (q, v) a zoom keeps under the pointer at
// pixel (x, y) of the image, for window win.
type zoomAnchor struct {
	set  bool
	x, y float64
	q, v float64
	win  chart.SpaceWindow
}

// settleZoom puts the point a zoom kept under the pointer back exactly
// under it once the zoomed image shows: the zoom keeps the point's share
// of the data area, and longer or shorter axis labels (0.5 to 0.55) can
// move the data area's edge by some pixels. It pans once, by that much.
func (v *spaceView) settleZoom() {
	a := v.anchor
	if !a.set {
		return
	}
	f, _, _, ok := v.shownFrame()
	if !ok || f.View != a.win {
		return // not yet the image of that zoom
	}
	v.anchor = zoomAnchor{}
	x, y := f.PixelOf(a.q, a.v)
	if math.Abs(x-a.x) <= 0.5 && math.Abs(y-a.y) <= 0.5 {
		return
	}
	v.setWindow(a.win.Pan((a.x-x)/(f.X1-f.X0), (a.y-y)/(f.Y1-f.Y0), f.Full))
}

// resetMapZoom shows the whole option space map (Ctrl+0).
func (w *Window) resetMapZoom() {
	if sv, ok := w.shown["space"].(*spaceView); ok {
		sv.resetZoom()
	}
}

// mapArea is the map's input surface: a click selects the bubble under
// it, hovering reads its numbers out, the wheel zooms around the pointer,
// a drag pans, and a double click shows the full map again. (It does not
// implement fyne.DoubleTappable: fyne would then hold every click back to
// wait for a second one.)
type mapArea struct {
	widget.BaseWidget
	v   *spaceView
	obj fyne.CanvasObject

	pointer    fyne.Position // last hover position, for a scroll without one
	inside     bool          // the pointer is over the map
	lastTap    time.Time
	lastTapPos fyne.Position
	now        func() time.Time

	// A drag pans from the window and frame at its start by its total.
	dragging   bool
	dragFrom   chart.SpaceWindow
	dragFrame  chart.SpaceFrame
	dragSX     float64
	dragSY     float64
	dragDX     float64
	dragDY     float64
	dragActive bool
}

var (
	_ fyne.Tappable     = (*mapArea)(nil)
	_ fyne.Scrollable   = (*mapArea)(nil)
	_ fyne.Draggable    = (*mapArea)(nil)
	_ desktop.Hoverable = (*mapArea)(nil)
)

func newMapArea(v *spaceView, obj fyne.CanvasObject) *mapArea {
	a := &mapArea{v: v, obj: obj, now: time.Now}
	a.ExtendBaseWidget(a)
	return a
}

// CreateRenderer implements fyne.Widget.
func (a *mapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.obj) }

// Tapped implements fyne.Tappable: select the bubble under the pointer; a
// second click soon after at the same place resets the zoom.
func (a *mapArea) Tapped(e *fyne.PointEvent) {
	t := a.now()
	d := e.Position.Subtract(a.lastTapPos)
	if !a.lastTap.IsZero() && t.Sub(a.lastTap) <= doubleTapTime && math.Hypot(float64(d.X), float64(d.Y)) <= doubleTapSlop {
		a.lastTap = time.Time{}
		a.v.resetZoom()
		return
	}
	a.lastTap, a.lastTapPos = t, e.Position
	a.v.onTapped(e.Position)
}

// Scrolled implements fyne.Scrollable: the wheel zooms around the pointer
// (up: in). Large accelerated deltas count as at most four notches.
func (a *mapArea) Scrolled(e *fyne.ScrollEvent) {
	pos := e.Position
	if pos.IsZero() {
		pos = a.pointer
	}
	notches := math.Max(-4, math.Min(4, float64(e.Scrolled.DY)/25))
	if notches == 0 {
		return
	}
	a.v.zoomAt(pos, math.Pow(zoomStep, notches))
}

// Dragged implements fyne.Draggable: the map's content follows the
// pointer.
func (a *mapArea) Dragged(e *fyne.DragEvent) {
	if !a.dragging {
		a.dragging = true
		a.v.anchor = zoomAnchor{}
		a.dragFrom = a.v.window
		a.dragFrame, a.dragSX, a.dragSY, a.dragActive = a.v.shownFrame()
		a.dragDX, a.dragDY = 0, 0
	}
	if !a.dragActive || a.dragFrom.IsZero() {
		return
	}
	a.dragDX += float64(e.Dragged.DX) * a.dragSX
	a.dragDY += float64(e.Dragged.DY) * a.dragSY
	f := a.dragFrame
	a.v.setWindow(a.dragFrom.Pan(a.dragDX/(f.X1-f.X0), a.dragDY/(f.Y1-f.Y0), f.Full))
}

// DragEnd implements fyne.Draggable.
func (a *mapArea) DragEnd() { a.dragging = false }

// MouseIn implements desktop.Hoverable.
func (a *mapArea) MouseIn(e *desktop.MouseEvent) {
	a.pointer, a.inside = e.Position, true
	a.v.onHovered(e.Position)
}

// MouseMoved implements desktop.Hoverable.
func (a *mapArea) MouseMoved(e *desktop.MouseEvent) {
	a.pointer = e.Position
	a.v.onHovered(e.Position)
}

// MouseOut implements desktop.Hoverable.
func (a *mapArea) MouseOut() {
	a.inside = false
	a.v.onLeft()
}

// rendered settles a zoom (settleZoom) and reads out the bubble under a
// pointer resting on the map when a new image (a zoom, a pan, new data) is
// shown.
func (a *mapArea) rendered() {
	a.v.settleZoom()
	if a.inside && !a.dragging {
		a.v.onHovered(a.pointer)
	}
}

// mapViewLayout lays the map view out in one pass: its first options
// objects (the toggles, Reset zoom, the filter) in rows across the top,
// wrapped to the view's width so a narrow pane is never widened by them;
// then the map area, filling what is left; then the read-out at the
// bottom. The last option takes the rest of its row. Its minimum width is
// that of its widest option.
type mapViewLayout struct{ options int }

// MinSize implements fyne.Layout.
func (l *mapViewLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, rowH float32
	for _, o := range objs[:l.options] {
		m := o.MinSize()
		w, rowH = max(w, m.Width), max(rowH, m.Height)
	}
	area, hover := objs[l.options].MinSize(), objs[l.options+1].MinSize()
	return fyne.NewSize(max(w, area.Width, hover.Width), rowH+area.Height+hover.Height+2*theme.Padding())
}

// Layout implements fyne.Layout.
func (l *mapViewLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	var rowH float32 // every row as tall as the tallest option
	for _, o := range objs[:l.options] {
		rowH = max(rowH, o.MinSize().Height)
	}
	var x, y float32
	for i, o := range objs[:l.options] {
		m := o.MinSize()
		if x > 0 && x+m.Width > size.Width {
			x, y = 0, y+rowH+pad
		}
		w := min(m.Width, size.Width)
		if i == l.options-1 {
			// The last (the filter) takes the rest of its row.
			w = max(w, size.Width-x)
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, rowH))
		x += m.Width + pad
	}
	top := y + rowH + pad
	hover := objs[l.options+1]
	hh := hover.MinSize().Height
	hover.Move(fyne.NewPos(0, size.Height-hh))
	hover.Resize(fyne.NewSize(size.Width, hh))
	area := objs[l.options]
	area.Move(fyne.NewPos(0, top))
	area.Resize(fyne.NewSize(size.Width, max(0, size.Height-hh-pad-top)))
}

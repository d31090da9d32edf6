package ui

import (
	"fmt"
	"image"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/chart"
)

// spaceView shows the option space map of the current portfolio. Tapping a
// bubble selects its initiative; hovering shows its numbers.
type spaceView struct {
	w      *Window
	raster *canvas.Raster
	hover  *widget.Label
	byTag  *widget.Check

	mu      sync.Mutex
	hits    []chart.Hit // bubble centres of the last rendered image, in pixels
	size    fyne.Size   // the raster's size when it was rendered
	img     image.Image // cached render
	key     string      // what img shows
	version int         // bumped on every change of the portfolio
}

func newSpaceView(w *Window) *spaceView {
	v := &spaceView{w: w}
	v.raster = canvas.NewRaster(v.render)
	v.raster.ScaleMode = canvas.ImageScaleFastest
	v.hover = widget.NewLabel("Hover over a bubble to see its numbers; click it to select the initiative.")
	v.hover.Truncation = fyne.TextTruncateEllipsis
	v.byTag = widget.NewCheck("Colour by layer", func(bool) { v.onOptionsChanged() })
	w.ses.OnChange(func(Change) { v.onOptionsChanged() })
	return v
}

func (v *spaceView) content() fyne.CanvasObject {
	area := newTapArea(v.raster, v.onTapped, v.onHovered)
	return container.NewBorder(container.NewHBox(v.byTag), v.hover, nil, nil, area)
}

func (v *spaceView) onOptionsChanged() {
	v.mu.Lock()
	v.version++
	v.mu.Unlock()
	v.raster.Refresh()
}

// render draws the map at the raster's pixel size; it runs on the render
// goroutine, so it only reads a snapshot of the session's data taken under
// the lock.
func (v *spaceView) render(w, h int) image.Image {
	v.mu.Lock()
	defer v.mu.Unlock()
	key := fmt.Sprintf("%dx%d/%d/%v", w, h, v.version, v.byTag.Checked)
	if v.img != nil && v.key == key {
		return v.img
	}
	pts, opt := spaceInput(v.w.ses, v.byTag.Checked)
	p, err := chart.Space(pts, opt, chart.LightStyle())
	if err != nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	img, hits, err := chart.RenderWithHits(p, pts, w, h, 96*float64(w)/float64(max(1, int(v.raster.Size().Width))))
	if err != nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	v.img, v.key, v.hits = img, key, hits
	v.size = v.raster.Size()
	return img
}

// hitAt returns the ID of the bubble under the position, or "".
func (v *spaceView) hitAt(pos fyne.Position) *chart.Hit {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.img == nil || v.size.Width == 0 {
		return nil
	}
	b := v.img.Bounds()
	sx := float64(b.Dx()) / float64(v.size.Width)
	sy := float64(b.Dy()) / float64(v.size.Height)
	px, py := float64(pos.X)*sx, float64(pos.Y)*sy
	var best *chart.Hit
	bestD := math.Inf(1)
	for i := range v.hits {
		h := &v.hits[i]
		d := math.Hypot(h.X-px, h.Y-py)
		if d <= math.Max(h.R, 6*sx) && d < bestD {
			best, bestD = h, d
		}
	}
	return best
}

func (v *spaceView) onTapped(pos fyne.Position) {
	if h := v.hitAt(pos); h != nil {
		v.w.ses.Select(h.ID)
	}
}

func (v *spaceView) onHovered(pos fyne.Position) {
	h := v.hitAt(pos)
	if h == nil {
		return
	}
	r := v.w.ses.Valuation.ByID(h.ID)
	if r == nil {
		return
	}
	v.hover.SetText(fmt.Sprintf("%s · NPVq %s · σ√t %s · value %s · NPV %s · region %d %s",
		r.Name, ratio(r.Position.NPVq), ratio(r.Position.CumVol), money(r.Position.Value), money(r.Position.NPV),
		r.Position.Region, r.Position.Region))
}

// spaceInput builds the map's input from the session's valuation.
func spaceInput(ses *Session, byTag bool) ([]chart.SpacePoint, chart.SpaceOptions) {
	return chart.SpaceFromValuation(ses.Portfolio, ses.Valuation, byTag)
}

// tapArea wraps a canvas object to receive taps and hover positions.
type tapArea struct {
	widget.BaseWidget
	obj     fyne.CanvasObject
	onTap   func(fyne.Position)
	onHover func(fyne.Position)
}

var _ desktop.Hoverable = (*tapArea)(nil)

func newTapArea(obj fyne.CanvasObject, onTap, onHover func(fyne.Position)) *tapArea {
	t := &tapArea{obj: obj, onTap: onTap, onHover: onHover}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.obj) }

// Tapped implements fyne.Tappable.
func (t *tapArea) Tapped(e *fyne.PointEvent) { t.onTap(e.Position) }

// MouseIn implements desktop.Hoverable.
func (t *tapArea) MouseIn(e *desktop.MouseEvent) { t.onHover(e.Position) }

// MouseMoved implements desktop.Hoverable.
func (t *tapArea) MouseMoved(e *desktop.MouseEvent) { t.onHover(e.Position) }

// MouseOut implements desktop.Hoverable.
func (t *tapArea) MouseOut() {}

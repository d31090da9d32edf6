package ui

import (
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/chart"
)

// drawFunc renders a chart at a pixel size and DPI in a style. It runs on a
// worker goroutine, so it must only read data captured when it was made.
// hits may be nil (only the map has bubbles).
type drawFunc func(wPx, hPx int, dpi float64, st chart.Style) (img image.Image, hits []chart.Hit, err error)

// chartPane shows a chart rendered off the UI goroutine at the pane's pixel
// size. The owner calls invalidate with a new drawFunc whenever the data
// change; the pane re-renders when the data, its size or the theme change
// and keeps showing the previous image meanwhile, so the window never waits
// for a chart. One render runs at a time: changes that come while it runs
// (a driver being dragged sends one a preview) are drawn together by one
// render of the newest data when it is done, and its image, although
// already out of date, is shown meanwhile, so a drag is followed on the
// map instead of queueing a render per tick that all compete for the
// processors and are then thrown away.
type chartPane struct {
	app    fyne.App
	raster *canvas.Raster
	msg    *widget.Label
	// onRendered, if set, is called on the UI goroutine after each new image.
	onRendered func()

	mu      sync.Mutex
	draw    drawFunc
	version int // bumped by invalidate
	img     image.Image
	hits    []chart.Hit
	imgKey  paneKey
	pending paneKey
	// rendering says a render is running (pending is its key).
	rendering bool
	size      fyne.Size // the pane's size in device-independent units when img was made
}

// paneKey says what an image shows.
type paneKey struct {
	w, h, version int
	dark          bool
}

func newChartPane(a fyne.App) *chartPane {
	c := &chartPane{app: a, msg: widget.NewLabel("")}
	c.msg.Alignment = fyne.TextAlignCenter
	// The message wraps to the pane's width: a long one ("Run an estimate
	// to see the one-year return") made a narrow pane, and the inspector
	// it is in, wider than its place in the window.
	c.msg.Wrapping = fyne.TextWrapWord
	c.msg.Hide()
	c.raster = canvas.NewRaster(c.generate)
	c.raster.ScaleMode = canvas.ImageScaleFastest
	return c
}

func (c *chartPane) content() fyne.CanvasObject {
	return container.NewStack(c.raster, container.NewVBox(layout.NewSpacer(), c.msg, layout.NewSpacer()))
}

// invalidate replaces the chart's data; nil shows an empty pane.
func (c *chartPane) invalidate(d drawFunc) {
	c.mu.Lock()
	c.draw = d
	c.version++
	c.mu.Unlock()
	c.raster.Refresh()
}

// themeChanged re-renders in the current theme's chart style.
func (c *chartPane) themeChanged() {
	c.mu.Lock()
	c.version++
	c.mu.Unlock()
	c.raster.Refresh()
}

// setMessage shows text over the chart (an empty state or an error), or
// hides it when text is "".
func (c *chartPane) setMessage(text string) {
	c.msg.SetText(text)
	if text == "" {
		c.msg.Hide()
	} else {
		c.msg.Show()
	}
}

// generate is the raster's generator: it returns the cached image when it
// is current and otherwise starts a render on a worker goroutine, returning
// the stale image until the new one is ready.
func (c *chartPane) generate(w, h int) image.Image {
	dark := isDark(c.app)
	c.mu.Lock()
	defer c.mu.Unlock()
	key := paneKey{w, h, c.version, dark}
	if c.img != nil && c.imgKey == key {
		return c.img
	}
	if c.draw != nil && !c.rendering && c.pending != key && w > 0 && h > 0 {
		c.pending, c.rendering = key, true
		d, size := c.draw, c.raster.Size()
		go func() {
			img, hits, err := d(w, h, dpiFor(w, size), styleFor(dark))
			fyne.Do(func() {
				c.mu.Lock()
				c.rendering = false
				c.mu.Unlock()
				c.rendered(key, size, img, hits, err)
			})
		}()
	}
	if c.img == nil {
		return blank(dark)
	}
	return c.img
}

// renderNow renders synchronously at w x h pixels and keeps the image (tests
// and benchmarks; the window uses generate).
func (c *chartPane) renderNow(w, h int) (image.Image, []chart.Hit, error) {
	dark := isDark(c.app)
	c.mu.Lock()
	d, key := c.draw, paneKey{w, h, c.version, dark}
	c.mu.Unlock()
	if d == nil {
		return nil, nil, nil
	}
	size := fyne.NewSize(float32(w), float32(h))
	img, hits, err := d(w, h, dpiFor(w, size), styleFor(dark))
	c.rendered(key, size, img, hits, err)
	return img, hits, err
}

// rendered keeps a finished render (UI goroutine). An image of data that
// changed meanwhile is still shown when it is newer than the one shown
// (with its own hits, so a click selects what is seen); the raster's
// refresh then asks generate, which starts the render of the newest data.
// Its error is not shown: only the current data's are.
func (c *chartPane) rendered(key paneKey, size fyne.Size, img image.Image, hits []chart.Hit, err error) {
	c.mu.Lock()
	if key.version != c.version {
		kept := err == nil && img != nil && (c.img == nil || key.version > c.imgKey.version)
		if kept {
			c.img, c.hits, c.imgKey, c.size = img, hits, key, size
		}
		c.mu.Unlock()
		c.raster.Refresh()
		if kept && c.onRendered != nil {
			c.onRendered()
		}
		return
	}
	if err != nil {
		img, hits = blank(key.dark), nil
	}
	c.img, c.hits, c.imgKey, c.size = img, hits, key, size
	c.mu.Unlock()
	if err != nil {
		c.setMessage(err.Error())
	} else if c.msg.Visible() && c.msg.Text != "" && c.draw != nil {
		c.setMessage("")
	}
	c.raster.Refresh()
	if c.onRendered != nil {
		c.onRendered()
	}
}

// hitsAndScale returns the hits of the current image and the factor from
// device-independent units to its pixels.
func (c *chartPane) hitsAndScale() ([]chart.Hit, float64, float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.img == nil || c.size.Width == 0 || c.size.Height == 0 {
		return nil, 0, 0
	}
	b := c.img.Bounds()
	return c.hits, float64(b.Dx()) / float64(c.size.Width), float64(b.Dy()) / float64(c.size.Height)
}

func dpiFor(wPx int, size fyne.Size) float64 {
	if size.Width <= 0 {
		return chart.DefaultDPI
	}
	return chart.DefaultDPI * float64(wPx) / float64(size.Width)
}

func styleFor(dark bool) chart.Style {
	if dark {
		return chart.DarkStyle()
	}
	return chart.LightStyle()
}

// blank is a one-pixel image in the chart background colour.
func blank(dark bool) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	var c color.Color = styleFor(dark).Background
	img.Set(0, 0, c)
	return img
}

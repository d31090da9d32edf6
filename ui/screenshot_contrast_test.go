package ui

import (
	"image"
	"image/color"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest/testfile"
)

// The real-window screenshots in assets/screenshots (every view at three
// screen sizes in both themes, made by `make screenshots`) are sampled
// where the window draws plain text on its own background: the menu bar
// and the status line. In each band the text's ink (the colour that
// stands out most from the band's background, over more than a few
// pixels) must meet WCAG AA, 4.5:1, against that background.
func TestScreenshotsTextContrast(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "assets", "screenshots", "app-*-*-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^app-[a-z]+-(1024|1440|1920)-(light|dark)\.png$`)
	n := 0
	for _, f := range files {
		if !name.MatchString(filepath.Base(f)) {
			continue
		}
		n++
		img := testfile.PNG(t, f)
		win := windowBounds(img)
		if win.Dx() < 800 || win.Dy() < 500 {
			t.Errorf("%s: the window is %v, too small to be the app's", f, win)
			continue
		}
		for _, band := range []struct {
			what string
			r    image.Rectangle
		}{
			{"menu bar", image.Rect(win.Min.X, win.Min.Y+3, win.Min.X+win.Dx()/2, win.Min.Y+25)},
			{"status line", image.Rect(win.Min.X, win.Max.Y-30, win.Max.X, win.Max.Y-6)},
		} {
			bg, ink, ratio := bandContrast(img, band.r)
			t.Logf("%s, %s: %.1f:1", filepath.Base(f), band.what, ratio)
			if ratio < 4.5 {
				t.Errorf("%s, %s: text %v on %v is %.2f:1, below 4.5:1", filepath.Base(f), band.what, ink, bg, ratio)
			}
		}
	}
	if n < 48 {
		t.Fatalf("%d of the 48 screenshots (8 views, 3 sizes, 2 themes) found: run make screenshots", n)
	}
}

// windowBounds is the part of a screenshot the window covers: the
// bounding box of what is not the pure black of Xvfb's empty screen.
func windowBounds(img image.Image) image.Rectangle {
	b := img.Bounds()
	r := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); c.R|c.G|c.B != 0 {
				r = r.Union(image.Rect(x, y, x+2, y+2))
			}
		}
	}
	return r.Intersect(b)
}

// bandContrast returns a band's background (its most common colour), its
// ink (of the colours covering at least 4 pixels, the one of highest
// contrast with the background) and their contrast ratio.
func bandContrast(img image.Image, r image.Rectangle) (bg, ink color.RGBA, ratio float64) {
	counts := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	for c, k := range counts {
		if k > counts[bg] {
			bg = c
		}
	}
	ratio = 1
	for c, k := range counts {
		if k < 4 {
			continue
		}
		if q := contrast(c, bg); q > ratio {
			ink, ratio = c, q
		}
	}
	return bg, ink, ratio
}

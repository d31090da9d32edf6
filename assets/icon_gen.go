//go:build ignore

// icon_gen draws Option Space's application icon, assets/icon.png (1024x1024):
// a rounded tile holding a small option-space map: the option value as a share
// of S (C/S) shaded across value-to-cost (right) and cumulative volatility
// (down), the NPVq = 1 line, and three initiatives as bubbles in the colours
// of "invest now", "maybe later" and "never".
//
// Run from the repository root: go run assets/icon_gen.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"

	"golang.org/x/image/vector"
)

const size = 1024

func main() {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	// Tile: rounded square mask.
	tile := vector.NewRasterizer(size, size)
	roundRect(tile, 40, 40, size-40, size-40, 190)
	bg := image.NewRGBA(img.Bounds())
	// Background: C/S heat map over the plot area, navy outside.
	var x0, y0, x1, y1 float32 = 150, 150, 900, 880
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			c := color.RGBA{20, 33, 61, 255}
			if float32(px) >= x0 && float32(px) <= x1 && float32(py) >= y0 && float32(py) <= y1 {
				// NPVq from 0.3 to 3 on a log scale, cumvol 0 to 1.2 downward.
				u := (float64(px) - float64(x0)) / float64(x1-x0)
				v := (float64(py) - float64(y0)) / float64(y1-y0)
				npvq := 0.3 * math.Pow(10, u)
				cv := 1.2 * v
				cs := callShare(npvq, cv)
				c = mix(color.RGBA{28, 52, 92, 255}, color.RGBA{46, 176, 160, 255}, math.Pow(cs, 0.8))
			}
			bg.SetRGBA(px, py, c)
		}
	}
	tile.Draw(img, img.Bounds(), bg, image.Point{})

	// NPVq = 1 line (u = 1/ln(10)*ln(1/0.3)).
	u1 := float32(math.Log10(1/0.3)) * (x1 - x0)
	line := vector.NewRasterizer(size, size)
	rect(line, x0+u1-7, y0, x0+u1+7, y1)
	fill(img, line, color.RGBA{240, 244, 250, 255})
	// Axes: top edge (cumvol = 0) and left edge.
	axes := vector.NewRasterizer(size, size)
	rect(axes, x0-10, y0-10, x1, y0+8)
	rect(axes, x0-10, y0-10, x0+8, y1)
	fill(img, axes, color.RGBA{240, 244, 250, 255})
	// Arrow heads: right along the top, down along the left.
	heads := vector.NewRasterizer(size, size)
	heads.MoveTo(x1+50, y0-1)
	heads.LineTo(x1-5, y0-38)
	heads.LineTo(x1-5, y0+36)
	heads.ClosePath()
	heads.MoveTo(x0-1, y1+50)
	heads.LineTo(x0-38, y1-5)
	heads.LineTo(x0+36, y1-5)
	heads.ClosePath()
	fill(img, heads, color.RGBA{240, 244, 250, 255})

	// Initiatives: invest now (upper right), maybe later (lower left of the line), never (upper left).
	bubble(img, 740, 300, 92, color.RGBA{76, 187, 94, 255})
	bubble(img, 400, 650, 70, color.RGBA{255, 179, 64, 255})
	bubble(img, 300, 300, 48, color.RGBA{226, 87, 76, 255})

	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
}

func callShare(npvq, cv float64) float64 {
	if cv < 1e-9 {
		return math.Max(0, 1-1/npvq)
	}
	d1 := math.Log(npvq)/cv + cv/2
	d2 := d1 - cv
	n := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	return n(d1) - n(d2)/npvq
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}

func roundRect(z *vector.Rasterizer, x0, y0, x1, y1, r float32) {
	z.MoveTo(x0+r, y0)
	z.LineTo(x1-r, y0)
	z.QuadTo(x1, y0, x1, y0+r)
	z.LineTo(x1, y1-r)
	z.QuadTo(x1, y1, x1-r, y1)
	z.LineTo(x0+r, y1)
	z.QuadTo(x0, y1, x0, y1-r)
	z.LineTo(x0, y0+r)
	z.QuadTo(x0, y0, x0+r, y0)
	z.ClosePath()
}

func rect(z *vector.Rasterizer, x0, y0, x1, y1 float32) {
	z.MoveTo(x0, y0)
	z.LineTo(x1, y0)
	z.LineTo(x1, y1)
	z.LineTo(x0, y1)
	z.ClosePath()
}

func circle(z *vector.Rasterizer, cx, cy, r float64) {
	const n = 96
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / n
		x, y := float32(cx+r*math.Cos(a)), float32(cy+r*math.Sin(a))
		if i == 0 {
			z.MoveTo(x, y)
		} else {
			z.LineTo(x, y)
		}
	}
	z.ClosePath()
}

func bubble(img *image.RGBA, cx, cy, r float64, c color.RGBA) {
	ring := vector.NewRasterizer(size, size)
	circle(ring, cx, cy, r+10)
	fill(img, ring, color.RGBA{240, 244, 250, 255})
	in := vector.NewRasterizer(size, size)
	circle(in, cx, cy, r)
	fill(img, in, c)
}

func fill(img *image.RGBA, z *vector.Rasterizer, c color.RGBA) {
	z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
}

package chart

import (
	"bytes"
	"image"
	"testing"
)

var sinkImage image.Image

// BenchmarkRenderSpace200 builds and renders the option space map of 200
// initiatives into a 1200x800 image at 96 dpi (the goal: <= 30 ms, so the
// map can follow a slider).
func BenchmarkRenderSpace200(b *testing.B) {
	pts, _, _ := enginePoints(b, 200, 3)
	opt := SpaceOptions{Rate: testRate, ShowDrift: true}
	for i := range pts {
		pts[i].Drift = []Point{{pts[i].NPVq * 0.97, pts[i].CumVol * 0.9}, {pts[i].NPVq * 0.94, pts[i].CumVol * 0.8}}
	}
	benchRenderSpace(b, pts, opt)
}

// BenchmarkRenderSpace200PNG is BenchmarkRenderSpace200 plus PNG encoding.
func BenchmarkRenderSpace200PNG(b *testing.B) {
	pts, _, _ := enginePoints(b, 200, 3)
	opt := SpaceOptions{Rate: testRate}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		p, err := Space(pts, opt, LightStyle())
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := WriteTo(&buf, PNG, p, 1200, 800); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSpace5000 builds and renders the option space map of
// 5,000 initiatives at distinct positions into a 1200x800 image at 96 dpi
// (the chart's part of `optionspace-cli chart space` of 5,000 initiatives,
// whose goal is <= 2 s as a whole).
func BenchmarkRenderSpace5000(b *testing.B) {
	pts, _, _ := enginePoints(b, 5000, 3)
	opt := SpaceOptions{Rate: testRate}
	benchRenderSpace(b, pts, opt)
}

// benchRenderSpace times building the map of pts and rendering it into a
// 1200x800 image at 96 dpi.
func benchRenderSpace(b *testing.B, pts []SpacePoint, opt SpaceOptions) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		p, err := Space(pts, opt, LightStyle())
		if err != nil {
			b.Fatal(err)
		}
		img, err := Render(p, 1200, 800, 96)
		if err != nil {
			b.Fatal(err)
		}
		sinkImage = img
	}
}

package chart

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// regen rewrites the golden images (like gonum/plot's cmpimg -regen).
var regen = flag.Bool("regen", false, "regenerate the golden images in testdata/")

// Golden comparison tolerance: a pixel differs when a channel moves by
// more than goldenChannel; a chart fails when more than goldenShare of
// its pixels differ (font anti-aliasing may move a few edge pixels on
// another machine of the same kind, a moved line or bar moves thousands).
const (
	goldenChannel = 48
	goldenShare   = 0.004
)

// checkGolden compares img with testdata/<name>_golden.png.
func checkGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name+"_golden.png")
	if *regen {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test -regen to create it)", name, err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	n, diff := pixelDiff(img, want, goldenChannel)
	if share := float64(diff) / float64(n); share > goldenShare {
		out := filepath.Join(t.TempDir(), name+".png")
		if fo, err := os.Create(out); err == nil {
			_ = png.Encode(fo, img)
			fo.Close()
		}
		t.Errorf("%s: %d of %d pixels (%.2f%%) differ from the golden image; got %s", name, diff, n, 100*share, out)
	}
}

// pixelDiff counts the pixels of a and b whose colours differ by more than
// tol (0-255) in some channel.
func pixelDiff(a, b image.Image, tol int) (n, diff int) {
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, aa := a.At(x, y).RGBA()
			br, bg, bb, ba := b.At(x, y).RGBA()
			n++
			for _, d := range []int{int(ar>>8) - int(br>>8), int(ag>>8) - int(bg>>8), int(ab>>8) - int(bb>>8), int(aa>>8) - int(ba>>8)} {
				if d > tol || d < -tol {
					diff++
					break
				}
			}
		}
	}
	return n, diff
}

// TestGolden renders one chart of each kind from fixed data (and a
// dark 60-initiative map) and compares them with the goldens.
func TestGolden(t *testing.T) {
	charts := goldenCharts(t, LightStyle())
	names := make([]string, 0, len(charts))
	for n := range charts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		img, err := Render(charts[n], 720, 480, 72)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, n, img)
	}
	big, _, _ := enginePoints(t, 60, 1)
	p, err := Space(big, SpaceOptions{Rate: testRate, ColorBy: ByTag, Tags: []string{"community", "analytics", "action", "integration"}}, DarkStyle())
	if err != nil {
		t.Fatal(err)
	}
	img, err := Render(p, 720, 480, 72)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "space60-dark", img)
}

// TestPixelDiffDetects makes sure the golden comparison can fail: moving a
// bar of the layers chart must exceed the tolerance.
func TestPixelDiffDetects(t *testing.T) {
	in := LayersInput{Rows: []LayerRow{{Tag: "a", Investment: 100, OptionValue: 30}, {Tag: "b", Investment: 50, OptionValue: 20}}}
	p1, err := Layers(in, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	in.Rows[1].Investment = 80
	p2, err := Layers(in, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Render(p1, 400, 300, 72)
	b, _ := Render(p2, 400, 300, 72)
	n, d := pixelDiff(a, b, goldenChannel)
	if float64(d)/float64(n) <= goldenShare {
		t.Errorf("a changed bar moved only %d of %d pixels: the golden tolerance is too loose", d, n)
	}
	if _, d := pixelDiff(a, a, 0); d != 0 {
		t.Errorf("an image differs from itself in %d pixels", d)
	}
}

package chart

import (
	"image"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// TestSpaceCacheSamePixels checks that RenderSpace, which draws the map's
// static part from a cache (spacecache.go), gives exactly the pixels of
// drawing the whole map (Render, the uncached path): on a first render (the
// static part drawn and kept), on a second (taken from the cache) and after
// the bubbles moved (the same static part under other bubbles), for light
// and dark maps, drift and trails, a zoomed window, a small map (its own
// layout), dimmed bubbles and a map coloured by tag (never cached).
func TestSpaceCacheSamePixels(t *testing.T) {
	pts, _, _ := enginePoints(t, 120, 5)
	for i := range pts {
		pts[i].Drift = []Point{{pts[i].NPVq * 0.97, pts[i].CumVol * 0.9}}
		pts[i].Trail = []Point{{pts[i].NPVq * 1.05, pts[i].CumVol * 1.1}}
		pts[i].Dim = i%7 == 3
	}
	moved := append([]SpacePoint(nil), pts...)
	for i := range moved {
		if i%4 == 0 {
			moved[i].NPVq *= 1.03
			moved[i].CumVol *= 0.98
		}
	}
	cases := []struct {
		name  string
		opt   SpaceOptions
		st    Style
		w, h  int
		dpi   float64
		cache bool
	}{
		{"light", SpaceOptions{Rate: testRate}, LightStyle(), 900, 700, 96, true},
		{"dark-drift-trails", SpaceOptions{Rate: testRate, ShowDrift: true, ShowTrails: true}, DarkStyle(), 900, 700, 96, true},
		{"zoom", SpaceOptions{Rate: testRate, Window: SpaceWindow{XMin: 0.6, XMax: 1.6, YMin: 0.2, YMax: 0.8}}, LightStyle(), 800, 600, 144, true},
		{"small", SpaceOptions{Rate: testRate}, LightStyle(), 300, 200, 96, true},
		{"by-tag", SpaceOptions{Rate: testRate, ColorBy: ByTag}, LightStyle(), 900, 700, 96, false},
	}
	for _, tc := range cases {
		for k, ps := range [][]SpacePoint{pts, pts, moved} {
			p, err := Space(ps, tc.opt, tc.st)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Render(p, tc.w, tc.h, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			p, _ = Space(ps, tc.opt, tc.st)
			l := layerOf(p)
			if l.cacheable() != tc.cache {
				t.Fatalf("%s: cacheable %v, want %v", tc.name, l.cacheable(), tc.cache)
			}
			spaceBaseMu.Lock()
			before := len(spaceBaseCache)
			spaceBaseMu.Unlock()
			got, _, _, err := RenderSpace(p, ps, tc.w, tc.h, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			if k == 0 && tc.cache {
				spaceBaseMu.Lock()
				n := len(spaceBaseCache)
				spaceBaseMu.Unlock()
				if n <= before && n < spaceBaseCacheSize {
					t.Errorf("%s: the first render kept no static part (%d entries, %d before)", tc.name, n, before)
				}
			}
			if _, d := pixelDiff(got, want, 0); d != 0 {
				t.Errorf("%s, render %d: %d pixels differ from the uncached map", tc.name, k+1, d)
			}
		}
	}
}

// TestSpaceCacheKeySeesChanges checks that what the static part is drawn
// from changes its key: another size, style, title, window or rate.
func TestSpaceCacheKeySeesChanges(t *testing.T) {
	pts, _, _ := enginePoints(t, 30, 2)
	key := func(opt SpaceOptions, st Style, w, h int) spaceBaseKey {
		p, err := Space(pts, opt, st)
		if err != nil {
			t.Fatal(err)
		}
		c := plotCanvas(p, w, h, 96)
		dc := draw.New(c)
		FitTo(p, dc)
		return baseKey(p, layerOf(p), c.Image().(*image.RGBA), 96)
	}
	base := key(SpaceOptions{Rate: testRate}, LightStyle(), 900, 700)
	if again := key(SpaceOptions{Rate: testRate}, LightStyle(), 900, 700); again != base {
		t.Fatalf("the same map has two keys:\n%+v\n%+v", base, again)
	}
	for name, k := range map[string]spaceBaseKey{
		"size":   key(SpaceOptions{Rate: testRate}, LightStyle(), 901, 700),
		"style":  key(SpaceOptions{Rate: testRate}, DarkStyle(), 900, 700),
		"title":  key(SpaceOptions{Rate: testRate, Title: "Other"}, LightStyle(), 900, 700),
		"window": key(SpaceOptions{Rate: testRate, Window: SpaceWindow{XMin: 0.5, XMax: 2, YMin: 0, YMax: 0.8}}, LightStyle(), 900, 700),
		"rate":   key(SpaceOptions{Rate: 0.01}, LightStyle(), 900, 700),
	} {
		if k == base {
			t.Errorf("a map of another %s has the same static part key", name)
		}
	}
}

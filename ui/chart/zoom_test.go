package chart

import (
	"bytes"
	"image"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func near(a, b, rel float64) bool { return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b)) }

// logFrac returns where x lies in [lo, hi] on a log scale.
func logFrac(x, lo, hi float64) float64 {
	return (math.Log(x) - math.Log(lo)) / (math.Log(hi) - math.Log(lo))
}

// Zooming keeps the data point under the pointer at the same place,
// scales both directions by the factor, stays inside the full window and
// returns to the zero window (the full map) when zoomed out past it.
func TestSpaceWindowZoomAround(t *testing.T) {
	full := SpaceWindow{XMin: 0.3, XMax: 3, YMin: 0, YMax: 1.2}
	for _, c := range []struct{ u, v, k float64 }{{0.5, 0.5, 0.5}, {0.25, 0.75, 0.8}, {0.9, 0.1, 0.3}, {0, 0, 0.5}, {1, 1, 0.5}} {
		ptX := math.Exp(math.Log(full.XMin) + c.u*(math.Log(full.XMax)-math.Log(full.XMin)))
		ptY := full.YMin + c.v*(full.YMax-full.YMin)
		z := SpaceWindow{}.ZoomAround(c.u, c.v, c.k, full)
		if z.IsZero() {
			t.Fatalf("%+v: zoom in gave the full map", c)
		}
		if z.XMin < full.XMin*(1-1e-12) || z.XMax > full.XMax*(1+1e-12) || z.YMin < -1e-12 || z.YMax > full.YMax+1e-12 {
			t.Fatalf("%+v: window %+v outside the full %+v", c, z, full)
		}
		if got := logFrac(ptX, z.XMin, z.XMax); !near(got, c.u, 1e-9) && math.Abs(got-c.u) > 1e-9 {
			t.Errorf("%+v: the point under the pointer moved across to %g", c, got)
		}
		if got := (ptY - z.YMin) / (z.YMax - z.YMin); math.Abs(got-c.v) > 1e-9 {
			t.Errorf("%+v: the point under the pointer moved down to %g", c, got)
		}
		if got := (math.Log(z.XMax) - math.Log(z.XMin)) / (math.Log(full.XMax) - math.Log(full.XMin)); !near(got, c.k, 1e-9) {
			t.Errorf("%+v: across span ratio %g", c, got)
		}
		if got := (z.YMax - z.YMin) / (full.YMax - full.YMin); !near(got, c.k, 1e-9) {
			t.Errorf("%+v: down span ratio %g", c, got)
		}
		if back := z.ZoomAround(c.u, c.v, 1/c.k, full); !back.IsZero() {
			t.Errorf("%+v: zooming back out gave %+v, not the full map", c, back)
		}
	}
	// Far in: at most maxZoom.
	z := SpaceWindow{}.ZoomAround(0.5, 0.5, 1e-9, full)
	if got := (full.YMax - full.YMin) / (z.YMax - z.YMin); !near(got, maxZoom, 1e-9) {
		t.Errorf("deepest zoom %g, want %d", got, maxZoom)
	}
	// Out from a corner window: shifted inside, not past the edge.
	w := SpaceWindow{XMin: 0.3, XMax: 0.6, YMin: 0, YMax: 0.3}
	z = w.ZoomAround(0, 0, 2, full)
	if z.XMin < full.XMin || z.YMin < full.YMin || !near(z.XMax, 1.2, 1e-9) || !near(z.YMax, 0.6, 1e-9) {
		t.Errorf("zoom out of a corner: %+v", z)
	}
}

// Panning moves the window by the fractions dragged, keeps its size, stops
// at the full window's edges, and leaves the full map alone.
func TestSpaceWindowPan(t *testing.T) {
	full := SpaceWindow{XMin: 0.3, XMax: 3, YMin: 0, YMax: 1.2}
	w := SpaceWindow{XMin: 0.8, XMax: 1.6, YMin: 0.4, YMax: 0.8}
	p := w.Pan(0.25, -0.5, full)
	// Dragged right by a quarter: the window starts a quarter further left.
	if want := math.Exp(math.Log(0.8) - 0.25*math.Log(2)); !near(p.XMin, want, 1e-12) || !near(p.XMax, 2*want, 1e-12) {
		t.Errorf("pan across: %+v, want from %g", p, want)
	}
	// Dragged up by half: the window goes half down.
	if !near(p.YMin, 0.6, 1e-12) || !near(p.YMax, 1.0, 1e-12) {
		t.Errorf("pan down: %+v", p)
	}
	p = w.Pan(-10, 10, full)
	if !near(p.XMax, full.XMax, 1e-12) || !near(p.XMin, full.XMax/2, 1e-12) || p.YMin != 0 || !near(p.YMax, 0.4, 1e-12) {
		t.Errorf("pan past the edges: %+v", p)
	}
	if p := (SpaceWindow{}).Pan(0.3, 0.3, full); !p.IsZero() {
		t.Errorf("the full map panned to %+v", p)
	}
}

// A zoomed map draws its window: the axes span it, exactly the bubbles
// inside it have hits, each hit maps back to its point through the frame
// and through the plot's own transforms, and the same state draws the
// same picture.
func TestSpaceZoomedRender(t *testing.T) {
	pts, _, _ := enginePoints(t, 300, 3)
	full, err := SpaceExtent(pts, SpaceOptions{Rate: testRate})
	if err != nil {
		t.Fatal(err)
	}
	win := SpaceWindow{XMin: 0.8, XMax: 1.3, YMin: 0.3, YMax: 0.7}
	opt := SpaceOptions{Rate: testRate, Window: win}
	p, err := Space(pts, opt, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	const w, h, dpi = 1000, 700, 96
	img, hits, f, err := RenderSpace(p, pts, w, h, dpi)
	if err != nil {
		t.Fatal(err)
	}
	if f.View != win || f.Full != full || p.X.Min != win.XMin || p.X.Max != win.XMax || p.Y.Min != win.YMin || p.Y.Max != win.YMax {
		t.Fatalf("frame %+v, axes [%g %g]x[%g %g], want window %+v of %+v", f, p.X.Min, p.X.Max, p.Y.Min, p.Y.Max, win, full)
	}
	inside := map[string]bool{}
	for _, pt := range pts {
		if win.Contains(pt.NPVq, pt.CumVol) {
			inside[pt.ID] = true
		}
	}
	if len(inside) < 10 || len(inside) > 200 {
		t.Fatalf("%d of %d points in the window: the test needs a window with some", len(inside), len(pts))
	}
	if len(hits) != len(inside) {
		t.Fatalf("%d hits, %d points in the window", len(hits), len(inside))
	}
	byID := map[string]SpacePoint{}
	for _, pt := range pts {
		byID[pt.ID] = pt
	}
	for _, hit := range hits {
		pt := byID[hit.ID]
		if !inside[hit.ID] {
			t.Fatalf("hit for %s outside the window", hit.ID)
		}
		q, v, ok := f.DataAt(hit.X, hit.Y)
		if !ok || !near(q, pt.NPVq, 1e-6) || math.Abs(v-pt.CumVol) > 1e-6 {
			t.Errorf("%s: frame maps its hit to (%g, %g, %v), want (%g, %g)", pt.Name, q, v, ok, pt.NPVq, pt.CumVol)
		}
		q, v, ok = SpaceDataAt(p, w, h, dpi, hit.X, hit.Y)
		if !ok || !near(q, pt.NPVq, 1e-6) || math.Abs(v-pt.CumVol) > 1e-6 {
			t.Errorf("%s: the plot maps its hit to (%g, %g, %v), want (%g, %g)", pt.Name, q, v, ok, pt.NPVq, pt.CumVol)
		}
		if x, y := f.PixelOf(pt.NPVq, pt.CumVol); math.Abs(x-hit.X) > 1e-6 || math.Abs(y-hit.Y) > 1e-6 {
			t.Errorf("%s: PixelOf (%g, %g), hit (%g, %g)", pt.Name, x, y, hit.X, hit.Y)
		}
	}
	checkZoomedAxis(t, p.X.Tick.Marker, win)
	checkSamePicture(t, pts, opt, img)
	// A window outside the map draws the full map; a broken one is refused.
	p3, err := Space(pts, SpaceOptions{Rate: testRate, Window: SpaceWindow{XMin: 40, XMax: 45, YMin: 3, YMax: 4}}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if _, hits, f, _ := RenderSpace(p3, pts, w, h, dpi); len(hits) != len(pts) || f.View != full {
		t.Errorf("window outside the map: %d hits, view %+v", len(hits), f.View)
	}
	if _, err := Space(pts, SpaceOptions{Rate: testRate, Window: SpaceWindow{XMin: 2, XMax: 1, YMin: 0, YMax: 1}}, LightStyle()); err == nil {
		t.Error("an inverted window was accepted")
	}
}

// checkZoomedAxis checks that the NPVq axis of window win is labelled
// inside it at least twice, and a narrow window too.
func checkZoomedAxis(t *testing.T, m plot.Ticker, win SpaceWindow) {
	t.Helper()
	// The axis is labelled inside the window, at least twice.
	n := 0
	for _, tk := range m.Ticks(win.XMin, win.XMax) {
		if tk.Label != "" {
			n++
			if tk.Value < win.XMin || tk.Value > win.XMax {
				t.Errorf("tick %q at %g outside the window", tk.Label, tk.Value)
			}
		}
	}
	if n < 2 {
		t.Errorf("%d labelled NPVq ticks in the window", n)
	}
	// A narrow window gets evenly spaced labels.
	n = 0
	for _, tk := range m.Ticks(1.05, 1.12) {
		if tk.Label != "" {
			n++
		}
	}
	if n < 2 {
		t.Errorf("%d labelled NPVq ticks in [1.05, 1.12]", n)
	}
}

// checkSamePicture checks that the map of pts with opt draws img again.
func checkSamePicture(t *testing.T, pts []SpacePoint, opt SpaceOptions, img image.Image) {
	t.Helper()
	p2, err := Space(pts, opt, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	img2, _, _, err := RenderSpace(p2, pts, b.Dx(), b.Dy(), 96)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(img.(*image.RGBA).Pix, img2.(*image.RGBA).Pix) {
		t.Error("two renders of the same zoomed map differ")
	}
}

// In a zoomed map the labels are placed for the bubbles in the window:
// each label sits with its own bubble (nearer it than any other drawn
// bubble, or joined by a leader line), no label covers another bubble,
// and zooming in names bubbles the full map could only number.
func TestSpaceZoomRelabels(t *testing.T) {
	pts, _, _ := enginePoints(t, 300, 3)
	type layout struct {
		ids     []string
		circles []circle
		places  []labelPlacement
	}
	draw := func(win SpaceWindow) (layout, []Hit, SpaceFrame) {
		p, err := Space(pts, SpaceOptions{Rate: testRate, Window: win}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		var lay layout
		layerOf(p).placed = func(ids []string, circles []circle, places []labelPlacement) {
			lay = layout{ids, circles, places}
		}
		_, hits, f, err := RenderSpace(p, pts, 1000, 700, 96)
		if err != nil {
			t.Fatal(err)
		}
		return lay, hits, f
	}
	fullLay, _, _ := draw(SpaceWindow{})
	win := SpaceWindow{XMin: 0.8, XMax: 1.3, YMin: 0.3, YMax: 0.7}
	lay, hits, f := draw(win)
	if len(lay.ids) != len(hits) {
		t.Fatalf("%d bubbles placed, %d hits", len(lay.ids), len(hits))
	}
	hitOf := map[string]Hit{}
	for _, h := range hits {
		hitOf[h.ID] = h
	}
	s := float64(96) / float64(vg.Inch)
	lp := newLabelPlacer(vg.Rectangle{Min: vg.Point{X: -1e6, Y: -1e6}, Max: vg.Point{X: 1e6, Y: 1e6}}, nil, lay.circles)
	named := map[string]bool{}
	for k, pl := range lay.places {
		id := lay.ids[pl.I]
		// The circle the label belongs to is the bubble drawn for id.
		c, h := lay.circles[pl.I], hitOf[id]
		if math.Abs(float64(c.ctr.X)*s-h.X) > 1e-6 || math.Abs(700-float64(c.ctr.Y)*s-h.Y) > 1e-6 {
			t.Fatalf("label of %s placed for a circle at (%g, %g), its bubble is at (%g, %g)", id, float64(c.ctr.X)*s, 700-float64(c.ctr.Y)*s, h.X, h.Y)
		}
		if pl.Number > 0 {
			continue
		}
		named[id] = true
		if !pl.Leader && lp.nearestCircle(pl.Rect) != pl.I {
			t.Errorf("label of %s sits nearer %s without a leader", id, lay.ids[lp.nearestCircle(pl.Rect)])
		}
		for j, other := range lay.circles {
			if j != pl.I && circleHitsRect(other, pl.Rect) {
				t.Errorf("label of %s covers %s", id, lay.ids[j])
			}
		}
		for _, o := range lay.places[:k] {
			if o.Number == 0 && overlaps(o.Rect, pl.Rect) {
				t.Errorf("labels of %s and %s overlap", lay.ids[o.I], id)
			}
		}
		// Inside the data area.
		x0, y1 := float64(pl.Rect.Min.X)*s, 700-float64(pl.Rect.Min.Y)*s
		x1, y0 := float64(pl.Rect.Max.X)*s, 700-float64(pl.Rect.Max.Y)*s
		if x0 < f.X0-0.5 || x1 > f.X1+0.5 || y0 < f.Y0-0.5 || y1 > f.Y1+0.5 {
			t.Errorf("label of %s at [%g %g]x[%g %g] outside the data area %+v", id, x0, x1, y0, y1, f)
		}
	}
	// Zooming in names bubbles that the full map numbers or leaves out.
	gained := 0
	fullNamed := map[string]bool{}
	for _, pl := range fullLay.places {
		if pl.Number == 0 {
			fullNamed[fullLay.ids[pl.I]] = true
		}
	}
	for id := range named {
		if !fullNamed[id] {
			gained++
		}
	}
	if gained < 5 {
		t.Errorf("zooming in named %d more bubbles (%d named in the window)", gained, len(named))
	}
}

// The caption under the map (the axis title and the note on the dashed
// and dotted curves) wraps to lines that fit inside the image at every
// width, narrow ones included.
func TestSpaceCaptionWrapsAtEverySize(t *testing.T) {
	pts := scrmPoints(t)
	for _, w := range []int{240, 320, 400, 480, 640, 800, 1024, 1280, 1600, 2400} {
		for _, dpi := range []float64{96, 192} {
			h := w * 2 / 3
			px := int(float64(w) * dpi / 96)
			py := int(float64(h) * dpi / 96)
			p, err := Space(pts, SpaceOptions{Rate: testRate}, LightStyle())
			if err != nil {
				t.Fatal(err)
			}
			_, _, f, err := RenderSpace(p, pts, px, py, dpi)
			if err != nil {
				t.Fatal(err)
			}
			sty := p.X.Label.TextStyle
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
			s := dpi / float64(vg.Inch)
			mid := (f.X0 + f.X1) / 2
			lines := strings.Split(p.X.Label.Text, "\n")
			for _, line := range lines {
				lw := float64(sty.Rectangle(line).Size().X) * s
				if mid-lw/2 < 0 || mid+lw/2 > float64(px) {
					t.Errorf("%dx%d at %g dpi: caption line %q (%.0f px wide, centred at %.0f) leaves the image", w, h, dpi, line, lw, mid)
				}
			}
			if w >= 640 && !strings.Contains(p.X.Label.Text, "NPV = 0") {
				t.Errorf("%dx%d: the caption lost its note: %q", w, h, p.X.Label.Text)
			}
		}
	}
}

// A zoomed map cuts a bubble at its window's edge: nothing of it is drawn
// outside the data area (over the axes or off the window).
func TestSpaceZoomCutsBubblesAtTheEdge(t *testing.T) {
	pts, _, _ := enginePoints(t, 60, 1)
	win := SpaceWindow{XMin: 0.7, XMax: 1.4, YMin: 0.2, YMax: 0.8}
	big := 0
	for i := range pts {
		if pts[i].X > pts[big].X {
			big = i
		}
	}
	render := func(q, v float64) (image.Image, SpaceFrame) {
		ps := append([]SpacePoint(nil), pts...)
		ps[big].NPVq, ps[big].CumVol = q, v
		p, err := Space(ps, SpaceOptions{Rate: testRate, Window: win}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		img, _, f, err := RenderSpace(p, ps, 900, 600, 96)
		if err != nil {
			t.Fatal(err)
		}
		return img, f
	}
	// The largest bubble just inside the top right corner, then far away.
	at, f := render(win.XMax*0.999, win.YMin+0.001)
	away, _ := render(0.35, 0.05)
	in := image.Rect(int(math.Floor(f.X0)), int(math.Floor(f.Y0)), int(math.Ceil(f.X1)), int(math.Ceil(f.Y1)))
	changedIn, changedOut := 0, 0
	b := at.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := at.At(x, y).RGBA()
			r2, g2, b2, _ := away.At(x, y).RGBA()
			if r1 == r2 && g1 == g2 && b1 == b2 {
				continue
			}
			if (image.Point{X: x, Y: y}).In(in) {
				changedIn++
			} else {
				changedOut++
			}
		}
	}
	if changedIn < 100 {
		t.Fatalf("the bubble at the corner changed %d pixels of the data area", changedIn)
	}
	if changedOut > 0 {
		t.Errorf("the bubble at the corner drew %d pixels outside the data area %v", changedOut, in)
	}
}

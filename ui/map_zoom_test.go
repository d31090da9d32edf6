package ui

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
)

// checkLit fails t unless exactly the points lit says stay lit are not
// dim (what names the filter in the message), and returns how many are lit.
func checkLit(t *testing.T, what string, pts []chart.SpacePoint, lit func(chart.SpacePoint) bool) int {
	t.Helper()
	n := 0
	for _, p := range pts {
		if p.Dim == lit(p) {
			t.Fatalf("%s: %q (layer %q, region %d) dim %v", what, p.Name, p.Tag, p.Region, p.Dim)
		}
		if !p.Dim {
			n++
		}
	}
	return n
}

// mentions reports whether p's name or layer contains word (lower case),
// as the list's search matches.
func mentions(word string) func(chart.SpacePoint) bool {
	return func(p chart.SpacePoint) bool {
		return strings.Contains(strings.ToLower(p.Name), word) || strings.Contains(strings.ToLower(p.Tag), word)
	}
}

// everyPoint stays lit where nothing filters.
func everyPoint(chart.SpacePoint) bool { return true }

// renderMap renders the map synchronously at the map area's size (one
// pixel per unit) and returns the frame and hits of the image shown.
func renderMap(t *testing.T, sv *spaceView) (chart.SpaceFrame, []chart.Hit) {
	t.Helper()
	sz := sv.area.Size()
	if sz.Width < 100 || sz.Height < 100 {
		t.Fatalf("map area %v: too small to test", sz)
	}
	if _, _, err := sv.pane.renderNow(int(sz.Width), int(sz.Height)); err != nil {
		t.Fatal(err)
	}
	f, sx, sy, ok := sv.shownFrame()
	if !ok || sx != 1 || sy != 1 {
		t.Fatalf("no frame for the image shown (%v, scale %g x %g)", ok, sx, sy)
	}
	hits, _, _ := sv.pane.hitsAndScale()
	return f, hits
}

// settleMap renders the map until a zoom has settled (settleZoom pans
// once after the zoomed image shows) and returns the last frame and hits.
func settleMap(t *testing.T, sv *spaceView) (chart.SpaceFrame, []chart.Hit) {
	t.Helper()
	for range 4 {
		before := sv.window
		f, hits := renderMap(t, sv)
		want := sv.window
		if want.IsZero() {
			want = f.Full
		}
		if sv.window == before && f.View == want {
			return f, hits
		}
	}
	t.Fatalf("the zoom did not settle: window %+v", sv.window)
	return chart.SpaceFrame{}, nil
}

// mapOrigin returns the map area's absolute position on the canvas.
func mapOrigin(sv *spaceView) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(sv.area)
}

func logSpan(w chart.SpaceWindow) float64 { return math.Log(w.XMax) - math.Log(w.XMin) }

// The wheel zooms in around the pointer (the data point under it stays
// under it, the visible ranges shrink), a drag pans (the point follows the
// pointer), a click on a bubble while zoomed selects that bubble, and Reset
// zoom, Ctrl+0 and a double click show the whole map again.
func TestMapZoomPanResetAndClick(t *testing.T) {
	win, ses := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	c := win.win.Canvas()
	f, hits := renderMap(t, sv)
	if !f.View.IsZero() && f.View != f.Full {
		t.Fatalf("the map starts zoomed: %+v", f)
	}
	nAll := len(hits)
	if !sv.resetBtn.Disabled() {
		t.Error("Reset zoom is enabled on the full map")
	}

	// Scroll up two notches at a point in the lower left of the data area.
	at := fyne.NewPos(float32(f.X0+0.3*(f.X1-f.X0)), float32(f.Y0+0.6*(f.Y1-f.Y0)))
	q, v, ok := f.DataAt(float64(at.X), float64(at.Y))
	if !ok {
		t.Fatal("the scroll point is outside the data area")
	}
	abs := mapOrigin(sv).Add(at)
	test.MoveMouse(c, abs)
	test.Scroll(c, abs, 0, 50)
	if sv.window.IsZero() {
		t.Fatal("scrolling did not zoom")
	}
	z, _ := settleMap(t, sv)
	if z.View != sv.window {
		t.Fatalf("drawn window %+v, asked for %+v", z.View, sv.window)
	}
	wantK := zoomStep * zoomStep
	if k := logSpan(z.View) / logSpan(f.Full); math.Abs(k-wantK) > 1e-9 {
		t.Errorf("across: %g of the full range, want %g", k, wantK)
	}
	if k := (z.View.YMax - z.View.YMin) / (f.Full.YMax - f.Full.YMin); math.Abs(k-wantK) > 1e-9 {
		t.Errorf("down: %g of the full range, want %g", k, wantK)
	}
	// It stays under the pointer (once settled: the tick labels' width can
	// move the data area's edge).
	if x, y := z.PixelOf(q, v); math.Abs(x-float64(at.X)) > 0.5 || math.Abs(y-float64(at.Y)) > 0.5 {
		t.Errorf("the point under the pointer moved from %v to (%.1f, %.1f)", at, x, y)
	}
	if sv.resetBtn.Disabled() {
		t.Error("Reset zoom is disabled while zoomed")
	}

	// Drag the content right and up: the window moves the other way and
	// the point under the pointer follows it.
	before := sv.window
	test.Drag(c, abs, 80, -40)
	if sv.window == before {
		t.Fatal("dragging did not pan")
	}
	p, hits := settleMap(t, sv)
	if k := logSpan(p.View) / logSpan(before); math.Abs(k-1) > 1e-9 {
		t.Errorf("panning changed the zoom by %g", k)
	}
	// The point moved with the pointer: 80 right and 40 up, measured on
	// the data area the drag started on.
	ub, vb, _ := z.Fractions(z.PixelOf(q, v))
	ua, va, _ := p.Fractions(p.PixelOf(q, v))
	if du, dv := (ua-ub)*(z.X1-z.X0), (va-vb)*(z.Y1-z.Y0); math.Abs(du-80) > 1e-6 || math.Abs(dv+40) > 1e-6 {
		t.Errorf("after dragging by (80, -40) the point moved by (%.2f, %.2f)", du, dv)
	}
	if len(hits) == 0 || len(hits) >= nAll {
		t.Fatalf("%d bubbles hit in the zoomed map of %d", len(hits), nAll)
	}

	clickZoomedBubble(t, sv, ses, f, hits)
	checkResets(t, win, sv, abs, f, nAll)
}

// clickZoomedBubble clicks a bubble of the zoomed map and checks it is
// selected: the hit test uses the zoomed image's positions (the full map f
// has another bubble or none there).
func clickZoomedBubble(t *testing.T, sv *spaceView, ses *Session, f chart.SpaceFrame, hits []chart.Hit) {
	t.Helper()
	c := sv.w.win.Canvas()
	clicked := false
	for _, h := range hits {
		pos := fyne.NewPos(float32(h.X), float32(h.Y))
		if own := sv.hitAt(pos); own == nil || own.ID != h.ID {
			continue // another bubble lies over it
		}
		if fh := hitIn(f, fullHits(t, sv, ses), pos); fh == h.ID {
			continue
		}
		ses.Select("")
		test.TapCanvas(c, mapOrigin(sv).Add(pos))
		if ses.Selected != h.ID {
			t.Fatalf("clicking the bubble of %s while zoomed selected %q", h.ID, ses.Selected)
		}
		clicked = true
		break
	}
	if !clicked {
		t.Fatal("no bubble of the zoomed map to click")
	}
}

// checkResets checks that Reset zoom, Ctrl+0 and a double click (not two
// slow clicks) show the whole map of nAll bubbles; abs is a point of the
// data area of the full map f on the canvas.
func checkResets(t *testing.T, win *Window, sv *spaceView, abs fyne.Position, f chart.SpaceFrame, nAll int) {
	t.Helper()
	c := win.win.Canvas()

	// Reset zoom, Ctrl+0 and a double click show the whole map.
	test.Tap(sv.resetBtn)
	if !sv.window.IsZero() {
		t.Fatalf("Reset zoom left %+v", sv.window)
	}
	r, hits := renderMap(t, sv)
	if r.View != r.Full || len(hits) != nAll {
		t.Errorf("after Reset zoom: view %+v of %+v, %d of %d bubbles", r.View, r.Full, len(hits), nAll)
	}
	test.Scroll(c, abs, 0, 25)
	if sv.window.IsZero() {
		t.Fatal("scrolling did not zoom again")
	}
	press(win, fyne.Key0, fyne.KeyModifierShortcutDefault)
	if !sv.window.IsZero() {
		t.Fatalf("Ctrl+0 left %+v", sv.window)
	}
	test.Scroll(c, abs, 0, 25)
	renderMap(t, sv)
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	sv.area.now = func() time.Time { return now }
	empty := fyne.NewPos(float32(f.X0+2), float32(f.Y1-2))
	test.TapAt(sv.area, empty)
	if sv.window.IsZero() {
		t.Fatal("a single click reset the zoom")
	}
	now = now.Add(doubleTapTime / 2)
	test.TapAt(sv.area, empty)
	if !sv.window.IsZero() {
		t.Fatalf("a double click left %+v", sv.window)
	}
	// Two clicks far apart in time are two clicks.
	test.Scroll(c, abs, 0, 25)
	test.TapAt(sv.area, empty)
	now = now.Add(2 * doubleTapTime)
	test.TapAt(sv.area, empty)
	if sv.window.IsZero() {
		t.Fatal("two slow clicks reset the zoom")
	}
}

// fullHits returns the hits of the full map at the map area's size,
// rendered apart from the pane.
func fullHits(t *testing.T, sv *spaceView, _ *Session) []chart.Hit {
	t.Helper()
	pts, opt := sv.points()
	opt.Window = chart.SpaceWindow{}
	sz := sv.area.Size()
	_, hits, err := spaceDraw(pts, opt)(int(sz.Width), int(sz.Height), 96, chart.LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// hitIn returns the ID of the bubble of hits under pos, or "".
func hitIn(_ chart.SpaceFrame, hits []chart.Hit, pos fyne.Position) string {
	best, bestD := "", math.Inf(1)
	for _, h := range hits {
		d := math.Hypot(h.X-float64(pos.X), h.Y-float64(pos.Y))
		if d <= math.Max(h.R, 6) && d < bestD {
			best, bestD = h.ID, d
		}
	}
	return best
}

// zoomAtCentre zooms the map by k around the centre of its frame, waits
// for the map to settle and returns the zoomed window.
func zoomAtCentre(t *testing.T, sv *spaceView, k float64) chart.SpaceWindow {
	t.Helper()
	f, _ := renderMap(t, sv)
	sv.zoomAt(fyne.NewPos(float32((f.X0+f.X1)/2), float32((f.Y0+f.Y1)/2)), k)
	settleMap(t, sv)
	zoomed := sv.window
	if zoomed.IsZero() {
		t.Fatal("zoomAt did not zoom")
	}
	return zoomed
}

// The zoom stays while the search, the filter and the options change and
// while other views are shown (for the session); the search and the filter
// still fade the bubbles they leave out.
func TestMapZoomKeepsFilterAndSearch(t *testing.T) {
	win, ses := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	zoomed := zoomAtCentre(t, sv, 0.7)
	test.Type(win.list.search, "community")
	pts, opt := sv.points()
	if opt.Window != zoomed || sv.window != zoomed {
		t.Fatalf("the search changed the zoom to %+v", opt.Window)
	}
	if checkLit(t, "zoomed search", pts, mentions("community")) == 0 {
		t.Fatal("the search matched nothing")
	}
	win.list.search.SetText("")
	tag := ses.Portfolio.Tags[0]
	sv.filter.SetSelected(filterLayer + tag)
	pts, opt = sv.points()
	if opt.Window != zoomed {
		t.Fatalf("the filter changed the zoom to %+v", opt.Window)
	}
	checkLit(t, "zoomed layer filter "+tag, pts, func(p chart.SpacePoint) bool { return p.Tag == tag })
	z, hits := renderMap(t, sv)
	if z.View != zoomed {
		t.Fatalf("filtered map drawn at %+v, want %+v", z.View, zoomed)
	}
	for _, h := range hits {
		var pt chart.SpacePoint
		for _, p := range pts {
			if p.ID == h.ID {
				pt = p
			}
		}
		if !zoomed.Contains(pt.NPVq, pt.CumVol) {
			t.Errorf("%s has a hit outside the window", pt.Name)
		}
	}
	g := pts[0].Region
	sv.filter.SetSelected(regionFilter(g))
	pts, opt = sv.points()
	if opt.Window != zoomed {
		t.Fatalf("the region filter changed the zoom to %+v", opt.Window)
	}
	for _, p := range pts {
		if p.Dim != (p.Region != g) {
			t.Fatalf("zoomed region filter %d: %q (region %d) dim %v", g, p.Name, p.Region, p.Dim)
		}
	}
	sv.filter.SetSelected(filterAll)
	for _, name := range []string{"invest", "space"} {
		if err := win.ShowView(name); err != nil {
			t.Fatal(err)
		}
	}
	if sv.window != zoomed {
		t.Fatalf("switching views changed the zoom to %+v", sv.window)
	}
}

// The caption under the map wraps inside the pane at every size: each
// line of it fits the rendered image, narrow panes included, and the
// pane's image has no caption pixel at its left or right edge.
func TestMapCaptionWrapsInThePane(t *testing.T) {
	win, _ := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	pts, opt := sv.points()
	bg := color.RGBAModel.Convert(chart.LightStyle().Background).(color.RGBA)
	for _, w := range []int{260, 360, 480, 640, 900, 1300, 1600} {
		h := w * 3 / 4
		for _, dpi := range []float64{96, 144} {
			p, err := chart.Space(pts, opt, chart.LightStyle())
			if err != nil {
				t.Fatal(err)
			}
			wp, hp := int(float64(w)*dpi/96), int(float64(h)*dpi/96)
			_, _, f, err := chart.RenderSpace(p, pts, wp, hp, dpi)
			if err != nil {
				t.Fatal(err)
			}
			sty := p.X.Label.TextStyle
			s := dpi / 72
			mid := (f.X0 + f.X1) / 2
			for _, line := range strings.Split(p.X.Label.Text, "\n") {
				lw := float64(sty.Rectangle(line).Size().X) * s
				if mid-lw/2 < 0 || mid+lw/2 > float64(wp) {
					t.Errorf("%d px wide at %g dpi: caption line %q (%.0f px) leaves the pane", w, dpi, line, lw)
				}
			}
			// The pane's own drawing: nothing but background at the
			// image's side edges below the NPVq tick labels (where the
			// caption is).
			var fs spaceFrames
			img, _, err := spaceDrawFramed(pts, opt, &fs)(wp, hp, dpi, chart.LightStyle())
			if err != nil {
				t.Fatal(err)
			}
			pf, ok := fs.of(img)
			if !ok {
				t.Fatal("no frame recorded")
			}
			below := p.X.Padding + p.X.Tick.Length + p.X.Tick.Label.Height("0.5")
			for y := int(math.Ceil(pf.Y1 + float64(below)*s)); y < hp; y++ {
				for _, x := range []int{0, wp - 1} {
					if got := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); got != bg {
						t.Fatalf("%d px wide at %g dpi: pixel (%d, %d) of the caption band is %v, not the background: the caption is cut", w, dpi, x, y, got)
					}
				}
			}
		}
	}
}

// BenchmarkMapZoomStep times one wheel notch on the map at 300 and 1,000
// initiatives (modeltest.Large): the window zoomed in or out around a
// point and the map rendered again at 900x700 pixels.
func BenchmarkMapZoomStep(b *testing.B) {
	for _, n := range []int{300, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			win, _ := largeBenchWindow(b, n)
			sv := win.shown["space"].(*spaceView)
			if _, _, err := sv.pane.renderNow(900, 700); err != nil {
				b.Fatal(err)
			}
			f, _, _, ok := sv.shownFrame()
			if !ok {
				b.Fatal("no frame")
			}
			at := fyne.NewPos(float32(f.X0+0.4*(f.X1-f.X0)), float32(f.Y0+0.5*(f.Y1-f.Y0)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := zoomStep
				if i%8 >= 4 {
					k = 1 / zoomStep
				}
				sv.zoomAt(at, k)
				_, hits, err := sv.pane.renderNow(900, 700)
				if err != nil {
					b.Fatal(err)
				}
				sinkHits = hits
			}
		})
	}
}

// The map's read-out gives amounts as the inspector and the status line
// do: with the portfolio's currency in front and in the user's number
// format ("value 1M · NPV -340k EUR" before: no currency on the value,
// the code after the NPV).
func TestMapHoverAmountsAreTheFormatters(t *testing.T) {
	win, ses := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	c := win.win.Canvas()
	_, hits := renderMap(t, sv)
	for _, numbers := range []format.Numbers{format.Compact, format.Full} {
		win.prefs.Numbers = string(numbers)
		h := hits[0]
		test.MoveMouse(c, mapOrigin(sv).Add(fyne.NewPos(float32(h.X), float32(h.Y))))
		r := ses.Valuation.ByID(h.ID)
		f := format.New(ses.Portfolio.Currency, numbers)
		want := "value " + f.Money(r.Position.Value) + " · NPV " + f.Money(r.Position.NPV) + " · NPVq "
		if !strings.Contains(sv.hover.Text, want) || !strings.Contains(want, "€") {
			t.Errorf("numbers %s: read-out %q, want it to contain %q", numbers, sv.hover.Text, want)
		}
		test.MoveMouse(c, fyne.NewPos(1, 1))
	}
}

// Hovering a bubble of the zoomed map reads out that bubble, and when the
// zoom changes under a resting pointer the read-out follows the new image.
func TestMapHoverWhileZoomed(t *testing.T) {
	win, ses := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	c := win.win.Canvas()
	_, fullH := renderMap(t, sv)
	h0 := fullH[0]
	sv.zoomAt(fyne.NewPos(float32(h0.X), float32(h0.Y)), 0.5)
	_, hits := settleMap(t, sv)
	name := func(id string) string { return ses.Valuation.ByID(id).Name }
	hovered := false
	for _, h := range hits {
		pos := fyne.NewPos(float32(h.X), float32(h.Y))
		if own := sv.hitAt(pos); own == nil || own.ID != h.ID {
			continue
		}
		test.MoveMouse(c, mapOrigin(sv).Add(pos))
		if !strings.HasSuffix(sv.hover.Text, " · "+name(h.ID)) {
			t.Fatalf("hovering %s on the zoomed map reads %q", name(h.ID), sv.hover.Text)
		}
		hovered = true
		break
	}
	if !hovered {
		t.Fatal("no bubble of the zoomed map to hover")
	}
	// Rest the pointer where the zoomed map has no bubble but the full map
	// has one, then Ctrl+0: the read-out is that bubble's.
	for _, b := range fullH {
		pos := fyne.NewPos(float32(b.X), float32(b.Y))
		if sv.hitAt(pos) != nil || hitIn(chart.SpaceFrame{}, fullH, pos) != b.ID || strings.HasSuffix(sv.hover.Text, " · "+name(b.ID)) {
			continue
		}
		test.MoveMouse(c, mapOrigin(sv).Add(pos))
		before := sv.hover.Text
		press(win, fyne.Key0, fyne.KeyModifierShortcutDefault)
		renderMap(t, sv)
		if !strings.HasSuffix(sv.hover.Text, " · "+name(b.ID)) {
			t.Fatalf("after the zoom reset the read-out is %q (was %q), the pointer is over %s", sv.hover.Text, before, name(b.ID))
		}
		return
	}
	t.Fatal("no bubble of the full map outside the zoomed bubbles")
}

// The map's options wrap to the pane's width: a narrow pane is never
// widened by them (its minimum width is the widest option's), they do not
// overlap, and the map lies below them and above the read-out; a wide pane
// has them in one row.
func TestMapOptionsWrapToThePane(t *testing.T) {
	win, _ := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	objs := []fyne.CanvasObject{sv.byTag, sv.drift, sv.trails, sv.resetBtn, sv.filter, sv.area, sv.hover}
	l := &mapViewLayout{options: 5}
	widest := float32(0)
	for _, o := range objs[:5] {
		widest = max(widest, o.MinSize().Width)
	}
	if m := l.MinSize(objs); m.Width > widest+1 {
		t.Errorf("minimum width %g, the widest option is %g", m.Width, widest)
	}
	for _, c := range []struct {
		w    float32
		rows int
	}{{1600, 1}, {441, 2}, {300, 3}} {
		l.Layout(objs, fyne.NewSize(c.w, 600))
		rows := map[float32]bool{}
		bottom := float32(0)
		for i, o := range objs[:5] {
			p, s := o.Position(), o.Size()
			if p.X < 0 || p.X+s.Width > c.w+0.5 {
				t.Errorf("width %g: option %d at x %g..%g", c.w, i, p.X, p.X+s.Width)
			}
			for _, q := range objs[:i] {
				qp, qs := q.Position(), q.Size()
				if p.X < qp.X+qs.Width && qp.X < p.X+s.Width && p.Y < qp.Y+qs.Height && qp.Y < p.Y+s.Height {
					t.Errorf("width %g: options %d and %T overlap", c.w, i, q)
				}
			}
			rows[p.Y] = true
			bottom = max(bottom, p.Y+s.Height)
		}
		if len(rows) != c.rows {
			t.Errorf("width %g: %d rows of options, want %d", c.w, len(rows), c.rows)
		}
		a, h := sv.area, sv.hover
		if a.Position().Y < bottom || a.Position().Y+a.Size().Height > h.Position().Y || h.Position().Y+h.Size().Height > 600.5 {
			t.Errorf("width %g: options end at %g, map %v+%v, read-out %v+%v", c.w, bottom, a.Position(), a.Size(), h.Position(), h.Size())
		}
		if f := sv.filter; f.Position().X+f.Size().Width < c.w-0.5 {
			t.Errorf("width %g: the filter ends at %g, not at the pane's edge", c.w, f.Position().X+f.Size().Width)
		}
	}
}

// The zoom belongs to the portfolio it was made on: an edit keeps it,
// opening another portfolio shows that one's full map.
func TestMapZoomForgottenOnOpeningAnotherPortfolio(t *testing.T) {
	win, ses := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	zoomed := zoomAtCentre(t, sv, 0.6)
	if err := ses.Apply("edit", func(p *model.Portfolio) error { p.Description += " (edited)"; return nil }); err != nil {
		t.Fatal(err)
	}
	if sv.window != zoomed {
		t.Fatalf("an edit changed the zoom to %+v", sv.window)
	}
	if err := ses.Duplicate("Another portfolio"); err != nil {
		t.Fatal(err)
	}
	if ses.Portfolio.Name != "Another portfolio" {
		t.Fatalf("opened %q", ses.Portfolio.Name)
	}
	if !sv.window.IsZero() || !sv.resetBtn.Disabled() {
		t.Fatalf("opening another portfolio kept the zoom %+v", sv.window)
	}
	if _, opt := sv.points(); !opt.Window.IsZero() {
		t.Fatalf("the map of the other portfolio is drawn at %+v", opt.Window)
	}
}

// The map prices the drift only when its arrows are drawn: without the
// toggle the points carry none, with it they carry the engine's drift.
func TestMapDriftOnlyWhenDrawn(t *testing.T) {
	win, _ := newTestWindow(t)
	sv := win.shown["space"].(*spaceView)
	pts, opt := sv.points()
	for _, p := range pts {
		if len(p.Drift) > 0 {
			t.Fatalf("%q carries drift with the arrows off", p.Name)
		}
	}
	if opt.ShowDrift {
		t.Fatal("arrows drawn with the toggle off")
	}
	sv.drift.SetChecked(true)
	pts, opt = sv.points()
	with := 0
	for _, p := range pts {
		if len(p.Drift) > 0 {
			with++
		}
	}
	if !opt.ShowDrift || with == 0 {
		t.Fatalf("toggle on: arrows %v, %d of %d points with drift", opt.ShowDrift, with, len(pts))
	}
}

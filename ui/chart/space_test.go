package chart

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/plot/vg"

	"github.com/optionspace/optionspace/valuation"
)

// TestNPVqAtShare inverts CallShare at the check values of Luehrman's (1998) table of call values (
// C/S in % for NPVq & sigma*sqrt(t): 1.00 & 0.50 -> 19.7; 0.80 & 0.30 ->
// 4.4; 1.50 & 1.00 -> 50.9; 2.00 & 0.05 -> 50.0). The published C/S has
// three digits, so the recovered NPVq is good to about 0.05/100 / (dC/S /
// dNPVq); the tolerance is 0.3%.
func TestNPVqAtShare(t *testing.T) {
	for _, c := range []struct{ level, v, want float64 }{
		{0.197, 0.50, 1.00},
		{0.044, 0.30, 0.80},
		{0.509, 1.00, 1.50},
		{0.500, 0.05, 2.00},
		{0.5, 0, 2}, // no volatility: C/S = 1 - 1/NPVq, by hand
	} {
		got := npvqAtShare(c.level, c.v)
		if !scalar.EqualWithinAbsOrRel(got, c.want, 0, 3e-3) {
			t.Errorf("npvqAtShare(%g, %g) = %g, want %g", c.level, c.v, got, c.want)
		}
	}
}

// TestShareAtParity checks the crossing of a C/S contour with NPVq = 1:
// Luehrman's NPVq 1.00 & 0.50 -> 19.7% gives v = 0.50 for C/S = 19.7%
// (to the table's rounding), and C/S 2N(v/2)-1 at v = 2 is 2N(1)-1 =
// 0.682689 (normal table), so level 0.682689 gives v = 2.
func TestShareAtParity(t *testing.T) {
	if got := shareAtParity(0.197); !scalar.EqualWithinAbsOrRel(got, 0.5, 0, 3e-3) {
		t.Errorf("shareAtParity(0.197) = %g, want 0.5", got)
	}
	if got := shareAtParity(0.682689492); !scalar.EqualWithinAbsOrRel(got, 2, 0, 1e-8) {
		t.Errorf("shareAtParity(0.6827) = %g, want 2", got)
	}
}

// TestBoundaryCurves checks the NPV = 0 curve by hand and the 1/2 edge
// against valuation.BlackScholes (an independent pricing path).
func TestBoundaryCurves(t *testing.T) {
	g := spaceGeom{th: valuation.DefaultThresholds(), rate: math.Log1p(0.04), refSigma: 0.3}
	// v = 0.3*sqrt(2): t = 2, NPVq = exp(ln(1.04)*2) = 1.04^2 = 1.0816.
	if got := g.npvZero(0.3 * math.Sqrt2); !scalar.EqualWithinAbsOrRel(got, 1.0816, 0, 1e-12) {
		t.Errorf("npvZero = %g, want 1.0816", got)
	}
	for _, v := range []float64{0.05, 0.1, 0.2, 0.4} {
		q := g.investNowEdge(v)
		if math.IsInf(q, 1) {
			t.Fatalf("investNowEdge(%g) = +Inf", v)
		}
		tt := g.refT(v)
		X := 100.0
		S := q * X * math.Exp(-g.rate*tt)
		C, err := valuation.BlackScholes(valuation.Call, valuation.Inputs{S: S, X: X, T: tt, Sigma: g.refSigma, R: g.rate})
		if err != nil {
			t.Fatal(err)
		}
		share := (C - (S - X)) / S
		if !scalar.EqualWithinAbsOrRel(share, g.th.InvestNowPremium, 1e-9, 1e-7) {
			t.Errorf("v %g: time value share at the edge NPVq %g = %g, want %g", v, q, share, g.th.InvestNowPremium)
		}
	}
}

// TestRegionAtMatchesEngine checks the map's drawn boundaries against
// valuation.Place for options without leakage at the reference
// volatility, where the drawn 1/2 and 2/3 curves are exact.
func TestRegionAtMatchesEngine(t *testing.T) {
	th := valuation.DefaultThresholds()
	g := spaceGeom{th: th, rate: testRate, refSigma: 0.3}
	n := 0
	// S = X = 100 is left out: it lies exactly on the NPV = 0 curve, where
	// rounding of (v/RefSigma)^2 decides the side.
	for _, S := range []float64{20, 50, 80, 95, 99.9, 100.1, 103, 106, 110, 120, 150, 200, 300} {
		for _, T := range []float64{0.05, 0.25, 0.5, 1, 2, 3, 5, 8} {
			o := valuation.RealOption{Kind: valuation.Defer, Inputs: valuation.Inputs{S: S, X: 100, T: T, Sigma: 0.3, R: testRate}}
			p, err := valuation.Place(o, th)
			if err != nil {
				t.Fatal(err)
			}
			if got := g.regionAt(p.NPVq, p.CumVol); got != p.Region {
				t.Errorf("S %g T %g (NPVq %.4f, v %.4f): map region %d, engine %d (%s)", S, T, p.NPVq, p.CumVol, got, p.Region, p.Explain(valuation.DefaultThresholds(), func(v float64) string { return fmt.Sprint(v) }))
			}
			n++
		}
	}
	t.Logf("%d options compared", n)
}

// TestSpacePositions renders maps of engine-placed initiatives, reads each
// bubble's centre back from the image (pixels -> data through the axes'
// inverse) and checks it lies where the engine's region says, by
// valuation.RegionOf's rules: NPVq side of 1, the C/S band for regions 4
// to 6, and NPV's sign (NPVq against exp(r t) with the initiative's own t)
// for 1 to 3.
func TestSpacePositions(t *testing.T) {
	th := valuation.DefaultThresholds()
	for _, c := range []struct {
		n      int
		seed   uint64
		w, h   int
		dpi    float64
		colour ColorBy
	}{
		{200, 3, 1200, 800, 96, ByRegion},
		{60, 1, 800, 600, 144, ByTag},
		{10, 9, 640, 480, 72, ByRegion},
	} {
		pts, opts, poss := enginePoints(t, c.n, c.seed)
		p, err := Space(pts, SpaceOptions{Rate: testRate, Thresholds: th, ColorBy: c.colour}, LightStyle())
		if err != nil {
			t.Fatal(err)
		}
		img, hits, err := RenderWithHits(p, pts, c.w, c.h, c.dpi)
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != c.w || b.Dy() != c.h {
			t.Fatalf("image %v, want %dx%d", b, c.w, c.h)
		}
		seen := map[valuation.Region]int{}
		for i, h := range hits {
			pt, pos, o := pts[i], poss[i], opts[i]
			if h.ID != pt.ID {
				t.Fatalf("hit %d is %q, want %q", i, h.ID, pt.ID)
			}
			q, v, ok := SpaceDataAt(p, c.w, c.h, c.dpi, h.X, h.Y)
			if !ok {
				t.Errorf("%s: centre (%g, %g) outside the data area", pt.Name, h.X, h.Y)
				continue
			}
			if !scalar.EqualWithinAbsOrRel(q, pt.NPVq, 1e-9, 1e-6) || !scalar.EqualWithinAbsOrRel(v, pt.CumVol, 1e-9, 1e-6) {
				t.Errorf("%s: drawn at (%g, %g), want (%g, %g)", pt.Name, q, v, pt.NPVq, pt.CumVol)
			}
			seen[pos.Region]++
			switch pos.Region {
			case valuation.RegionMaybeLater, valuation.RegionProbablyNever, valuation.RegionNever:
				cs := valuation.CallShare(q, v)
				lo, hi := 0.0, th.ProbablyNever
				if pos.Region == valuation.RegionMaybeLater {
					lo, hi = th.MaybeLater, 1
				} else if pos.Region == valuation.RegionProbablyNever {
					lo, hi = th.ProbablyNever, th.MaybeLater
				}
				if q > 1 || cs < lo || cs >= hi {
					t.Errorf("%s region %d: drawn at NPVq %g, C/S %g: want NPVq <= 1 and C/S in [%g, %g)", pt.Name, pos.Region, q, cs, lo, hi)
				}
			case valuation.RegionProbablyLater:
				if q <= 1 || q > math.Exp(o.R*o.T)*(1+1e-9) {
					t.Errorf("%s region 3: drawn at NPVq %g: want 1 < NPVq <= exp(rt) = %g", pt.Name, q, math.Exp(o.R*o.T))
				}
			default:
				if q <= math.Exp(o.R*o.T)*(1-1e-9) || q <= 1 {
					t.Errorf("%s region %d: drawn at NPVq %g: want NPVq > max(1, exp(rt) = %g)", pt.Name, pos.Region, q, math.Exp(o.R*o.T))
				}
			}
			if h.R <= 0 {
				t.Errorf("%s: radius %g", pt.Name, h.R)
			}
		}
		if c.n >= 60 && len(seen) < 5 {
			t.Errorf("only regions %v in the sample: the test needs more variety", seen)
		}
	}
}

// TestBubbleArea checks that bubble area is proportional to X: a bubble
// with four times the investment has twice the radius.
func TestBubbleArea(t *testing.T) {
	pts := []SpacePoint{
		{ID: "a", Name: "a", NPVq: 0.5, CumVol: 0.5, X: 100, Region: valuation.RegionMaybeLater},
		{ID: "b", Name: "b", NPVq: 2, CumVol: 0.2, X: 400, Region: valuation.RegionInvestNow},
	}
	p, err := Space(pts, SpaceOptions{}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	_, hits, err := RenderWithHits(p, pts, 800, 600, 96)
	if err != nil {
		t.Fatal(err)
	}
	if !scalar.EqualWithinAbsOrRel(hits[1].R/hits[0].R, 2, 0, 1e-12) {
		t.Errorf("radius ratio %g, want 2", hits[1].R/hits[0].R)
	}
	// 2 bubbles: the largest is 24 points = 32 px at 96 dpi.
	if !scalar.EqualWithinAbsOrRel(hits[1].R, 32, 0, 1e-12) {
		t.Errorf("largest radius %g px, want 32", hits[1].R)
	}
}

// TestSpaceAxes checks the default range, widening and the inverted y
// axis (0 at the top).
func TestSpaceAxes(t *testing.T) {
	p, err := Space(nil, SpaceOptions{}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != 0.3 || p.X.Max != 3 || p.Y.Min != 0 || p.Y.Max != 1 {
		t.Errorf("default axes x [%g, %g] y [%g, %g], want [0.3, 3] [0, 1]", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	pts := []SpacePoint{{ID: "a", Name: "a", NPVq: 5, CumVol: 1.5, X: 1, Region: valuation.RegionInvestNow}}
	p, err = Space(pts, SpaceOptions{}, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if !scalar.EqualWithinAbsOrRel(p.X.Max, 5*1.12, 0, 1e-12) || !scalar.EqualWithinAbsOrRel(p.Y.Max, 1.5*1.05, 0, 1e-12) {
		t.Errorf("widened axes x max %g y max %g, want 5.6 and 1.575", p.X.Max, p.Y.Max)
	}
	// Top of the data area is sigma*sqrt(t) = 0.
	_, hits, err := RenderWithHits(p, []SpacePoint{{ID: "top", NPVq: 1, CumVol: 0, X: 1, Region: 1}}, 800, 600, 96)
	if err != nil {
		t.Fatal(err)
	}
	_, v, ok := SpaceDataAt(p, 800, 600, 96, hits[0].X, hits[0].Y+5)
	if !ok || v <= 0 {
		t.Errorf("5 px below the top: v = %g (ok %v), want > 0 (axis grows downward)", v, ok)
	}
}

// TestSpaceErrors checks that bad input names what is wrong.
func TestSpaceErrors(t *testing.T) {
	for _, c := range []struct {
		pts  []SpacePoint
		opt  SpaceOptions
		want string
	}{
		{[]SpacePoint{{Name: "bad", NPVq: 0, CumVol: 0.2, X: 1, Region: 4}}, SpaceOptions{}, `initiative "bad": NPVq 0`},
		{[]SpacePoint{{Name: "neg", NPVq: 1, CumVol: -1, X: 1, Region: 4}}, SpaceOptions{}, `initiative "neg": sigma*sqrt(t) -1`},
		{[]SpacePoint{{Name: "reg", NPVq: 1, CumVol: 1, X: 1, Region: 9}}, SpaceOptions{}, `region 9`},
		{[]SpacePoint{{Name: "x", NPVq: 1, CumVol: 1, X: math.NaN(), Region: 1}}, SpaceOptions{}, `X NaN`},
		{nil, SpaceOptions{XMin: 2}, "must contain 1"},
		{nil, SpaceOptions{RefSigma: -1}, "reference volatility"},
		{nil, SpaceOptions{Thresholds: valuation.Thresholds{MaybeLater: 0.01, ProbablyNever: 0.5}}, "probably_never_cs"},
	} {
		_, err := Space(c.pts, c.opt, LightStyle())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Space(%v): error %v, want it to mention %q", c.pts, err, c.want)
		}
	}
}

// TestDiscPainterMatchesPaths checks that the bubbles, drift and trail
// dots and label boxes drawn straight into the image look as the vector
// paths drew them: no pixel of a crowded map with faded bubbles differs
// by more than the golden tolerance, and few by more than a few levels.
func TestDiscPainterMatchesPaths(t *testing.T) {
	pts, _, _ := enginePoints(t, 300, 3)
	for i := range pts {
		pts[i].Dim = i%5 == 0
		if i%3 == 0 {
			pts[i].Drift = []Point{{pts[i].NPVq * 0.97, pts[i].CumVol * 0.9}, {pts[i].NPVq * 0.94, pts[i].CumVol * 0.8}}
			pts[i].Trail = []Point{{pts[i].NPVq * 1.1, pts[i].CumVol * 1.05}, {pts[i].NPVq * 1.05, pts[i].CumVol * 1.02}}
		}
	}
	render := func(paths bool, st Style, dpi float64) image.Image {
		pathBubbles = paths
		defer func() { pathBubbles = false }()
		p, err := Space(pts, SpaceOptions{Rate: testRate, ShowDrift: true, ShowTrails: true}, st)
		if err != nil {
			t.Fatal(err)
		}
		img, err := Render(p, 1000, 700, dpi)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	for _, c := range []struct {
		st  Style
		dpi float64
	}{{LightStyle(), 96}, {DarkStyle(), 144}} {
		fast, paths := render(false, c.st, c.dpi), render(true, c.st, c.dpi)
		n, far := pixelDiff(fast, paths, goldenChannel)
		_, some := pixelDiff(fast, paths, 8)
		if far > 0 || float64(some) > 0.01*float64(n) {
			t.Errorf("%g dpi: %d pixels differ by more than %d and %d by more than 8, of %d", c.dpi, far, goldenChannel, some, n)
		}
		if _, any := pixelDiff(fast, render(false, c.st, c.dpi), 0); any != 0 {
			t.Errorf("%g dpi: two renders differ in %d pixels", c.dpi, any)
		}
	}
}

// TestRegionNamesOverBubbles checks that on a map too crowded for a spot
// clear of bubbles every region is still named where it can be read: the
// name's colour mark is drawn whole in the region's colour, no bubble over
// it.
func TestRegionNamesOverBubbles(t *testing.T) {
	pts, _, _ := enginePoints(t, 3000, 3)
	for _, st := range []Style{LightStyle(), DarkStyle()} {
		p, err := Space(pts, SpaceOptions{Rate: testRate}, st)
		if err != nil {
			t.Fatal(err)
		}
		var names []regionName
		layerOf(p).named = func(rn []regionName) { names = rn }
		const w, h, dpi = 1200, 800, 96
		img, err := Render(p, w, h, dpi)
		if err != nil {
			t.Fatal(err)
		}
		if len(names) != 6 {
			t.Fatalf("%d regions named on the crowded map, want 6", len(names))
		}
		over := 0
		s := dpi / float64(vg.Inch)
		for _, rn := range names {
			if rn.over {
				over++
			}
			want := color.RGBAModel.Convert(st.RegionColor(rn.g)).(color.RGBA)
			// The mark is 2.5 points wide at the box's left edge: its
			// middle pixel column, away from the anti-aliased ends.
			x := int(float64(rn.box.Min.X)*s + 1.2)
			y0, y1 := int(float64(h)-float64(rn.box.Max.Y)*s)+2, int(float64(h)-float64(rn.box.Min.Y)*s)-2
			for y := y0; y < y1; y++ {
				if got := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); got != want {
					t.Fatalf("region %d's name mark at (%d, %d) is %v, not its colour %v: something is drawn over the name", rn.g, x, y, got, want)
				}
			}
		}
		if over == 0 {
			t.Fatal("no region name had to go over bubbles: the map is not crowded enough for the test")
		}
	}
}

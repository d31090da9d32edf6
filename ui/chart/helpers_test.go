package chart

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/optionspace/optionspace/valuation"
)

// testRate is the continuous rate of the test portfolios (4% discrete).
var testRate = math.Log1p(0.04)

// enginePoints returns n initiatives placed by the valuation engine
// (valuation.Place) from seeded random inputs, with their options. A
// third carry leakage, so regions 1 and 2 are decided by the trigger.
func enginePoints(t testing.TB, n int, seed uint64) ([]SpacePoint, []valuation.RealOption, []valuation.Position) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	tags := []string{"community", "analytics", "action", "integration"}
	th := valuation.DefaultThresholds()
	pts := make([]SpacePoint, 0, n)
	var opts []valuation.RealOption
	var poss []valuation.Position
	for i := range n {
		x := 20 + 480*rng.Float64()
		o := valuation.RealOption{Kind: valuation.Defer, Inputs: valuation.Inputs{
			S:     x * math.Exp(-0.9+1.8*rng.Float64()),
			X:     x,
			T:     0.1 + 3.9*rng.Float64(),
			Sigma: 0.05 + 0.5*rng.Float64(),
			R:     testRate,
		}}
		if i%3 == 0 {
			o.Q = 0.02 + 0.1*rng.Float64()
		}
		p, err := valuation.Place(o, th)
		if err != nil {
			t.Fatalf("Place(%+v): %v", o, err)
		}
		nm := fmt.Sprintf("Initiative %02d", i+1)
		pts = append(pts, SpacePoint{ID: fmt.Sprintf("i%02d", i+1), Name: nm, Tag: tags[i%4],
			NPVq: p.NPVq, CumVol: p.CumVol, X: o.X, Region: p.Region})
		opts = append(opts, o)
		poss = append(poss, p)
	}
	return pts, opts, poss
}

// scrmPoints is a small hand-made SCRM portfolio for goldens and
// screenshots, placed by the engine, with drift and trail points.
func scrmPoints(t testing.TB) []SpacePoint {
	t.Helper()
	type in struct {
		id, name, tag     string
		S, X, T, sigma, q float64
	}
	ins := []in{
		{"community", "Customer community", "community", 420, 360, 2, 0.45, 0},
		{"listening", "Social listening tool", "analytics", 160, 120, 0.5, 0.25, 0.06},
		{"routing", "Route social posts to contact center", "action", 260, 300, 1.5, 0.35, 0},
		{"sentiment", "Sentiment dashboard", "analytics", 70, 110, 3, 0.5, 0},
		{"crm", "CRM connector", "integration", 180, 150, 1, 0.15, 0.08},
		{"kb", "Community knowledge base", "action", 90, 160, 0.7, 0.2, 0},
		{"rules", "Business rules engine", "action", 300, 420, 2.5, 0.3, 0},
		{"erp", "ERP / SCM integration", "integration", 150, 400, 1, 0.25, 0},
		{"forum", "Own forum", "community", 55, 80, 4, 0.6, 0},
		{"textmine", "Text mining pilot", "analytics", 40, 38, 2, 0.55, 0},
	}
	th := valuation.DefaultThresholds()
	var pts []SpacePoint
	for _, v := range ins {
		o := valuation.RealOption{Kind: valuation.Defer, Inputs: valuation.Inputs{S: v.S, X: v.X, T: v.T, Sigma: v.sigma, R: testRate, Q: v.q}}
		p, err := valuation.Place(o, th)
		if err != nil {
			t.Fatal(err)
		}
		sp := SpacePoint{ID: v.id, Name: v.name, Tag: v.tag, NPVq: p.NPVq, CumVol: p.CumVol, X: v.X, Region: p.Region}
		for _, dt := range []float64{0.5, 1} {
			if v.T-dt <= 0 {
				break
			}
			// Untended drift: t shrinks, S stays.
			sp.Drift = append(sp.Drift, Point{valuation.NPVq(v.S, v.X, testRate, v.T-dt), valuation.CumulativeVolatility(v.sigma, v.T-dt)})
		}
		sp.Trail = []Point{{p.NPVq * 0.8, p.CumVol * 1.15}, {p.NPVq * 0.9, p.CumVol * 1.07}}
		pts = append(pts, sp)
	}
	return pts
}

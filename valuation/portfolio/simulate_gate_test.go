package portfolio

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/internal/reftest"
)

// TestSimulateGateMartingale: under the risk-neutral measure the value at
// the horizon of a gate A -> B (and a follow-on link), discounted to
// today, has today's value as its mean, at horizons before A's deadline
// (1 year), just after it, between it and B's (2 years) and after both.
// Today's value is checked first against independent references: A's own
// call (Black-Scholes, Hull) plus the compound on B, Geske's European
// compound by quadrature (refCompound) for a B without leakage, the CRR
// compound lattice with an American second stage (reftest.CompoundCRR,
// 4000/4001 steps) for a B with leakage, deep in the money (exercised as
// soon as A opens it). The simulated mean (100,000 paths, seed 7) must
// then be within 4 standard errors plus 0.2% of the reference (the
// grids' and monitoring's bias). The simulation gave 0 on every path for
// the B with leakage past A's deadline (B exercised today at its NPV,
// below A's unrecovered cost) and 1-5 standard errors too much for the B
// without leakage (A's decision taken at the horizon, knowing S_B then).
func TestSimulateGateMartingale(t *testing.T) {
	const r = 0.05
	y := func(n int) model.Date { return model.NewDate(2026+n, time.January, 1) }
	a := model.Initiative{Kind: model.KindDefer, S: model.Number(55), X: model.Number(110), Sigma: model.Number(0.3), Deadline: y(1)}
	for _, c := range []struct {
		name       string
		s, x, q    float64
		sig        float64
		wantRegion bool // B in region 1 (invest now) today
	}{
		{"no leakage", 100, 100, 0, 0.35, false},
		{"leakage, deep in the money", 100, 40, 0.08, 0.3, true},
	} {
		b := model.Initiative{Kind: model.KindDefer, S: model.Number(c.s), X: model.Number(c.x), Sigma: model.Number(c.sig), Deadline: y(2), Leakage: c.q}
		for _, kind := range []model.LinkKind{model.LinkGates, model.LinkFollowOn} {
			p := gatePortfolio(a, b)
			p.Settings.RiskFree = r
			p.Links[0].Kind = kind
			v, err := Evaluate(p, Options{WithLinks: true})
			if err != nil {
				t.Fatal(err)
			}
			ra, rb := v.ByID("a"), v.ByID("b")
			if rb.CountedIn != "a" {
				t.Fatalf("%s %s: B counted in %q, want a", c.name, kind, rb.CountedIn)
			}
			if now := rb.Position.NPV > 0 && rb.Position.Value <= rb.Position.NPV*(1+1e-9); now != c.wantRegion {
				t.Fatalf("%s %s: B exercised today %v, want %v (value %g, NPV %g)", c.name, kind, now, c.wantRegion, rb.Position.Value, rb.Position.NPV)
			}
			k1 := 110 - 55*math.Exp(r*ra.T)
			var comp float64
			if c.q == 0 {
				comp = refCompound(c.s, c.x, rb.T, c.sig, r, k1, ra.T)
			} else {
				comp = 0.5 * (reftest.CompoundCRR(c.s, c.x, rb.T, c.sig, r, c.q, k1, ra.T, 4000) + reftest.CompoundCRR(c.s, c.x, rb.T, c.sig, r, c.q, k1, ra.T, 4001))
			}
			ref := refCall(55, 110, ra.T, 0.3, r) + comp
			if math.Abs(v.Total-ref) > 1e-3*ref {
				t.Fatalf("%s %s: today's value %.6f, reference %.6f (compound %.6f)", c.name, kind, v.Total, ref, comp)
			}
			for _, h := range []float64{0.5, 0.98, 1.02, 1.5, 2.5} {
				res, err := Simulate(context.Background(), p, SimOptions{Paths: 100_000, Seed: 7, Horizon: h, Workers: 2, Valuation: Options{WithLinks: true}})
				if err != nil {
					t.Fatal(err)
				}
				tol := 4*res.PresentStdErr + 0.002*ref
				msg := fmt.Sprintf("%s %s horizon %g: discounted mean %.4f ± %.4f, reference %.4f (today %.4f)", c.name, kind, h, res.PresentMean, res.PresentStdErr, ref, res.Today)
				if !(math.Abs(res.PresentMean-ref) <= tol) || res.PresentStdErr > 0.03*ref {
					t.Error(msg)
				} else {
					t.Log(msg)
				}
			}
		}
	}
}

// TestSimulateGateMartingaleExpandAndEarlierChild: the same martingale
// check for an expand child with leakage (the compound on the call on
// 1.5 S at X, reftest.CompoundCRR on 1.5 S) and for a child whose
// deadline (9 months) comes before its gate's (1 year), so that the gate
// decides at the child's deadline: the compound is then the European call
// on S_B at X + K1 (Hull's formula with leakage, refCallQ), K1 taken at
// the child's deadline. Horizons before and after the decision, 100,000
// paths, seed 9, within 4 standard errors plus 0.2%.
func TestSimulateGateMartingaleExpandAndEarlierChild(t *testing.T) {
	const r = 0.05
	m := func(n int) model.Date { return model.NewDate(2026, time.January, 1).AddMonths(n) }
	a := model.Initiative{Kind: model.KindDefer, S: model.Number(55), X: model.Number(110), Sigma: model.Number(0.3), Deadline: m(12)}
	for _, c := range []struct {
		name string
		b    model.Initiative
		ref  func(ra, rb *InitiativeResult) float64
	}{
		{"expand", model.Initiative{Kind: model.KindExpand, S: model.Number(100), X: model.Number(60), ExpandFactor: 1.5, Sigma: model.Number(0.3), Deadline: m(24), Leakage: 0.05},
			func(ra, rb *InitiativeResult) float64 {
				k1 := 110 - 55*math.Exp(r*ra.T)
				return 0.5 * (reftest.CompoundCRR(150, 60, rb.T, 0.3, r, 0.05, k1, ra.T, 4000) + reftest.CompoundCRR(150, 60, rb.T, 0.3, r, 0.05, k1, ra.T, 4001))
			}},
		{"child due first", model.Initiative{Kind: model.KindDefer, S: model.Number(100), X: model.Number(60), Sigma: model.Number(0.3), Deadline: m(9), Leakage: 0.05},
			func(_, rb *InitiativeResult) float64 {
				k1 := 110 - 55*math.Exp(r*rb.T)
				return refCallQ(100, 60+k1, rb.T, 0.3, r, 0.05)
			}},
	} {
		p := gatePortfolio(a, c.b)
		v, err := Evaluate(p, Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		ra, rb := v.ByID("a"), v.ByID("b")
		ref := refCall(55, 110, ra.T, 0.3, r) + c.ref(ra, rb)
		if math.Abs(v.Total-ref) > 1e-3*ref {
			t.Fatalf("%s: today's value %.6f, reference %.6f", c.name, v.Total, ref)
		}
		for _, h := range []float64{0.5, 0.8, 1.5, 2.5} {
			res, err := Simulate(context.Background(), p, SimOptions{Paths: 100_000, Seed: 9, Horizon: h, Workers: 2, Valuation: Options{WithLinks: true}})
			if err != nil {
				t.Fatal(err)
			}
			msg := fmt.Sprintf("%s horizon %g: discounted mean %.4f ± %.4f, reference %.4f", c.name, h, res.PresentMean, res.PresentStdErr, ref)
			if !(math.Abs(res.PresentMean-ref) <= 4*res.PresentStdErr+0.002*ref) || res.PresentStdErr > 0.03*ref {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
		}
	}
}

package portfolio

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
)

// europeanPortfolio: four independent defer options without leakage (so
// each is a European call, Black-Scholes exact); one expires before the
// one-year horizon.
func europeanPortfolio() *model.Portfolio {
	p := handPortfolio()
	p.Links = nil
	p.Initiatives = append(p.Initiatives, model.Initiative{ID: "short", Name: "Short", Tag: "action", Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Number(1000), X: model.Number(950), Sigma: model.Number(0.5),
		Deadline: model.NewDate(2026, time.July, 2)}) // 182 days
	return p
}

func TestSimulateMeanConverges(t *testing.T) {
	p := europeanPortfolio()
	const r = 0.05
	ts := []float64{365 / 365.25, 1096 / 365.25, 730 / 365.25, 182 / 365.25}
	today := refCall(10000, 12000, ts[0], 0.3, r) + refCall(100000, 110000, ts[1], 0.4, r) +
		refCall(50000, 40000, ts[2], 0.3, r) + refCall(1000, 950, ts[3], 0.5, r)
	res, err := Simulate(context.Background(), p, SimOptions{Paths: 40000, Seed: 7, Horizon: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Initiatives) != 4 {
		t.Fatalf("%d legs", len(res.Initiatives))
	}
	if d := math.Abs(res.PresentMean - today); d > 3*res.PresentStdErr {
		t.Errorf("discounted mean %g, closed form %g: off by %g > 3 standard errors (%g)", res.PresentMean, today, d, 3*res.PresentStdErr)
	}
	if math.Abs(res.Today-today) > 1e-6*today {
		t.Errorf("today %g, want %g", res.Today, today)
	}
	// Each initiative's own mean, in horizon money, is its value grown at r.
	for _, s := range res.Initiatives {
		want := s.Today * math.Exp(r*1)
		if d := math.Abs(s.Mean - want); d > 3*s.StdErr {
			t.Errorf("%s: mean %g, want %g (3 SE = %g)", s.ID, s.Mean, want, 3*s.StdErr)
		}
	}
	// "Short" expires in 182 days: exercised with the risk-neutral
	// probability N(d2) of ending in the money, and always past its deadline.
	sh := res.Initiatives[3]
	v := 0.5 * math.Sqrt(ts[3])
	d2 := (math.Log(1000.0/950) + (r-0.125)*ts[3]) / v
	pw := refN(d2)
	if se := math.Sqrt(pw * (1 - pw) / float64(res.Paths)); math.Abs(sh.Exercised-pw) > 3*se || sh.Region[0] != 1 {
		t.Errorf("short: exercised %g, want N(d2) = %g; past deadline %g", sh.Exercised, pw, sh.Region[0])
	}
	for _, s := range res.Initiatives {
		sum := 0.0
		for _, q := range s.Region {
			sum += q
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: region probabilities sum to %g", s.ID, sum)
		}
	}
	if !(res.P5 <= res.P50 && res.P50 <= res.P95) || res.Mean <= 0 {
		t.Errorf("percentiles %g %g %g, mean %g", res.P5, res.P50, res.P95, res.Mean)
	}
}

func TestSimulateReproducibleAndCancel(t *testing.T) {
	p := europeanPortfolio()
	p.Links = []model.Link{{From: "pilot", To: "rollout", Kind: model.LinkSynergy, Correlation: 0.8}}
	var last, total int
	a, err := Simulate(context.Background(), p, SimOptions{Paths: 3000, Seed: 42, Workers: 1, Progress: func(d, n int) { last, total = d, n }})
	if err != nil {
		t.Fatal(err)
	}
	if last != 3000 || total != 3000 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	b, err := Simulate(context.Background(), p, SimOptions{Paths: 3000, Seed: 42, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if a.Mean != b.Mean || a.P95 != b.P95 || a.Values[2999] != b.Values[2999] || a.Shrink != 1 {
		t.Errorf("not reproducible across worker counts: %g %g", a.Mean, b.Mean)
	}
	c, _ := Simulate(context.Background(), p, SimOptions{Paths: 3000, Seed: 43})
	if c.Mean == a.Mean {
		t.Error("another seed gave the same numbers")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Simulate(ctx, p, SimOptions{Paths: 100000}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled simulation returned %v", err)
	}
	if _, err := Simulate(context.Background(), p, SimOptions{Paths: -1}); err == nil {
		t.Error("negative paths accepted")
	}
}

// TestSimulateCorrelation: with correlation rho between two underlyings,
// ln S at the horizon has correlation rho; the variance of the sum of two
// equal calls is larger with rho = 0.9 than with rho = -0.9.
func TestSimulateCorrelation(t *testing.T) {
	p := model.NewSCRMTemplate("corr", model.NewDate(2026, time.January, 1))
	for _, id := range []string{"a", "b"} {
		p.Initiatives = append(p.Initiatives, model.Initiative{ID: id, Name: id, Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(100), X: model.Number(100), Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1)})
	}
	sd := map[float64]float64{}
	for _, rho := range []float64{-0.9, 0.9} {
		p.Links = []model.Link{{From: "a", To: "b", Kind: model.LinkSynergy, Correlation: rho}}
		res, err := Simulate(context.Background(), p, SimOptions{Paths: 20000, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		sd[rho] = res.StdDev
	}
	if !(sd[0.9] > 1.5*sd[-0.9]) {
		t.Errorf("spread with rho 0.9: %g, with -0.9: %g", sd[0.9], sd[-0.9])
	}
}

package portfolio

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
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

// onePortfolio is a portfolio of one initiative as of 2026-01-01, rate 5%
// continuous.
func onePortfolio(in model.Initiative) *model.Portfolio {
	p := model.NewSCRMTemplate("one", model.NewDate(2026, time.January, 1))
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = 0.05
	in.ID, in.Name, in.Tag, in.Status = "one", "One", "action", model.StatusOpen
	p.Initiatives = []model.Initiative{in}
	return p
}

// refCallQ is the European call with leakage q (Hull, eq. 17.4), written
// independently of package valuation.
func refCallQ(S, X, T, sigma, r, q float64) float64 {
	v := sigma * math.Sqrt(T)
	d1 := (math.Log(S/X) + (r-q+sigma*sigma/2)*T) / v
	return S*math.Exp(-q*T)*refN(d1) - X*math.Exp(-r*T)*refN(d1-v)
}

// refPutQ is the European put with leakage q (Hull, eq. 17.5).
func refPutQ(S, X, T, sigma, r, q float64) float64 {
	v := sigma * math.Sqrt(T)
	d1 := (math.Log(S/X) + (r-q+sigma*sigma/2)*T) / v
	return X*math.Exp(-r*T)*refN(v-d1) - S*math.Exp(-q*T)*refN(-d1)
}

// TestSimulateEarlyExercise: with the horizon at the deadline, the
// simulated value discounted to today of one American option with early
// exercise (a call and an expand option with leakage, an abandon option,
// a put, with a positive rate) is its value today: the engine's American
// value (the exercise-boundary method), within 3 standard errors plus the
// monitoring bias (measured within one standard error, 0.02%-0.1%, at
// 400,000 paths; allowed 0.2% of the value), and clearly above the
// European value (Hull's closed form), which the simulation gave before it
// monitored exercise. The same holds at a horizon before the deadline,
// where the options left are valued at the horizon.
func TestSimulateEarlyExercise(t *testing.T) {
	for _, c := range []struct {
		name         string
		kind         model.OptionKind
		s, x, sig, q float64
		expand       float64
		put          bool
	}{
		{"call", model.KindDefer, 100, 100, 0.3, 0.08, 0, false},
		{"expand", model.KindExpand, 100, 150, 0.25, 0.1, 1.5, false},
		{"put", model.KindAbandon, 100, 110, 0.3, 0, 0, true},
	} {
		in := model.Initiative{Kind: c.kind, S: model.Number(c.s), X: model.Number(c.x), Sigma: model.Number(c.sig), Leakage: c.q,
			ExpandFactor: c.expand, Deadline: model.NewDate(2027, time.January, 1)}
		p := onePortfolio(in)
		v, err := Evaluate(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		r := v.Initiatives[0]
		american := r.Position.Value
		se := c.s
		if c.expand > 0 {
			se *= c.expand
		}
		eu := refCallQ(se, c.x, r.T, c.sig, r.R, c.q)
		if c.put {
			eu = refPutQ(se, c.x, r.T, c.sig, r.R, c.q)
		}
		for _, h := range []float64{r.T, 0.5} {
			res, err := Simulate(context.Background(), p, SimOptions{Paths: 200000, Seed: 1, Horizon: h})
			if err != nil {
				t.Fatal(err)
			}
			got, sd := res.PresentMean, res.PresentStdErr
			t.Logf("%s, horizon %.3f: simulated %.5f (SE %.5f), American %.5f, European %.5f, exercised %.3f", c.name, h, got, sd, american, eu, res.Initiatives[0].Exercised)
			if d := math.Abs(got - american); d > 3*sd+2e-3*american {
				t.Errorf("%s, horizon %g: simulated %g, American %g: off by %g > 3 SE (%g) + 0.2%%", c.name, h, got, american, d, 3*sd)
			}
			if got-eu < 5*sd {
				t.Errorf("%s, horizon %g: simulated %g not above the European %g by 5 SE (%g)", c.name, h, got, eu, 5*sd)
			}
			if ex := res.Initiatives[0].Exercised; !(ex > 0 && ex < 1) {
				t.Errorf("%s: exercised with probability %g", c.name, ex)
			}
		}
	}
}

// TestSimulatePutBeyondBoundary: a put (abandon option) with S below its
// trigger S** is exercised today on every path: X - S grown at r.
func TestSimulatePutBeyondBoundary(t *testing.T) {
	const s, x, sigma, r = 60.0, 100.0, 0.3, 0.05
	p := onePortfolio(model.Initiative{Kind: model.KindAbandon, S: model.Number(s), X: model.Number(x), Sigma: model.Number(sigma),
		Deadline: model.NewDate(2028, time.January, 1)})
	tt := model.NewDate(2026, time.January, 1).YearsUntil(model.NewDate(2028, time.January, 1))
	trig, err := valuation.PutTrigger(valuation.Inputs{X: x, T: tt, Sigma: sigma, R: r})
	if err != nil || !(s < trig) {
		t.Fatalf("trigger %g (%v): want above S = %g", trig, err, s)
	}
	for _, h := range []float64{0.25, 1, 3} {
		res, err := Simulate(context.Background(), p, SimOptions{Paths: 2000, Seed: 2, Horizon: h})
		if err != nil {
			t.Fatal(err)
		}
		si := res.Initiatives[0]
		want := (x - s) * math.Exp(r*h)
		if si.Exercised != 1 || si.Region[valuation.RegionInvestNow] != 1 || math.Abs(si.Mean-want) > 1e-9*want || si.StdErr > 1e-6*want {
			t.Errorf("horizon %g: exercised %g, region 1 %g, mean %g (SE %g), want (X - S) e^{rh} = %g on every path", h, si.Exercised, si.Region[1], si.Mean, si.StdErr, want)
		}
	}
}

// TestSimulateWithoutLeakageUnchanged: without leakage and links nothing
// is monitored and the paths are those of the one-step simulation: each
// path's value is, to 1e-12, the sum of the Black-Scholes calls at the
// horizon (Hull, written here) on S drawn from the same normals (PCG
// seeded with the seed and the block, one normal per initiative), and the
// payoff at the deadline carried to the horizon for the one that expires.
func TestSimulateWithoutLeakageUnchanged(t *testing.T) {
	p := europeanPortfolio()
	const seed, h, n = 5, 1.0, 1000
	res, err := Simulate(context.Background(), p, SimOptions{Paths: n, Seed: seed, Horizon: h})
	if err != nil {
		t.Fatal(err)
	}
	v, err := Evaluate(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for path := range n {
		rng := rand.New(rand.NewPCG(seed, uint64(path/simBlock)))
		var eps []float64
		for range path%simBlock + 1 {
			eps = eps[:0]
			for range v.Initiatives {
				eps = append(eps, rng.NormFloat64())
			}
		}
		want := 0.0
		for i, r := range v.Initiatives {
			drift := r.R - r.Sigma*r.Sigma/2
			if r.T <= h {
				st := r.S * math.Exp(drift*r.T+r.Sigma*math.Sqrt(r.T)*eps[i])
				want += math.Max(st-r.X, 0) * math.Exp(r.R*(h-r.T))
				continue
			}
			sh := r.S * math.Exp(drift*h+r.Sigma*math.Sqrt(h)*eps[i])
			want += refCall(sh, r.X, r.T-h, r.Sigma, r.R)
		}
		if got := res.Values[path]; math.Abs(got-want) > 1e-12*want {
			t.Fatalf("path %d: %.17g, want %.17g (relative %g)", path, got, want, (got-want)/want)
		}
	}
}

// TestSimulateFollowOnsShortHorizon: a gate A -> B counts B inside A as
// the compound option A opens (Geske; checked here by quadrature,
// refCompound), not at B's own value; at a horizon of one day the
// simulated portfolio discounted to today is today's portfolio value with
// follow-ons, also with leakage (an American leg, monitored).
func TestSimulateFollowOnsShortHorizon(t *testing.T) {
	for _, leak := range []float64{0, 0.04} {
		p := handPortfolio()
		p.Initiatives[2].Leakage = leak // care
		v, err := Evaluate(p, Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		res, err := Simulate(context.Background(), p, SimOptions{Paths: 20000, Seed: 4, Horizon: 1.0 / 365, Valuation: Options{WithLinks: true}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Initiatives) != 3 {
			t.Fatalf("%d legs, want 3", len(res.Initiatives))
		}
		if math.Abs(res.Today-v.Total) > 1e-9*v.Total {
			t.Errorf("leakage %g: today %g, want the portfolio value %g", leak, res.Today, v.Total)
		}
		const r = 0.05
		tA, tB := 365/365.25, 1096/365.25
		k1 := 12000 - 10000*math.Exp(r*tA)
		fo := refCompound(100000, 110000, tB, 0.4, r, k1, tA)
		if b := res.Initiatives[1]; b.ID != "rollout" || math.Abs(b.Today-fo) > 1e-6*fo {
			t.Errorf("%s today %g, want the compound %g", b.ID, b.Today, fo)
		}
		if d := math.Abs(res.PresentMean - v.Total); d > 3*res.PresentStdErr+1e-4*v.Total {
			t.Errorf("leakage %g: discounted mean %g (SE %g), portfolio value %g: off by %g", leak, res.PresentMean, res.PresentStdErr, v.Total, d)
		}
		// The rollout's mean over one day is the compound grown at r.
		b := res.Initiatives[1]
		if want := fo * math.Exp(r/365); math.Abs(b.Mean-want) > 3*b.StdErr+1e-4*want {
			t.Errorf("rollout mean %g (SE %g), want %g", b.Mean, b.StdErr, want)
		}
	}
}

// TestClosedFormAtHorizon: a defer, expand, abandon or contract option
// that never pays to exercise early (a call without leakage, a put with
// r <= 0 and q >= 0) is valued at the horizon by the call or put on
// scale * S (Hull's formulas, written here) and not monitored; with
// leakage (a call) or a positive rate (a put) it is monitored instead.
func TestClosedFormAtHorizon(t *testing.T) {
	in := valuation.Inputs{S: 100, X: 110, T: 1.5, Sigma: 0.3}
	for _, c := range []struct {
		kind         valuation.Kind
		scale, r, q  float64
		put, monitor bool
	}{
		{valuation.Defer, 1, 0.05, 0, false, false},
		{valuation.Expand, 1.4, 0.05, 0, false, false},
		{valuation.Abandon, 1, 0, 0.03, true, false},
		{valuation.Contract, 0.6, -0.01, 0, true, false},
		{valuation.Defer, 1, 0.05, 0.04, false, true},
		{valuation.Abandon, 1, 0.05, 0, true, true},
	} {
		o := valuation.RealOption{Kind: c.kind, Inputs: in, ExpandFactor: c.scale, ContractFactor: c.scale}
		o.R, o.Q = c.r, c.q
		m, err := newMonitor(o, 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		if (m != nil) != c.monitor {
			t.Errorf("%v r %g q %g: monitored %v, want %v", c.kind, c.r, c.q, m != nil, c.monitor)
		}
		if c.monitor {
			continue
		}
		l := leg{s0: in.S, lns0: math.Log(in.S), vol: in.Sigma}
		f, err := valueAt(o, l, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []float64{40, 100, 180} {
			want := refCallQ(c.scale*s, in.X, in.T, in.Sigma, c.r, c.q)
			if c.put {
				want = refPutQ(c.scale*s, in.X, in.T, in.Sigma, c.r, c.q)
			}
			if got := f(s, math.Log(s)); math.Abs(got-want) > 1e-9*math.Max(want, 1) {
				t.Errorf("%v r %g q %g at S %g: %g, want %g", c.kind, c.r, c.q, s, got, want)
			}
		}
	}
}

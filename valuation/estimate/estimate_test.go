package estimate

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/expr-lang/expr"
	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
)

// gbmModel is one GBM driver feeding a single line driver * k.
func gbmModel(sigma, drift float64) CashFlowModel {
	return CashFlowModel{
		Years: 10, Rate: 0.10,
		Lines:   []Line{{Name: "revenue", Formula: "members * 2"}},
		Drivers: []Driver{{Name: "members", Value: 100, Uncertainty: &Uncertainty{Process: "gbm", Sigma: sigma, Drift: drift}}},
	}
}

// With one GBM driver and a line linear in it, the one-year return of the
// conditional value is exactly the driver's: σ_z = s. The naive estimate
// adds the later years' variance and must come out above it.
func TestGBMDriverGivesItsSigma(t *testing.T) {
	for _, s := range []float64{0.1, 0.3, 0.6} {
		res, err := gbmModel(s, 0.02).Estimate(context.Background(), Options{Paths: 20000, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(res.Sigma - s); d > 3*res.SigmaSE {
			t.Errorf("s=%g: corrected σ = %.5f ± %.5f, off by %.2g (> 3 se)", s, res.Sigma, res.SigmaSE, d)
		}
		if res.SigmaNaive < res.Sigma+3*res.SigmaNaiveSE {
			t.Errorf("s=%g: naive σ = %.5f is not above the corrected %.5f", s, res.SigmaNaive, res.Sigma)
		}
		// S against the closed form Σ 2·100·e^{m y}/1.1^y.
		var want float64
		for y := 1; y <= 10; y++ {
			want += 200 * math.Exp(0.02*float64(y)) / math.Pow(1.1, float64(y))
		}
		if d := math.Abs(res.S - want); d > 4*res.SSE {
			t.Errorf("s=%g: S = %.4f ± %.4f, closed form %.4f", s, res.S, res.SSE, want)
		}
	}
}

// A driver revealed in year 1 from a triangular distribution, feeding a
// line k·D over every year: z = ln D + const, so σ_z is the standard
// deviation of ln D, which the test integrates numerically.
func TestTriangularRevealedAgainstIntegral(t *testing.T) {
	a, c, b := 50.0, 80.0, 160.0
	m := CashFlowModel{
		Years: 5, Rate: 0.08,
		Lines:   []Line{{Name: "margin", Formula: "share * 5"}},
		Drivers: []Driver{{Name: "share", Value: 90, Uncertainty: &Uncertainty{Dist: "triangular", Low: a, Mode: c, High: b}}},
	}
	res, err := m.Estimate(context.Background(), Options{Paths: 40000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	pdf := func(v float64) float64 {
		if v < c {
			return 2 * (v - a) / ((b - a) * (c - a))
		}
		return 2 * (b - v) / ((b - a) * (b - c))
	}
	integ := func(f func(float64) float64) float64 {
		return quad.Fixed(func(v float64) float64 { return f(v) * pdf(v) }, a, c, 200, nil, 0) +
			quad.Fixed(func(v float64) float64 { return f(v) * pdf(v) }, c, b, 200, nil, 0)
	}
	m1 := integ(math.Log)
	m2 := integ(func(v float64) float64 { return math.Log(v) * math.Log(v) })
	want := math.Sqrt(m2 - m1*m1)
	if d := math.Abs(res.Sigma - want); d > 3*res.SigmaSE {
		t.Errorf("σ = %.5f ± %.5f, integral %.5f", res.Sigma, res.SigmaSE, want)
	}
	// A revealed driver is known at year 1: the naive PV₁ has no more
	// uncertainty, so the two estimates agree exactly.
	if math.Abs(res.SigmaNaive-res.Sigma) > 1e-12 {
		t.Errorf("naive %.15f differs from corrected %.15f for a revealed driver", res.SigmaNaive, res.Sigma)
	}
	meanD := (a + b + c) / 3
	var ann float64
	for y := 1; y <= 5; y++ {
		ann += 5 / math.Pow(1.08, float64(y))
	}
	if d := math.Abs(res.S - meanD*ann); d > 4*res.SSE {
		t.Errorf("S = %.4f ± %.4f, want %.4f", res.S, res.SSE, meanD*ann)
	}
}

func TestSameSeedSameNumbersOnAnyCores(t *testing.T) {
	m := benchModel()
	r1, err := m.Estimate(context.Background(), Options{Paths: 3000, Seed: 11, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	r4, err := m.Estimate(context.Background(), Options{Paths: 3000, Seed: 11, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if r1.S != r4.S || r1.Sigma != r4.Sigma || r1.SigmaNaive != r4.SigmaNaive || r1.SSE != r4.SSE {
		t.Fatalf("1 worker %+v\n4 workers %+v", r1, r4)
	}
	r2, _ := m.Estimate(context.Background(), Options{Paths: 3000, Seed: 12})
	if r2.Sigma == r1.Sigma {
		t.Fatal("another seed gave the same σ")
	}
}

func TestCancelStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := benchModel().Estimate(ctx, Options{Paths: 100000}); err == nil {
		t.Fatal("a cancelled estimate returned no error")
	}
}

func TestModelErrorsNameThePart(t *testing.T) {
	base := gbmModel(0.2, 0)
	cases := map[string]func(m *CashFlowModel){
		"years":            func(m *CashFlowModel) { m.Years = 0 },
		"rate":             func(m *CashFlowModel) { m.Rate = -1 },
		"line 1 (revenue)": func(m *CashFlowModel) { m.Lines[0].Formula = "members *" },
		"gives":            func(m *CashFlowModel) { m.Lines[0].Formula = "1e308 * members" },
		"uncertainty": func(m *CashFlowModel) {
			m.Drivers[0].Uncertainty = &Uncertainty{Dist: "pert", Low: 3, Mode: 1, High: 2}
		},
		"cannot be": func(m *CashFlowModel) { m.Drivers[0].Name = "year" },
	}
	for want, mutate := range cases {
		m := base
		m.Lines = append([]Line(nil), base.Lines...)
		m.Drivers = append([]Driver(nil), base.Drivers...)
		mutate(&m)
		err := m.Check()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", want, err)
		}
	}
}

// Hand-computed: values 100, 110, 99, 120.45 on days 0, 30, 91, 182.
func TestHistoryAgainstHandComputedSeries(t *testing.T) {
	d0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	pts := []Point{
		{d0.AddDate(0, 0, 91), 99}, {d0, 100}, {d0.AddDate(0, 0, 30), 110}, {d0.AddDate(0, 0, 182), 120.45},
	}
	res, err := History(pts)
	if err != nil {
		t.Fatal(err)
	}
	r := []float64{math.Log(110.0 / 100), math.Log(99.0 / 110), math.Log(120.45 / 99)}
	dt := []float64{30 / 365.25, 61 / 365.25, 91 / 365.25}
	mu := (r[0] + r[1] + r[2]) / (dt[0] + dt[1] + dt[2])
	e := func(i int) float64 { x := r[i] - mu*dt[i]; return x * x / dt[i] }
	want := math.Sqrt((e(0) + e(1) + e(2)) / 2)
	if math.Abs(res.Sigma-want) > 1e-12*want {
		t.Errorf("σ = %.16g, hand %.16g", res.Sigma, want)
	}
	if math.Abs(res.SigmaSE-want/2) > 1e-12 {
		t.Errorf("se = %g, want %g", res.SigmaSE, want/2)
	}
	u := func(i int) float64 { return r[i] * r[i] / dt[i] }
	v := u(0)
	v = 0.94*v + 0.06*u(1)
	v = 0.94*v + 0.06*u(2)
	if math.Abs(res.EWMA-math.Sqrt(v)) > 1e-12 {
		t.Errorf("EWMA = %.16g, hand %.16g", res.EWMA, math.Sqrt(v))
	}
	if res.From != "2025-01-01" || res.Returns != 3 {
		t.Errorf("from %s, %d returns", res.From, res.Returns)
	}
}

func TestHistoryRefusesBadSeries(t *testing.T) {
	d := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, pts := range map[string][]Point{
		"too short": {{d, 1}, {d.AddDate(0, 0, 1), 2}},
		"zero":      {{d, 1}, {d.AddDate(0, 0, 1), 0}, {d.AddDate(0, 0, 2), 2}},
		"same date": {{d, 1}, {d, 2}, {d.AddDate(0, 0, 2), 2}},
	} {
		if _, err := History(pts); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// The three-point σ recovers a lognormal's σ from its own quantiles.
func TestThreePointAgainstLognormalQuantiles(t *testing.T) {
	for _, c := range []struct{ mu, s, T float64 }{{4, 0.3, 1}, {10, 0.8, 4}, {0, 0.05, 0.5}} {
		d := distuv.LogNormal{Mu: c.mu, Sigma: c.s * math.Sqrt(c.T)}
		got, err := ThreePoint(d.Quantile(0.1), d.Quantile(0.5), d.Quantile(0.9), c.T)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-c.s) > 1e-9*c.s {
			t.Errorf("%+v: σ = %.12g", c, got)
		}
	}
	if _, err := ThreePoint(10, 5, 20, 1); err == nil {
		t.Error("unordered values accepted")
	}
	if _, err := ThreePoint(10, 15, 20, 0); err == nil {
		t.Error("zero horizon accepted")
	}
}

// Datar–Mathews in closed form against numerical integration of the
// triangular payoff, for strikes below, inside both pieces and above.
func TestDatarMathewsAgainstIntegral(t *testing.T) {
	a, c, b := 60.0, 100.0, 180.0
	pdf := func(v float64) float64 {
		if v < c {
			return 2 * (v - a) / ((b - a) * (c - a))
		}
		return 2 * (b - v) / ((b - a) * (b - c))
	}
	for _, x := range []float64{0, 40, 60, 75, 100, 130, 179, 180, 250} {
		got, err := DatarMathews(a, c, b, x, 0.9)
		if err != nil {
			t.Fatal(err)
		}
		f := func(v float64) float64 { return math.Max(v-x, 0) * pdf(v) }
		// Split at the kinks so the Legendre rule integrates polynomials.
		pts := []float64{a, c, b}
		if x > a && x < b {
			pts = append(pts, x)
		}
		sortFloats(pts)
		var want float64
		for i := 0; i+1 < len(pts); i++ {
			want += quad.Fixed(f, pts[i], pts[i+1], 20, nil, 0)
		}
		want *= 0.9
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("x=%g: closed form %.10f, integral %.10f", x, got, want)
		}
	}
	// Degenerate modes (c = a, c = b).
	for _, c := range []float64{60, 180} {
		got, _ := DatarMathews(60, c, 180, 100, 1)
		pd := func(v float64) float64 {
			if c == 60 {
				return 2 * (180 - v) / (120 * 120)
			}
			return 2 * (v - 60) / (120 * 120)
		}
		want := quad.Fixed(func(v float64) float64 { return (v - 100) * pd(v) }, 100, 180, 20, nil, 0)
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("mode %g: %.10f, integral %.10f", c, got, want)
		}
	}
}

func sortFloats(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] < x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

// benchModel: 5 lines over 10 years and 3 uncertain drivers.
func benchModel() CashFlowModel {
	return CashFlowModel{
		Years: 10, Rate: 0.09,
		Lines: []Line{
			{Name: "members' spend", Formula: "members * spend * 0.001"},
			{Name: "service savings", Formula: "members * deflection * 0.4"},
			{Name: "platform", Formula: "-120 - 5 * year"},
			{Name: "moderation", Formula: "-members * 0.002"},
			{Name: "referrals", Formula: "members * 0.01 * (1 + 0.02 * year)"},
		},
		Drivers: []Driver{
			{Name: "members", Value: 50000, Uncertainty: &Uncertainty{Process: "gbm", Sigma: 0.35, Drift: 0.05}},
			{Name: "spend", Value: 40, Uncertainty: &Uncertainty{Dist: "triangular", Low: 25, Mode: 40, High: 70}},
			{Name: "deflection", Value: 0.02, Uncertainty: &Uncertainty{Dist: "pert", Low: 0.005, Mode: 0.02, High: 0.05}},
		},
	}
}

func BenchmarkEstimate20000Paths(b *testing.B) {
	m := benchModel()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Estimate(context.Background(), Options{Paths: 20000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHistory10000(b *testing.B) {
	d := time.Date(2000, 1, 3, 0, 0, 0, 0, time.UTC)
	pts := make([]Point, 10000)
	v := 100.0
	for i := range pts {
		v *= math.Exp(0.01 * math.Sin(float64(i)*1.7))
		pts[i] = Point{d.AddDate(0, 0, i), v}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := History(pts); err != nil {
			b.Fatal(err)
		}
	}
}

// The hand-compiled lines agree with expr's VM on every formula of the
// subset, and formulas outside it fall back to the VM.
func TestFastLinesAgreeWithExpr(t *testing.T) {
	formulas := []string{
		"members * 2", "-120 - 5 * year", "members * spend * 0.001 + 3", "(members - 10) / (year + 1)",
		"members ** 0.5", "members ^ 2 / 1e6", "abs(spend - 50)", "min(members, 40000) + max(spend, 30)",
		"floor(spend / 7) + ceil(year / 2)", "-(spend) + +year", "7 / 2 * year",
	}
	slot := map[string]int{"members": 0, "spend": 1, "year": 2}
	for _, f := range formulas {
		fn := compileFast(f, slot)
		if fn == nil {
			t.Errorf("%q: not compiled", f)
			continue
		}
		for _, v := range [][3]float64{{50000, 40, 1}, {123.5, 77.25, 9}, {0.5, -3, 4}} {
			env := map[string]float64{"members": v[0], "spend": v[1], "year": v[2]}
			out, err := expr.Eval(f, env)
			if err != nil {
				t.Fatal(err)
			}
			want := toFloat(out)
			if got := fn(v[:]); math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%q at %v: fast %v, expr %v", f, v, got, want)
			}
		}
	}
	for _, f := range []string{"members % 7", "members > 3 ? 1 : 2", "len('ab')", "unknown * 2"} {
		if compileFast(f, slot) != nil {
			t.Errorf("%q compiled outside the subset", f)
		}
	}
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	return math.NaN()
}

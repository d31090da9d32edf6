package valuation

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gonum.org/v1/gonum/integrate/quad"
)

func TestBivariateNormal(t *testing.T) {
	// Closed forms: M(0, 0; rho) = 1/4 + asin(rho)/(2 pi); rho = 0 factorises.
	for _, rho := range []float64{-0.99, -0.9, -0.5, 0, 0.2, 0.5, 0.8, 0.95, 0.999} {
		if got, want := bivariateNormal(0, 0, rho), 0.25+math.Asin(rho)/(2*math.Pi); !scalar.EqualWithinAbs(got, want, 1e-14) {
			t.Errorf("M(0,0;%v) = %.16g, want %.16g", rho, got, want)
		}
	}
	// Numerical reference: M(a,b;rho) = int_{-inf}^a n(x) N((b - rho x)/sqrt(1-rho^2)) dx.
	for _, c := range []struct{ a, b, rho float64 }{
		{0.5, -0.3, 0.7}, {-1.2, 0.8, -0.4}, {1.5, 1.5, 0.95}, {-2, -1, 0.93}, {0.3, 2.1, -0.96}, {2.5, -0.5, 0.1},
	} {
		s := math.Sqrt(1 - c.rho*c.rho)
		f := func(x float64) float64 { return normPDF(x) * normCDF((c.b-c.rho*x)/s) }
		want := quad.Fixed(f, -40, c.a, 4000, quad.Legendre{}, 0)
		if got := bivariateNormal(c.a, c.b, c.rho); !scalar.EqualWithinAbs(got, want, 1e-12) {
			t.Errorf("M(%v,%v;%v) = %.15g, quadrature %.15g", c.a, c.b, c.rho, got, want)
		}
	}
}

func TestGeske(t *testing.T) {
	// Independent reference: the compound value as a one-dimensional
	// integral over the stage-date price, e^{-r t1} E[max(C(S_t1) - K1, 0)],
	// with the inner call by BSM, by Gauss-Legendre quadrature.
	in := Inputs{S: 500, X: 520, T: 0.5, Sigma: 0.35, R: 0.08}
	for _, c := range []struct {
		in     Inputs
		k1, t1 float64
	}{
		{in, 50, 0.25},
		{Inputs{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.01}, 10, 1},
		{Inputs{S: 80, X: 100, T: 5, Sigma: 0.9, R: 0.02, Q: 0.04}, 3, 4},
	} {
		got, err := Geske(c.in, c.k1, c.t1)
		if err != nil {
			t.Fatal(err)
		}
		v1 := c.in.Sigma * math.Sqrt(c.t1)
		mu := math.Log(c.in.S) + (c.in.R-c.in.Q-0.5*c.in.Sigma*c.in.Sigma)*c.t1
		f := func(z float64) float64 {
			inner := c.in
			inner.S = math.Exp(mu + v1*z)
			inner.T = c.in.T - c.t1
			ci, _ := BlackScholes(Call, inner)
			return math.Max(ci-c.k1, 0) * normPDF(z)
		}
		// Split at the exercise point z* where C(S_t1) = K1.
		inner := c.in
		inner.T = c.in.T - c.t1
		zs := (math.Log(criticalPrice(inner, c.k1)) - mu) / v1
		want := math.Exp(-c.in.R*c.t1) * quad.Fixed(f, zs, 12, 3000, quad.Legendre{}, 0)
		if !scalar.EqualWithinAbsOrRel(got, want, 1e-9, 1e-9) {
			t.Errorf("%+v K1=%v t1=%v: Geske %.10f, quadrature %.10f", c.in, c.k1, c.t1, got, want)
		}
	}
	// Cross-check against the compound lattice (stage date on a node:
	// 0.25/0.5 * 2001 steps is not an integer, error O(dt)).
	for _, c := range []struct {
		in       Inputs
		k1, t1   float64
		stepsTol float64
	}{
		{in, 50, 0.25, 0.02},
		{Inputs{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05, Q: 0.0}, 10, 1, 0.02},
		{Inputs{S: 100, X: 90, T: 2, Sigma: 0.25, R: 0.03, Q: 0.02}, 5, 1.5, 0.02},
	} {
		g, _ := Geske(c.in, c.k1, c.t1)
		l, err := CompoundLattice(c.in, c.k1, c.t1, 2001, false)
		if err != nil {
			t.Fatal(err)
		}
		if !scalar.EqualWithinAbs(g, l, c.stepsTol) {
			t.Errorf("%+v K1=%v t1=%v: Geske %.6f, lattice %.6f", c.in, c.k1, c.t1, g, l)
		}
	}
	// Limits: K1 = 0 is the plain call; t1 = 0 is max(C - K1, 0).
	c, _ := BlackScholes(Call, in)
	if g, _ := Geske(in, 0, 0.25); g != c {
		t.Errorf("K1 = 0: %v, want the call %v", g, c)
	}
	if g, _ := Geske(in, 10, 0); !scalar.EqualWithinAbs(g, c-10, 1e-12) {
		t.Errorf("t1 = 0: %v, want %v", g, c-10)
	}
	if _, err := Geske(in, 10, 0.6); err == nil {
		t.Errorf("t1 > T: no error")
	}
}

func TestRealOptionKinds(t *testing.T) {
	base := Inputs{S: 100, X: 80, T: 2, Sigma: 0.3, R: 0.05, Q: 0.03}
	// Expand is the American call on e*S (by the default method, the
	// boundary method).
	ex, _ := RealOption{Kind: Expand, Inputs: base, ExpandFactor: 0.5}.Value()
	in := base
	in.S = 50
	call, _ := ALO(Call, in, ALOStandard)
	if !scalar.EqualWithinAbsOrRel(ex.Value, call.Value, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(ex.Greeks.Delta, 0.5*call.Greeks.Delta, 1e-12, 1e-12) {
		t.Errorf("expand %+v, call on e*S %+v", ex, call)
	}
	// Abandon is the American put; with r <= 0 it is the European put.
	ab, _ := RealOption{Kind: Abandon, Inputs: Inputs{S: 100, X: 80, T: 2, Sigma: 0.3, R: 0, Q: 0.03}}.Value()
	put, _ := BlackScholes(Put, Inputs{S: 100, X: 80, T: 2, Sigma: 0.3, R: 0, Q: 0.03})
	if ab.Method != "Black-Scholes-Merton" || !scalar.EqualWithinAbsOrRel(ab.Value, put, 1e-12, 1e-12) {
		t.Errorf("abandon with r = 0: %+v, European put %v", ab, put)
	}
	// Defer without leakage is the BSM call (American = European).
	df, _ := RealOption{Kind: Defer, Inputs: Inputs{S: 100, X: 80, T: 2, Sigma: 0.3, R: 0.05}}.Value()
	if df.Method != "Black-Scholes-Merton" {
		t.Errorf("defer without leakage: method %q", df.Method)
	}
	// Choose is worth at least each of its parts and at most their sum.
	ch := RealOption{Kind: Choose, Inputs: base, ExpandFactor: 0.3, ContractFactor: 0.2, Salvage: 60}
	cv, err := ch.Value()
	if err != nil {
		t.Fatal(err)
	}
	parts := []RealOption{
		{Kind: Expand, Inputs: base, ExpandFactor: 0.3},
		{Kind: Contract, Inputs: Inputs{S: base.S, X: 0.2 * base.X, T: base.T, Sigma: base.Sigma, R: base.R, Q: base.Q}, ContractFactor: 0.2},
		{Kind: Abandon, Inputs: Inputs{S: base.S, X: 60, T: base.T, Sigma: base.Sigma, R: base.R, Q: base.Q}},
	}
	sum := 0.0
	for _, p := range parts {
		r, _ := p.Value()
		if cv.Value < r.Value-1e-3 {
			t.Errorf("choose %.6f below its part %s %.6f", cv.Value, p.Kind, r.Value)
		}
		sum += r.Value
	}
	if cv.Value > sum+1e-3 {
		t.Errorf("choose %.6f above the sum of its parts %.6f", cv.Value, sum)
	}
	// Staged: Geske without leakage; with leakage the boundary method at the stage date, worth
	// at most the plain American call.
	stIn := Inputs{S: 500, X: 520, T: 0.5, Sigma: 0.35, R: 0.08}
	st, _ := RealOption{Kind: Staged, Inputs: stIn, StageCost: 50, StageT: 0.25}.Value()
	if g, _ := Geske(stIn, 50, 0.25); st.Value != g || st.Method != "Geske compound (closed form)" {
		t.Errorf("staged = %+v, Geske %v", st, g)
	}
	sq, _ := RealOption{Kind: Staged, Inputs: base, StageCost: 5, StageT: 1}.Value()
	am, _ := LeisenReimer(Call, American, base, 1001)
	if !(sq.Value < am.Value) || sq.Value <= 0 {
		t.Errorf("staged with leakage %v, American call %v", sq.Value, am.Value)
	}
	if _, err := (RealOption{Kind: "swap", Inputs: base}).Value(); err == nil {
		t.Errorf("unknown kind: no error")
	}
}

func TestTrigger(t *testing.T) {
	// Perpetual American call trigger (Merton 1973; McDonald-Siegel):
	// S* = X beta/(beta - 1), beta = 1/2 - (r-q)/s^2 + sqrt(((r-q)/s^2 - 1/2)^2 + 2r/s^2).
	// With r = q = 0.05, sigma = 0.2: beta = 0.5 + sqrt(2.75), S* = 186.33
	// for X = 100, an upper bound of every finite-t trigger.
	beta := 0.5 + math.Sqrt(2.75)
	perp := 100 * beta / (beta - 1)
	prev := 100.0
	for _, T := range []float64{0.5, 2, 10, 30} {
		got, err := Trigger(Inputs{X: 100, T: T, Sigma: 0.2, R: 0.05, Q: 0.05})
		if err != nil {
			t.Fatal(err)
		}
		if !(got > prev && got < perp) {
			t.Errorf("trigger at t = %v: %.4f, want increasing in t (previous %.4f) and below the perpetual %.4f", T, got, prev, perp)
		}
		prev = got
	}
	// Accuracy: within 0.5% of the trigger of a 4001-step lattice (itself
	// about 0.3% low: the lattice trigger converges like n^{-1/2}).
	fine := func(in Inputs) float64 {
		lo, hi := in.X, 4*in.X
		for hi-lo > 1e-6*hi {
			mid := 0.5 * (lo + hi)
			x := in
			x.S = mid
			if lrValue(Call, American, x, 4001) <= mid-in.X {
				hi = mid
			} else {
				lo = mid
			}
		}
		return hi
	}
	for _, tin := range []Inputs{{X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.08}, {X: 100, T: 0.5, Sigma: 0.2, R: 0.05, Q: 0.1}} {
		if got, want := mustTrigger(t, tin), fine(tin); !scalar.EqualWithinRel(got, want, 5e-3) || got < want {
			t.Errorf("%+v: trigger %.4f, 4001-step lattice %.4f", tin, got, want)
		}
	}
	// Just above the trigger the American call is worth S - X; just below
	// it is worth more.
	in := Inputs{X: 100, T: 2, Sigma: 0.3, R: 0.05, Q: 0.08}
	s, _ := Trigger(in)
	for _, c := range []struct {
		S     float64
		equal bool
	}{{s * 1.01, true}, {s * 0.99, false}} {
		x := in
		x.S = c.S
		v := lrValue(Call, American, x, 4001)
		if (math.Abs(v-(c.S-100)) < 1e-9) != c.equal {
			t.Errorf("S = %.4f (trigger %.4f): value %.6f, S - X %.6f", c.S, s, v, c.S-100)
		}
	}
	if s, _ := Trigger(Inputs{X: 100, T: 2, Sigma: 0.3, R: 0.05}); !math.IsInf(s, 1) {
		t.Errorf("no leakage: trigger %v, want +Inf", s)
	}
	// Put trigger: below it the American put is exercised.
	ps, _ := PutTrigger(Inputs{X: 40, T: 1, Sigma: 0.2, R: 0.06})
	if !(ps > 30 && ps < 40) {
		t.Errorf("put trigger %v", ps)
	}
}

func TestBreakEven(t *testing.T) {
	in := Inputs{S: 150, X: 100, T: 2, Sigma: 0.2, R: 0.05, Q: 0.08}
	sv, err := BreakEvenVolatility(in)
	if err != nil || !(sv > 0 && sv < MaxSigma) {
		t.Fatalf("BreakEvenVolatility = %v, %v", sv, err)
	}
	// At that volatility the trigger is S.
	x := in
	x.Sigma = sv
	if trig, _ := Trigger(x); !scalar.EqualWithinRel(trig, in.S, 2e-3) {
		t.Errorf("trigger at break-even volatility %.6f is %.4f, want S = %v", sv, trig, in.S)
	}
	lx, bx, err := BreakEvenInvestment(in)
	if err != nil || lx != 0 {
		t.Fatalf("BreakEvenInvestment = %v to %v, %v; want 0 to the trigger's X (one boundary)", lx, bx, err)
	}
	x = in
	x.X = bx
	if trig, _ := Trigger(x); !scalar.EqualWithinRel(trig, in.S, 1e-6) {
		t.Errorf("trigger at break-even investment %.4f is %.4f, want S = %v", bx, trig, in.S)
	}
	if v, _ := BreakEvenVolatility(Inputs{S: 90, X: 100, T: 1, Sigma: 0.2, R: 0.05, Q: 0.1}); v != 0 {
		t.Errorf("S < X: %v, want 0", v)
	}
}

func TestTornadoAndLearning(t *testing.T) {
	o := RealOption{Kind: Defer, Inputs: Inputs{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05}}
	base, _, err := o.ValueOnly()
	if err != nil {
		t.Fatal(err)
	}
	sw, err := Tornado(o, base, 0.2, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if len(sw) != 6 {
		t.Fatalf("%d swings", len(sw))
	}
	for i, s := range sw {
		if i > 0 && s.Impact > sw[i-1].Impact {
			t.Errorf("not sorted: %+v", sw)
		}
		if s.Input == "S" {
			// Independent: the BSM call at S = 80 and 120.
			lo, _ := BlackScholes(Call, Inputs{S: 80, X: 110, T: 3, Sigma: 0.4, R: 0.05})
			hi, _ := BlackScholes(Call, Inputs{S: 120, X: 110, T: 3, Sigma: 0.4, R: 0.05})
			if !scalar.EqualWithinAbsOrRel(s.ValueLow, lo, 1e-12, 1e-12) || !scalar.EqualWithinAbsOrRel(s.ValueHigh, hi, 1e-12, 1e-12) {
				t.Errorf("S swing %+v, BSM %v %v", s, lo, hi)
			}
		}
	}
	if sw[0].Input != "S" {
		t.Errorf("largest impact %q, want S", sw[0].Input)
	}
	rank, err := RankLearning([]RealOption{
		{Kind: Defer, Inputs: Inputs{S: 10, X: 100, T: 1, Sigma: 0.2, R: 0.05}},  // deep out of the money
		{Kind: Defer, Inputs: Inputs{S: 100, X: 100, T: 3, Sigma: 0.4, R: 0.05}}, // at the money
	})
	if err != nil || rank[0].Index != 1 {
		t.Errorf("learning ranking %+v, %v", rank, err)
	}
	// The vega of the BSM call (no leakage) by the analytic formula.
	g, _ := BlackScholesGreeks(Call, Inputs{S: 100, X: 100, T: 3, Sigma: 0.4, R: 0.05})
	if !scalar.EqualWithinRel(rank[0].Vega, g.Greeks.Vega, 1e-3) {
		t.Errorf("learning vega %v, analytic %v", rank[0].Vega, g.Greeks.Vega)
	}
}

func TestPlaceKinds(t *testing.T) {
	th := DefaultThresholds()
	for _, o := range []RealOption{
		{Kind: Expand, Inputs: Inputs{S: 100, X: 30, T: 2, Sigma: 0.3, R: 0.05}, ExpandFactor: 0.5},
		{Kind: Contract, Inputs: Inputs{S: 100, X: 15, T: 2, Sigma: 0.3, R: 0.05}, ContractFactor: 0.2},
		{Kind: Abandon, Inputs: Inputs{S: 100, X: 70, T: 2, Sigma: 0.3, R: 0.05}},
		{Kind: Choose, Inputs: Inputs{S: 100, X: 30, T: 2, Sigma: 0.3, R: 0.05}, ExpandFactor: 0.5, ContractFactor: 0.2, Salvage: 60},
		{Kind: Staged, Inputs: Inputs{S: 100, X: 90, T: 3, Sigma: 0.3, R: 0.05}, StageCost: 5, StageT: 1},
	} {
		p, err := Place(o, th)
		if err != nil {
			t.Fatalf("%s: %v", o.Kind, err)
		}
		if p.Region < 1 || p.Region > 6 || !explainsRegion(p, th) || math.IsNaN(p.NPVq) || math.IsNaN(p.Value) {
			t.Errorf("%s: %+v", o.Kind, p)
		}
		if RegionOf(p, th) != p.Region {
			t.Errorf("%s: RegionOf disagrees with Place", o.Kind)
		}
	}
	// Put-like mirror: P/PV(X) = CallShare(PV(X)/S, sigma sqrt t) for a
	// European put without leakage (r = 0 so the American put is European).
	o := RealOption{Kind: Abandon, Inputs: Inputs{S: 100, X: 80, T: 2, Sigma: 0.3}}
	p, _ := Place(o, th)
	put, _ := BlackScholes(Put, o.Inputs)
	if !scalar.EqualWithinAbsOrRel(p.CallShare, put/80, 1e-12, 1e-12) {
		t.Errorf("mirror: CallShare %v, P/PV(X) %v", p.CallShare, put/80)
	}
}

func mustTrigger(t *testing.T, in Inputs) float64 {
	t.Helper()
	s, err := Trigger(in)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

package portfolio

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// refN is the standard normal CDF, written here independently of package
// valuation.
func refN(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// refCall is the Black-Scholes call without leakage (Hull, "Options,
// Futures and Other Derivatives", eq. 15.20), written independently.
func refCall(S, X, T, sigma, r float64) float64 {
	if T <= 0 || sigma <= 0 {
		return math.Max(S-X*math.Exp(-r*T), 0)
	}
	v := sigma * math.Sqrt(T)
	d1 := (math.Log(S/X) + (r+sigma*sigma/2)*T) / v
	return S*refN(d1) - X*math.Exp(-r*T)*refN(d1-v)
}

// refCompound is a European call (strike K1, expiry t1) on the European
// call C(S_t1, X, T - t1), by Simpson's rule over the normal density of
// ln S_t1: an independent check of Geske's bivariate-normal closed form.
func refCompound(S, X, T, sigma, r, K1, t1 float64) float64 {
	const n = 8000 // even
	a, b := -12.0, 12.0
	h := (b - a) / n
	f := func(z float64) float64 {
		st := S * math.Exp((r-sigma*sigma/2)*t1+sigma*math.Sqrt(t1)*z)
		return math.Max(refCall(st, X, T-t1, sigma, r)-K1, 0) * math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
	}
	sum := f(a) + f(b)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(a+float64(i)*h)
	}
	return math.Exp(-r*t1) * sum * h / 3
}

func TestRefCallHull(t *testing.T) {
	// Hull, Example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5: c = 4.76.
	if got := refCall(42, 40, 0.5, 0.2, 0.1); !scalar.EqualWithinAbs(got, 4.76, 0.005) {
		t.Fatalf("reference call %g, want 4.76 (Hull)", got)
	}
}

// handPortfolio is three initiatives and two drivers, continuous rate 5%,
// no leakage (so every value is a closed form): the pilot gates the
// rollout.
//
//	pilot:   S = members*value_per_member*0.1 = 10,000, X = 12,000, sigma 0.30, 365 days
//	rollout: S = members*value_per_member   = 100,000, X = 110,000, sigma 0.40, 1096 days
//	care:    S = 50,000, X = 40,000, sigma = 0.2 + value_per_member/1000 = 0.30, 730 days
func handPortfolio() *model.Portfolio {
	p := model.NewSCRMTemplate("hand", model.NewDate(2026, time.January, 1))
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = 0.05
	p.Drivers = []model.Driver{
		{Name: "members", Value: 1000, Low: 500, High: 2000},
		{Name: "value_per_member", Value: 100, Low: 50, High: 150},
	}
	p.Initiatives = []model.Initiative{
		{ID: "pilot", Name: "Pilot", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Formula("members * value_per_member * 0.1"), X: model.Number(12000), Sigma: model.Number(0.3),
			Deadline: model.NewDate(2027, time.January, 1)},
		{ID: "rollout", Name: "Rollout", Tag: "community", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Formula("members * value_per_member"), X: model.Number(110000), Sigma: model.Number(0.4),
			Deadline: model.NewDate(2029, time.January, 1)},
		{ID: "care", Name: "Care team", Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen,
			S: model.Number(50000), X: model.Number(40000), Sigma: model.Formula("0.2 + value_per_member/1000"),
			Deadline: model.NewDate(2028, time.January, 1)},
	}
	p.Links = []model.Link{{From: "pilot", To: "rollout", Kind: model.LinkGates}}
	return p
}

func TestEvaluateHandPortfolio(t *testing.T) {
	p := handPortfolio()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Problems) != 0 {
		t.Fatalf("problems: %v", v.Problems)
	}
	const r = 0.05
	tA, tB, tC := 365/365.25, 1096/365.25, 730/365.25 // days between the dates
	vA := refCall(10000, 12000, tA, 0.3, r)
	vB := refCall(100000, 110000, tB, 0.4, r)
	vC := refCall(50000, 40000, tC, 0.3, r)
	k1 := 12000 - 10000*math.Exp(r*tA) // the pilot's unrecovered cost at its deadline
	fo := refCompound(100000, 110000, tB, 0.4, r, k1, tA)
	t.Logf("hand values: A %.4f B %.4f C %.4f K1 %.4f follow-on %.4f", vA, vB, vC, k1, fo)

	a, b, c := v.ByID("pilot"), v.ByID("rollout"), v.ByID("care")
	for _, x := range []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"pilot S", a.S, 10000, 1e-12}, {"rollout S", b.S, 100000, 1e-12}, {"care sigma", c.Sigma, 0.3, 1e-12},
		{"pilot T", a.T, tA, 1e-12}, {"rollout T", b.T, tB, 1e-12},
		{"pilot value", a.Position.Value, vA, 1e-9},
		{"rollout value", b.Position.Value, vB, 1e-9},
		{"care value", c.Position.Value, vC, 1e-9},
		{"pilot follow-on (Geske vs quadrature)", a.FollowOn, fo, 1e-6},
		{"pilot with follow-ons", a.WithFollowOns, vA + fo, 1e-6},
		{"pilot NPVq", a.Position.NPVq, 10000 / (12000 * math.Exp(-r*tA)), 1e-12},
		{"rollout cumvol", b.Position.CumVol, 0.4 * math.Sqrt(tB), 1e-12},
		{"option value", v.OptionValue, vA + vC, 1e-9},
		{"follow-on value", v.FollowOnValue, fo, 1e-6},
		{"total", v.Total, vA + vC + fo, 1e-6},
		{"static NPV", v.StaticNPV, -2000 - 10000 + 10000, 1e-9},
		{"flexibility", v.Flexibility, vA + vC + fo + 2000, 1e-6},
	} {
		if !scalar.EqualWithinAbsOrRel(x.got, x.want, x.tol, x.tol) {
			t.Errorf("%s = %.10g, want %.10g", x.name, x.got, x.want)
		}
	}
	if b.CountedIn != "pilot" || b.Counts() || !a.Counts() || !c.Counts() {
		t.Errorf("counting: rollout counted in %q (counts %v), pilot counts %v, care counts %v", b.CountedIn, b.Counts(), a.Counts(), c.Counts())
	}
	// Regions by the documented rules, from the hand values: NPVq <= 1 ->
	// C/S (= value/S here: European, no leakage) against 10% and 2%;
	// care has NPV > 0, no leakage (no trigger) and time value above 1%.
	if a.Position.NPVq > 1 || vA/10000 < 0.02 || vA/10000 >= 0.10 || a.Position.Region != valuation.RegionProbablyNever {
		t.Errorf("pilot region %v (NPVq %g, C/S %g), want 5", a.Position.Region, a.Position.NPVq, vA/10000)
	}
	// Rollout: NPVq = 100000/(110000 e^{-0.05 tB}) = 1.056 > 1, NPV < 0.
	if b.Position.NPVq <= 1 || b.Position.Region != valuation.RegionProbablyLater {
		t.Errorf("rollout region %v, want 3 (NPVq %g)", b.Position.Region, b.Position.NPVq)
	}
	if (vC-10000)/50000 <= 0.01 || c.Position.Region != valuation.RegionMaybeNow {
		t.Errorf("care region %v, want 2", c.Position.Region)
	}

	// Without links every initiative counts at its stand-alone value.
	v2, err := Evaluate(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := vA + vB + vC; !scalar.EqualWithinAbsOrRel(v2.Total, want, 1e-9, 1e-9) || v2.FollowOnValue != 0 {
		t.Errorf("without links total %g, want %g", v2.Total, want)
	}
}

// TestCompoundLimits: the follow-on value is the rollout's call when the
// pilot pays for itself (K1 = 0), and falls as the pilot's cost rises.
func TestCompoundLimits(t *testing.T) {
	p := handPortfolio()
	p.Initiatives[0].X = model.Number(5000) // S_A e^{r tA} > X_A: K1 = 0
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	tB := 1096 / 365.25
	if got, want := v.ByID("pilot").FollowOn, refCall(100000, 110000, tB, 0.4, 0.05); !scalar.EqualWithinAbsOrRel(got, want, 1e-9, 1e-9) {
		t.Errorf("follow-on with K1 = 0: %g, want the rollout's call %g", got, want)
	}
	prev := math.Inf(1)
	for _, x := range []float64{12000, 20000, 40000, 80000} {
		p.Initiatives[0].X = model.Number(x)
		v, _ := Evaluate(p, Options{WithLinks: true})
		fo := v.ByID("pilot").FollowOn
		if !(fo < prev) || fo < 0 {
			t.Errorf("follow-on %g at pilot cost %g not below %g", fo, x, prev)
		}
		prev = fo
	}
}

func TestExcludesPicksBest(t *testing.T) {
	p := handPortfolio()
	p.Initiatives = append(p.Initiatives, model.Initiative{ID: "care-lite", Name: "Care lite", Tag: "action", Kind: model.KindDefer,
		Status: model.StatusOpen, S: model.Number(30000), X: model.Number(28000), Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1)})
	p.Links = append(p.Links, model.Link{From: "care-lite", To: "care", Kind: model.LinkExcludes})
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	lite, care := v.ByID("care-lite"), v.ByID("care")
	tC := 730 / 365.25
	if want := refCall(30000, 28000, tC, 0.3, 0.05); !scalar.EqualWithinAbsOrRel(lite.Position.Value, want, 1e-9, 1e-9) {
		t.Fatalf("care lite %g, want %g", lite.Position.Value, want)
	}
	if lite.ExcludedBy != "care" || care.ExcludedBy != "" || lite.Counts() {
		t.Errorf("excludes: lite excluded by %q, care by %q; want the better (care) counted", lite.ExcludedBy, care.ExcludedBy)
	}
	// Make the lite version the better one: it is picked instead.
	p.Initiatives[3].S = model.Number(90000)
	v, _ = Evaluate(p, Options{WithLinks: true})
	if v.ByID("care").ExcludedBy != "care-lite" || v.ByID("care-lite").ExcludedBy != "" {
		t.Errorf("after the change care excluded by %q", v.ByID("care").ExcludedBy)
	}
	v0, _ := Evaluate(handPortfolio(), Options{WithLinks: true})
	if want := v0.Total - v0.ByID("care").Position.Value + v.ByID("care-lite").Position.Value; !scalar.EqualWithinAbsOrRel(v.Total, want, 1e-9, 1e-9) {
		t.Errorf("total %g counts more than the best of the set (%g)", v.Total, want)
	}
}

func TestCycleRefused(t *testing.T) {
	p := handPortfolio()
	p.Links = append(p.Links,
		model.Link{From: "rollout", To: "care", Kind: model.LinkFollowOn},
		model.Link{From: "care", To: "pilot", Kind: model.LinkGates})
	_, err := Evaluate(p, Options{WithLinks: true})
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("want a *CycleError, got %v", err)
	}
	if got := strings.Join(ce.Path, " -> "); got != "care -> pilot -> rollout -> care" {
		t.Errorf("cycle path %q", got)
	}
	if !strings.Contains(err.Error(), `"Care team" -> "Pilot" -> "Rollout" -> "Care team"`) {
		t.Errorf("message does not name the cycle: %v", err)
	}
}

func TestFormulaErrors(t *testing.T) {
	for _, c := range []struct {
		field, formula string
		want           []string
		col            int
	}{
		{"S", "members * pilots", []string{`initiative "Pilot"`, "S = ", "unknown name pilots", "character 11 of the formula"}, 11},
		{"S", "members * (value_per_member", []string{"S = ", "unexpected token EOF"}, 0},
		{"X", "members / (value_per_member - 100)", []string{"X = ", "division by zero", "(value_per_member - 100)", "character 9 of the formula"}, 9},
		{"sigma", "members / 100", []string{"sigma = ", "result 10 is out of range [0, 3]"}, 0},
		{"S", "members > 3", []string{"S = ", "bool"}, 0},
	} {
		p := handPortfolio()
		in := &p.Initiatives[0]
		switch c.field {
		case "S":
			in.S = model.Formula(c.formula)
		case "X":
			in.X = model.Formula(c.formula)
		case "sigma":
			in.Sigma = model.Formula(c.formula)
		}
		v, err := Evaluate(p, Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		r := v.ByID("pilot")
		var fe *FormulaError
		if !errors.As(r.Err, &fe) || fe.Field != c.field {
			t.Errorf("%q: want a FormulaError on %s, got %v", c.formula, c.field, r.Err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(r.Err.Error(), w) {
				t.Errorf("%q: message %q lacks %q", c.formula, r.Err, w)
			}
		}
		if c.col != 0 && fe.Col != c.col {
			t.Errorf("%q: column %d, want %d", c.formula, fe.Col, c.col)
		}
		if len(v.Problems) != 1 || v.Problems[0].Initiative != "Pilot" || v.Problems[0].Field != c.field {
			t.Errorf("%q: problems %v", c.formula, v.Problems)
		}
		// The others are still valued; the rollout now counts alone.
		if v.ByID("care").Err != nil || !v.ByID("rollout").Counts() {
			t.Errorf("%q: other initiatives not valued", c.formula)
		}
		if err := CheckFormula(p, c.field, c.formula); err == nil {
			t.Errorf("CheckFormula(%q) = nil", c.formula)
		}
	}
	if err := CheckFormula(handPortfolio(), "S", "members * value_per_member"); err != nil {
		t.Errorf("CheckFormula of a good formula: %v", err)
	}
}

// TestPlaceMatchesValuation: the portfolio's placement (one pricing, cached
// triggers, step count) gives exactly what valuation.Place gives, for
// every kind, so the map, the tables and the engine agree (its trigger,
// left for later where the region does not read it, once computed).
func TestPlaceMatchesValuation(t *testing.T) {
	th := valuation.DefaultThresholds()
	base := valuation.Inputs{S: 120, X: 100, T: 1.5, Sigma: 0.3, R: 0.04, Q: 0.05}
	opts := []valuation.RealOption{
		{Kind: valuation.Defer, Inputs: base},
		{Kind: valuation.Defer, Inputs: valuation.Inputs{S: 80, X: 100, T: 2, Sigma: 0.4, R: 0.04}},
		{Kind: valuation.Expand, Inputs: base, ExpandFactor: 0.5},
		{Kind: valuation.Abandon, Inputs: valuation.Inputs{S: 90, X: 100, T: 2, Sigma: 0.3, R: 0.04, Q: 0.01}},
		{Kind: valuation.Contract, Inputs: base, ContractFactor: 0.3},
		{Kind: valuation.Choose, Inputs: base, ExpandFactor: 0.3, ContractFactor: 0.2, Salvage: 60},
		{Kind: valuation.Staged, Inputs: valuation.Inputs{S: 120, X: 100, T: 2, Sigma: 0.3, R: 0.04}, StageCost: 10, StageT: 0.5},
	}
	for _, o := range opts {
		want, err := valuation.Place(o, th)
		if err != nil {
			t.Fatal(err)
		}
		got, err := place(o, th, 0)
		if err != nil {
			t.Fatal(err)
		}
		// place computes the trigger only where the region rule reads it;
		// on demand it is Place's.
		if got.HasTrigger() != (got.NPVq > 1 && got.NPV > 0) {
			t.Errorf("%s: trigger computed %v with NPVq %g, NPV %g", o.Kind, got.HasTrigger(), got.NPVq, got.NPV)
		}
		if got, err = got.WithTrigger(o.Inputs, cachedTrigger); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: place\n got %+v\nwant %+v", o.Kind, got, want)
		}
	}
}

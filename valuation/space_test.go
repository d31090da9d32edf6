package valuation

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestCallShareDomainCheckValues(t *testing.T) {
	// Check values of Luehrman's (1998) table of call values (C/S in percent), to 0.1 percentage point.
	for _, c := range []struct{ npvq, cumvol, pct float64 }{
		{1.00, 0.50, 19.7},
		{0.80, 0.30, 4.4},
		{1.50, 1.00, 50.9},
		{2.00, 0.05, 50.0},
	} {
		got := 100 * CallShare(c.npvq, c.cumvol)
		if !scalar.EqualWithinAbs(got, c.pct, 0.1) {
			t.Errorf("CallShare(%v, %v) = %.3f%%, want %.1f%%", c.npvq, c.cumvol, got, c.pct)
		}
	}
}

func TestCallShareMatchesBlackScholes(t *testing.T) {
	// C/S from the two metrics equals the BSM call over S without leakage.
	for _, in := range []Inputs{
		{S: 100, X: 110, T: 3, Sigma: 0.4, R: 0.05},
		{S: 30, X: 100, T: 0.5, Sigma: 0.9, R: 0.02},
		{S: 300, X: 100, T: 8, Sigma: 0.1, R: 0.07},
	} {
		c, _ := BlackScholes(Call, in)
		got := CallShare(NPVq(in.S, in.X, in.R, in.T), CumulativeVolatility(in.Sigma, in.T))
		if !scalar.EqualWithinAbsOrRel(got, c/in.S, 1e-12, 1e-12) {
			t.Errorf("%+v: CallShare %.15g, C/S %.15g", in, got, c/in.S)
		}
	}
}

func TestCallShareLimits(t *testing.T) {
	for _, c := range []struct{ npvq, cumvol, want float64 }{
		{0, 0.5, 0},
		{-1, 0.5, 0},
		{math.NaN(), 0.5, 0},
		{math.Inf(1), 0.5, 1},
		{2, 0, 0.5},
		{0.5, 0, 0},
		{1, 0, 0},
		{4, 1e-300, 0.75},
	} {
		if got := CallShare(c.npvq, c.cumvol); !scalar.EqualWithinAbsOrRel(got, c.want, 1e-15, 1e-15) {
			t.Errorf("CallShare(%v, %v) = %v, want %v", c.npvq, c.cumvol, got, c.want)
		}
	}
}

func TestNPVq(t *testing.T) {
	// Luehrman's discrete convention through ContinuousRate: 100/(110/1.05^3).
	rc := Discrete.ContinuousRate(0.05)
	want := 100 / (110 / math.Pow(1.05, 3))
	if got := NPVq(100, 110, rc, 3); !scalar.EqualWithinAbsOrRel(got, want, 1e-13, 1e-13) {
		t.Errorf("NPVq discrete = %v, want %v", got, want)
	}
	if got := NPVq(100, 110, 0.05, 3); !scalar.EqualWithinAbsOrRel(got, 100/(110*math.Exp(-0.15)), 1e-13, 1e-13) {
		t.Errorf("NPVq continuous = %v", got)
	}
	if got := NPVq(1, 0, 0.05, 3); !math.IsInf(got, 1) {
		t.Errorf("NPVq with X = 0 = %v, want +Inf", got)
	}
	if got := CumulativeVolatility(0.4, 4); got != 0.8 {
		t.Errorf("CumulativeVolatility(0.4, 4) = %v, want 0.8", got)
	}
}

func TestPlaceDeferRegions(t *testing.T) {
	th := DefaultThresholds()
	cases := []struct {
		name string
		in   Inputs
		want Region
	}{
		// NPVq = 0.6 e^{0.12} = 0.68 with cumulative volatility 1.2: C/S above 10%.
		{"maybe later", Inputs{S: 60, X: 100, T: 4, Sigma: 0.6, R: 0.03}, RegionMaybeLater},
		// NPVq < 1, C/S between 2% and 10%.
		{"probably never", Inputs{S: 80, X: 100, T: 1, Sigma: 0.3}, RegionProbablyNever}, // Luehrman (1998): NPVq 0.8, 0.3 -> 4.4%
		// NPVq < 1, no volatility left.
		{"never", Inputs{S: 50, X: 100, T: 0.5, Sigma: 0.05, R: 0.03}, RegionNever},
		// NPVq > 1 but S < X.
		{"probably later", Inputs{S: 98, X: 100, T: 3, Sigma: 0.3, R: 0.05}, RegionProbablyLater},
		// S > X, no leakage: waiting keeps a large premium.
		{"maybe now", Inputs{S: 110, X: 100, T: 3, Sigma: 0.4, R: 0.05}, RegionMaybeNow},
		// S far above X with leakage: above the trigger.
		{"invest now (trigger)", Inputs{S: 300, X: 100, T: 3, Sigma: 0.3, R: 0.05, Q: 0.1}, RegionInvestNow},
		// No leakage but almost no time value left: within 1% of S.
		{"invest now (premium)", Inputs{S: 200, X: 100, T: 0.1, Sigma: 0.1, R: 0.0}, RegionInvestNow},
	}
	for _, c := range cases {
		p, err := Place(RealOption{Kind: Defer, Inputs: c.in}, th)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Region != c.want {
			t.Errorf("%s: region %d (%s), want %d; %s", c.name, p.Region, p.Region, c.want, p.Explain(th, plainAmount))
		}
		if !explainsRegion(p, th) || p.Method == "" {
			t.Errorf("%s: reason %q does not state its region's rule, or no method: %+v", c.name, p.Explain(th, plainAmount), p)
		}
	}
}

// plainAmount writes an amount for a reason line in tests.
func plainAmount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// TestExplainWithoutTrigger: an option waiting in region 2 with no
// trigger (no leakage: waiting always pays) says so, instead of
// "below the trigger: none".
func TestExplainWithoutTrigger(t *testing.T) {
	th := DefaultThresholds()
	p, err := Place(RealOption{Kind: Defer, Inputs: Inputs{S: 110, X: 100, T: 3, Sigma: 0.4, R: 0.05}}, th)
	if err != nil {
		t.Fatal(err)
	}
	got := p.Explain(th, plainAmount)
	if p.Region != RegionMaybeNow || !strings.Contains(got, "there is no trigger: investing now never beats waiting") || strings.Contains(got, "none") {
		t.Errorf("region %d: %q", p.Region, got)
	}
}

// explainsRegion reports whether p's reason states the rule of its region
// (Luehrman's map: regions 4-6 by NPVq <= 1 and C/S, 3 by NPVq > 1 with
// NPV <= 0, 1 and 2 by NPV > 0).
func explainsRegion(p Position, th Thresholds) bool {
	why := p.Explain(th, plainAmount)
	switch p.Region {
	case RegionMaybeLater, RegionProbablyNever, RegionNever:
		return strings.HasPrefix(why, "NPVq ") && strings.Contains(why, "<= 1, C/S ")
	case RegionProbablyLater:
		return strings.Contains(why, "> 1 but NPV ") && strings.HasSuffix(why, "<= 0")
	case RegionInvestNow, RegionMaybeNow:
		return strings.HasPrefix(why, "NPV ") && strings.Contains(why, " > 0")
	}
	return false
}

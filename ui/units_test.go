package ui

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation"
)

func TestParseAmount(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"1200000", 1.2e6}, {"1,200,000", 1.2e6}, {"1.2M", 1.2e6}, {"700k", 7e5}, {"2B", 2e9},
		{"30%", 0.3}, {" 0.35 ", 0.35}, {"-5", -5}, {"1e6", 1e6},
	} {
		got, err := parseAmount(c.in)
		if err != nil || !scalar.EqualWithinAbsOrRel(got, c.want, 0, 1e-15) {
			t.Errorf("parseAmount(%q) = %g, %v, want %g", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "abc", "members * 2", "1.2.3", "NaN", "Inf", "%"} {
		if _, err := parseAmount(bad); !errors.Is(err, errNotNumber) {
			t.Errorf("parseAmount(%q) accepted", bad)
		}
	}
	for _, v := range []float64{0, 1e6, 0.35, 1380000, 1e-9, 2.5e20, -0.02} {
		if got, err := parseAmount(formatNumber(v)); err != nil || got != v {
			t.Errorf("formatNumber(%g) = %q reads back as %g", v, formatNumber(v), got)
		}
	}
}

func TestGroupThousandsAndSigned(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{2400000, "2,400,000"}, {-1234.4, "-1,234"}, {999, "999"}, {0.4, "0"}, {1000, "1,000"}} {
		if got := groupThousands(c.v); got != c.want {
			t.Errorf("groupThousands(%g) = %q, want %q", c.v, got, c.want)
		}
	}
	if signed("2.40M") != "+2.40M" || signed("-5") != "-5" || signed("0") != "0" {
		t.Error("signed")
	}
}

func TestWrapLabel(t *testing.T) {
	s := "value-to-cost NPVq = S / PV(X)  (log scale)\ndashed: NPV = 0;  dotted: invest-now edge without leakage;  both for t = (σ√t / 30%)², r = 3.92% (continuous)"
	got := wrapLabel(s, 60)
	for _, line := range strings.Split(got, "\n") {
		if n := len([]rune(line)); n > 60 {
			t.Errorf("line of %d runes: %q", n, line)
		}
	}
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(s), " ") {
		t.Errorf("wrapping lost text:\n%s", got)
	}
	if wrapLabel("short", 60) != "short" {
		t.Error("a short label changed")
	}
}

func TestClosingSoon(t *testing.T) {
	ses := newTestSession(t)
	// As of 2026-10-01 the sample's open deadlines within 90 days: none
	// (the nearest, 2027-04-01, is 182 days away); within 200 days the two
	// of 2027-04-01.
	if got := closingSoon(ses.Portfolio, ses.Valuation, 90); len(got) != 0 {
		t.Fatalf("within 90 days: %+v", got)
	}
	got := closingSoon(ses.Portfolio, ses.Valuation, 200)
	if len(got) != 2 || got[0].days != 182 {
		t.Fatalf("within 200 days: %+v", got)
	}
	ids := got[0].id + " " + got[1].id
	if !strings.Contains(ids, "community-pilot") || !strings.Contains(ids, "social-routing") {
		t.Fatalf("closing: %s", ids)
	}
}

// normCDF is N(x) by the complementary error function.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

func TestSimulationAgainstClosedForms(t *testing.T) {
	// One at-the-money leg: U = C = 1M, t = 2, sigma = 30%, r = 4%, q = 0;
	// regions read at h = 1.
	leg := simLeg{id: "a", name: "a", u: 1e6, c: 1e6, t: 2, sigma: 0.3, r: 0.04, trigger: math.Inf(1)}
	const n = 40000
	res, err := simulate(context.Background(), []simLeg{leg}, valuation.DefaultThresholds(), n, 1, 7, nil)
	if err != nil {
		t.Fatal(err)
	}
	mean, sq := 0.0, 0.0
	for _, x := range res.Totals {
		mean += x
		sq += x * x
	}
	mean /= n
	se := math.Sqrt((sq/n - mean*mean) / n)
	// The mean converges to the Black-Scholes value (bsCall, Hull 15.20).
	want := bsCall(1e6, 1e6, 2, 0.3, 0.04)
	if math.Abs(mean-want) > 4*se {
		t.Fatalf("mean %g, Black-Scholes %g, 4 SE = %g", mean, want, 4*se)
	}
	if !scalar.EqualWithinAbsOrRel(res.European, want, 1e-6, 1e-9) {
		t.Fatalf("European %g, want %g", res.European, want)
	}
	// NPVq at h > 1 (regions 1 to 3) iff S_h > C e^{-r(t-h)}:
	// P = N((ln(U/(C e^{-r}))) + (r - sigma^2/2) h) / (sigma sqrt h))
	//   = N((0.04 + 0.04 - 0.045)/0.3).
	p := normCDF((0.04 + 0.04 - 0.045) / 0.3)
	got := res.Regions[0][1] + res.Regions[0][2] + res.Regions[0][3]
	if tol := 4 * math.Sqrt(p*(1-p)/n); math.Abs(got-p) > tol {
		t.Fatalf("P(NPVq > 1 at h) = %g, want %g ± %g", got, p, tol)
	}
	sum := 0.0
	for g := 1; g <= 6; g++ {
		sum += res.Regions[0][g]
	}
	if !scalar.EqualWithinAbsOrRel(sum, 1, 1e-12, 1e-12) {
		t.Fatalf("region shares sum to %g", sum)
	}
	// Cancelled runs return the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := simulate(ctx, []simLeg{leg}, valuation.DefaultThresholds(), n, 1, 7, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if _, err := simulate(context.Background(), []simLeg{leg}, valuation.DefaultThresholds(), 1, 1, 7, nil); err == nil {
		t.Fatal("n = 1 accepted")
	}
}

func TestSimulationViewRuns(t *testing.T) {
	win, _ := newTestWindow(t)
	if err := win.ShowView("simulation"); err != nil {
		t.Fatal(err)
	}
	sv := win.shown["simulation"].(*simView)
	done := make(chan struct{}, 1)
	sv.onFinish = func() { done <- struct{}{} }
	sv.n.SetText("2000")
	sv.onRun()
	<-done
	if sv.result == nil || len(sv.result.Totals) != 2000 {
		t.Fatalf("result %+v", sv.result)
	}
	if !strings.Contains(sv.summary.Text, "Mean") || !strings.Contains(sv.regions.Text, "Customer community pilot") {
		t.Fatalf("summary %q\nregions %q", sv.summary.Text, sv.regions.Text)
	}
}

func TestChartsFollowTheTheme(t *testing.T) {
	win, _ := newTestWindow(t)
	win.SetTheme(ThemeLight)
	if isDark(win.app) {
		t.Fatal("light theme reads as dark")
	}
	if styleFor(isDark(win.app)).Background != chart.LightStyle().Background {
		t.Fatal("light theme, dark charts")
	}
	win.SetTheme(ThemeDark)
	if !isDark(win.app) || styleFor(isDark(win.app)).Background != chart.DarkStyle().Background {
		t.Fatal("dark theme, light charts")
	}
	if got := win.app.Preferences().String(prefTheme); got != ThemeDark {
		t.Fatalf("saved theme %q", got)
	}
	if win.prefs.Theme != ThemeDark {
		t.Fatalf("preference %q", win.prefs.Theme)
	}
}

func TestPreferencesSaveSettings(t *testing.T) {
	win, ses := newTestWindow(t)
	win.showPreferences() // builds without a panic
	// Through the form's parser: 5% continuous, thresholds 2%, 12%, 3%.
	form := newSettingsFormFor(win)
	form.rate.SetText("5%")
	form.discounting.SetSelected("continuous")
	form.investNow.SetText("2%")
	form.maybeLater.SetText("12%")
	form.never.SetText("3%")
	form.currency.SetText("USD")
	form.numbers.SetSelected(NumbersFull)
	if err := win.applyPreferences(form); err != nil {
		t.Fatal(err)
	}
	s := ses.Portfolio.Settings
	if s.RiskFree != 0.05 || s.Discounting != valuation.Continuous || s.Thresholds.MaybeLater != 0.12 || ses.Portfolio.Currency != "USD" {
		t.Fatalf("settings %+v %s", s, ses.Portfolio.Currency)
	}
	if win.prefs.money(2400000) != "2,400,000" {
		t.Fatal("number format not applied")
	}
	form.rate.SetText("abc")
	if err := win.applyPreferences(form); err == nil || !strings.Contains(err.Error(), "default rate") {
		t.Fatalf("bad rate: %v", err)
	}
	form.rate.SetText("5%")
	form.never.SetText("50%")
	if err := win.applyPreferences(form); err == nil || !strings.Contains(err.Error(), "thresholds") {
		t.Fatalf("probably-never above maybe-later: %v", err)
	}
}

package ui

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
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

// Full numbers are grouped by thousands (format.MoneyFull, the one rule the
// window, the charts and the report share).
func TestFullNumbersAndSigned(t *testing.T) {
	full := format.New("", format.Full)
	for _, c := range []struct {
		v    float64
		want string
	}{{2400000, "2,400,000"}, {-1234.4, "-1,234"}, {999, "999"}, {0.4, "0.40"}, {1000, "1,000"}} {
		if got := full.Amount(c.v); got != c.want {
			t.Errorf("full Amount(%g) = %q, want %q", c.v, got, c.want)
		}
	}
	if signed("2.40M") != "+2.40M" || signed("-5") != "-5" || signed("0") != "0" {
		t.Error("signed")
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

// oneDeferOption returns a portfolio as of 2026-01-01, discounting
// continuously at r, that holds one open defer option in (its tag, kind
// and status set here).
func oneDeferOption(name string, r float64, in model.Initiative) *model.Portfolio {
	p := model.NewSCRMTemplate(name, model.NewDate(2026, time.January, 1))
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = r
	in.Tag, in.Kind, in.Status = "action", model.KindDefer, model.StatusOpen
	p.Initiatives = []model.Initiative{in}
	return p
}

// simulationView opens p in a test window and shows its simulation view.
func simulationView(t *testing.T, p *model.Portfolio) (*Window, *simView) {
	t.Helper()
	win := mountWindow(test.NewTempApp(t), sessionWith(t, p), "", fyne.Size{})
	if err := win.ShowView("simulation"); err != nil {
		t.Fatal(err)
	}
	return win, win.shown["simulation"].(*simView)
}

// runSim runs the simulation view with n paths and waits for the end.
func runSim(sv *simView, n string) {
	done := make(chan struct{}, 1)
	sv.onFinish = func() { done <- struct{}{} }
	sv.n.SetText(n)
	sv.onRun()
	<-done
}

func TestSimulationAgainstClosedForms(t *testing.T) {
	// One at-the-money defer option without leakage (so American = European
	// and the engine values it in closed form): S = X = 1M, sigma = 30%,
	// r = 4% continuous, t = 730/365.25 years; review at h = 1 year.
	p := oneDeferOption("One option", 0.04, model.Initiative{ID: "a", Name: "At the money",
		S: model.Number(1e6), X: model.Number(1e6), Sigma: model.Number(0.3), Deadline: model.NewDate(2028, time.January, 1)})
	const s0, x, sigma, r, h, n = 1e6, 1e6, 0.3, 0.04, 1.0, 40000
	tt := 730 / 365.25
	tau := tt - h
	win, sv := simulationView(t, p)
	sv.horizon.SetSelected("1 year")
	runSim(sv, "40000")
	res := sv.result
	if res == nil || len(res.Values) != n || len(res.Initiatives) != 1 {
		t.Fatalf("result %+v", res)
	}
	// Today's value is the Black-Scholes call (bsCall, Hull 15.20).
	today := bsCall(s0, x, tt, sigma, r)
	if !scalar.EqualWithinAbsOrRel(res.Today, today, 1e-6, 1e-6) {
		t.Fatalf("today %g, Black-Scholes %g", res.Today, today)
	}
	// Under the risk-neutral measure the value at the review is a
	// martingale after discounting: its mean is today's value grown at r.
	// The standard error is computed here from the paths.
	mean, sq := 0.0, 0.0
	for _, v := range res.Values {
		mean += v
		sq += v * v
	}
	mean /= n
	se := math.Sqrt((sq/n - mean*mean) / n)
	if want := today * math.Exp(r*h); math.Abs(mean-want) > 4*se {
		t.Fatalf("mean at the review %g, want e^{rh} C = %g ± 4 SE %g", mean, want, 4*se)
	}
	// The value at the review is bsCall(S_h, X, tau), increasing in S_h, so
	// its p-quantile is bsCall at the p-quantile of S_h,
	// S exp((r - sigma^2/2) h + sigma sqrt(h) z_p): the share of paths at or
	// below it is p within 4 binomial standard errors.
	for _, c := range []struct{ p, z, got float64 }{{0.05, -1.6448536, res.P5}, {0.5, 0, res.P50}, {0.95, 1.6448536, res.P95}} {
		q := bsCall(s0*math.Exp((r-sigma*sigma/2)*h+sigma*math.Sqrt(h)*c.z), x, tau, sigma, r)
		below := 0
		for _, v := range res.Values {
			if v <= q {
				below++
			}
		}
		if tol := 4 * math.Sqrt(c.p*(1-c.p)/n); math.Abs(float64(below)/n-c.p) > tol {
			t.Errorf("P%g: share below the closed-form quantile %g is %g, want %g ± %g", 100*c.p, q, float64(below)/n, c.p, tol)
		}
		if c.p >= 0.5 && !scalar.EqualWithinAbsOrRel(c.got, q, 0, 0.05) {
			t.Errorf("P%g = %g, closed form %g", 100*c.p, c.got, q)
		}
	}
	// NPVq at h > 1 (regions 1 to 3) iff S_h > X e^{-r tau}:
	// P = N((ln(S/X) + r tau + (r - sigma^2/2) h) / (sigma sqrt h)).
	pr := normCDF((math.Log(s0/x) + r*tau + (r-sigma*sigma/2)*h) / (sigma * math.Sqrt(h)))
	g := res.Initiatives[0].Region
	if tol := 4 * math.Sqrt(pr*(1-pr)/n); math.Abs(g[1]+g[2]+g[3]-pr) > tol {
		t.Fatalf("P(NPVq > 1 at h) = %g, want %g ± %g", g[1]+g[2]+g[3], pr, tol)
	}
	if g[0] != 0 {
		t.Fatalf("deadline after the review, but %g of paths past it", g[0])
	}
	// The view shows the numbers it got.
	if !strings.Contains(sv.summary.Text, "median "+win.money(res.P50)) || !strings.Contains(sv.regions.Text, "At the money") {
		t.Fatalf("summary %q\nregions %q", sv.summary.Text, sv.regions.Text)
	}
}

func TestSimulationViewRunsAndCancels(t *testing.T) {
	win, _ := newTestWindow(t)
	sv := showView[*simView](t, win, "simulation")
	runSim(sv, "2000")
	if sv.result == nil || len(sv.result.Values) != 2000 {
		t.Fatalf("result %+v", sv.result)
	}
	if !strings.Contains(sv.summary.Text, "mean") || !strings.Contains(sv.regions.Text, "Customer community pilot") {
		t.Fatalf("summary %q\nregions %q", sv.summary.Text, sv.regions.Text)
	}
	first := sv.result
	// Cancel right after starting 2M paths: the old result stays.
	done := make(chan struct{}, 1)
	sv.onFinish = func() { done <- struct{}{} }
	sv.n.SetText("2000000")
	sv.onRun()
	sv.cancel()
	<-done
	if sv.result != first || !strings.Contains(sv.summary.Text, "Cancelled") {
		t.Fatalf("after cancel: summary %q", sv.summary.Text)
	}
	// The summary still describes the run the chart shows.
	if sv.resultText == "" || !strings.Contains(sv.summary.Text, sv.resultText) || !strings.Contains(sv.summary.Text, "2000 paths") && !strings.Contains(sv.summary.Text, "mean") {
		t.Fatalf("after cancel the summary %q no longer describes the shown run", sv.summary.Text)
	}
	// Bad input names the field.
	sv.n.SetText("12.5")
	if _, err := sv.simOptions(); err == nil || !strings.Contains(err.Error(), "paths") {
		t.Fatalf("paths 12.5: %v", err)
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
	if got := win.money(2400000); got != "$2,400,000" {
		t.Fatalf("number format and currency not applied: %q", got)
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

func TestSimulationExerciseProbability(t *testing.T) {
	// A defer option expiring in 182 days, before the review in 1 year:
	// it is exercised with the risk-neutral probability N(d2) of ending in
	// the money (Hull 15.20), and always past its deadline at the review.
	p := oneDeferOption("Short option", 0.05, model.Initiative{ID: "s", Name: "Short",
		S: model.Number(1000), X: model.Number(950), Sigma: model.Number(0.5), Deadline: model.NewDate(2026, time.July, 2)})
	_, sv := simulationView(t, p)
	const n = 20000
	runSim(sv, "20000")
	s := sv.result.Initiatives[0]
	tt := 182 / 365.25
	d2 := (math.Log(1000.0/950) + (0.05-0.125)*tt) / (0.5 * math.Sqrt(tt))
	pw := normCDF(d2)
	if tol := 4 * math.Sqrt(pw*(1-pw)/n); math.Abs(s.Exercised-pw) > tol {
		t.Fatalf("exercised %g, want N(d2) = %g ± %g", s.Exercised, pw, tol)
	}
	if s.Region[0] != 1 {
		t.Fatalf("past the deadline on %g of paths, want all", s.Region[0])
	}
	if !strings.Contains(sv.regions.Text, percent(s.Exercised)) {
		t.Fatalf("table %q lacks %s", sv.regions.Text, percent(s.Exercised))
	}
}

package model_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// thresholdDoc is a one-initiative portfolio whose settings block is
// settings (a JSON fragment, or "" for none).
func thresholdDoc(settings string) string {
	s := `{"version":1,"name":"t","as_of":"2024-01-01",`
	if settings != "" {
		s += `"settings":` + settings + `,`
	}
	return s + `"initiatives":[{"id":"d","name":"D","kind":"defer","status":"open","S":60,"X":100,"sigma":0.3,"deadline":"2027-01-01"}]}`
}

// TestThresholdDefaultsFieldByField: thresholds left out get the documented
// 1 %, 10 % and 2 % one by one, explicit zeros stay.
func TestThresholdDefaultsFieldByField(t *testing.T) {
	def := valuation.Thresholds{InvestNowPremium: 0.01, MaybeLater: 0.10, ProbablyNever: 0.02}
	for _, c := range []struct {
		settings string
		want     valuation.Thresholds
	}{
		{``, def},
		{`{"risk_free":0.05}`, def},
		{`{"risk_free":0.05,"thresholds":null}`, def},
		{`{"risk_free":0.05,"thresholds":{}}`, def},
		{`{"risk_free":0.05,"thresholds":{"maybe_later_cs":0.2}}`, valuation.Thresholds{InvestNowPremium: 0.01, MaybeLater: 0.2, ProbablyNever: 0.02}},
		{`{"risk_free":0.05,"thresholds":{"invest_now_premium":0}}`, valuation.Thresholds{InvestNowPremium: 0, MaybeLater: 0.10, ProbablyNever: 0.02}},
		{`{"risk_free":0.05,"thresholds":{"invest_now_premium":0,"maybe_later_cs":0,"probably_never_cs":0}}`, valuation.Thresholds{}},
	} {
		p, err := model.ReadJSON(strings.NewReader(thresholdDoc(c.settings)))
		if err != nil {
			t.Fatalf("%s: %v", c.settings, err)
		}
		if p.Settings.Thresholds != c.want {
			t.Errorf("settings %s: thresholds %+v, want %+v", c.settings, p.Settings.Thresholds, c.want)
		}
	}
}

// TestThresholdDefaultsRegion is the reported case: with the defaults the
// option (C/S = 8.7 % by Luehrman's closed form, computed here with
// math.Erfc) is in region 5, not 4.
func TestThresholdDefaultsRegion(t *testing.T) {
	p, err := model.ReadJSON(strings.NewReader(thresholdDoc(`{"risk_free":0.05}`)))
	if err != nil {
		t.Fatal(err)
	}
	val, err := portfolio.Evaluate(p, portfolio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Luehrman: NPVq = S (1+r)^t / X, C/S = N(d1) - N(d2)/NPVq, t about 3
	// years (as the model counts the days).
	tt := val.Initiatives[0].T
	npvq := 60 * math.Pow(1.05, tt) / 100
	v := 0.3 * math.Sqrt(tt)
	d1 := math.Log(npvq)/v + v/2
	n := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	cs := n(d1) - n(d1-v)/npvq
	if math.Abs(tt-3) > 0.01 || math.Abs(cs-0.087) > 0.0005 {
		t.Fatalf("reference t = %g, C/S = %.4f, want 3 and 8.7 %%", tt, cs)
	}
	pos := val.Initiatives[0].Position
	if pos.Region != valuation.RegionProbablyNever {
		t.Errorf("region %d (%s), want 5", pos.Region, pos.Explain(p.Settings.Thresholds, func(v float64) string { return fmt.Sprint(v) }))
	}
	if math.Abs(pos.CallShare-cs) > 1e-6 {
		t.Errorf("C/S %.8f, closed form %.8f (tolerance 1e-6)", pos.CallShare, cs)
	}
	if why := pos.Explain(p.Settings.Thresholds, func(v float64) string { return fmt.Sprint(v) }); !strings.Contains(why, "10") {
		t.Errorf("reason %q does not name the 10 %% threshold", why)
	}
}

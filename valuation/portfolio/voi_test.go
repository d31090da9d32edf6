package portfolio

import (
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation"
)

func TestValueOfInformation(t *testing.T) {
	// One initiative deep in the money, in region 1 (time value below 1%
	// of S), and one out of the money; "scale" feeds the first, "unused"
	// nothing.
	p := model.NewSCRMTemplate("voi", model.NewDate(2026, time.January, 1))
	p.Settings.Discounting = valuation.Continuous
	p.Settings.RiskFree = 0.05
	p.Drivers = []model.Driver{{Name: "scale", Value: 1, Low: 0.2, High: 1.5}, {Name: "unused", Value: 1, Low: 0, High: 2},
		{Name: "other", Value: 100, Low: 50, High: 150}}
	p.Initiatives = []model.Initiative{
		{ID: "now", Name: "Now", Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen, S: model.Formula("scale * 400"),
			X: model.Number(50), Sigma: model.Number(0.1), Deadline: model.NewDate(2027, time.January, 1)},
		{ID: "later", Name: "Later", Tag: "action", Kind: model.KindDefer, Status: model.StatusOpen, S: model.Formula("other"),
			X: model.Number(120), Sigma: model.Number(0.4), Deadline: model.NewDate(2028, time.January, 1)},
	}
	v, err := Evaluate(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if v.ByID("now").Position.Region != valuation.RegionInvestNow {
		t.Fatalf("setup: region %v", v.ByID("now").Position.Region)
	}
	infos, err := ValueOfInformation(p, Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 2 {
		t.Fatalf("ranking %+v", infos)
	}
	// Hand values: "other" feeds an at-the-money call (convex: a large
	// gain), "scale" one deep in the money (nearly linear: a small gain).
	t1, t2 := 365/365.25, 730/365.25
	scale := 0.3*refCall(80, 50, t1, 0.1, 0.05) + 0.3*refCall(600, 50, t1, 0.1, 0.05) - 0.6*refCall(400, 50, t1, 0.1, 0.05)
	lo, mid, hi := refCall(50, 120, t2, 0.4, 0.05), refCall(100, 120, t2, 0.4, 0.05), refCall(150, 120, t2, 0.4, 0.05)
	other := 0.3*lo + 0.3*hi - 0.6*mid
	if infos[0].Driver != "other" || infos[1].Driver != "scale" {
		t.Fatalf("ranking %s, %s; want other (%g) before scale (%g)", infos[0].Driver, infos[1].Driver, other, scale)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"other value", infos[0].Value, other}, {"scale value", infos[1].Value, scale},
		{"other swing", infos[0].Swing, hi - lo}, {"other high - mid", infos[0].TotalHigh - infos[0].TotalMid, hi - mid},
		{"other expected change", infos[0].ExpectedChange, 0.3*(mid-lo) + 0.3*(hi-mid)},
	} {
		if !scalar.EqualWithinAbsOrRel(c.got, c.want, 1e-9, 1e-9) {
			t.Errorf("%s = %g, want %g", c.name, c.got, c.want)
		}
	}
}

// TestDriverTotalsAgainstFullValuations: each driver's totals at its low
// and high equal a full Evaluate of the portfolio with that driver moved
// (within 1e-12 relative), unused drivers keep the base total, and two
// drivers of one name are refused.
func TestDriverTotalsAgainstFullValuations(t *testing.T) {
	p := modeltest.Large(60, 100, 12)
	opt := Options{WithLinks: true}
	base, totals, err := DriverTotals(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for i, d := range p.Drivers {
		for _, at := range []struct {
			v, got float64
		}{{d.Low, totals[i].Low}, {d.High, totals[i].High}} {
			q := p.Clone()
			q.Drivers[i].Value = at.v
			v, err := Evaluate(q, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !scalar.EqualWithinAbsOrRel(at.got, v.Total, 1e-9, 1e-12) {
				t.Errorf("%s at %g: %v, full valuation %v", d.Name, at.v, at.got, v.Total)
			}
		}
		if !totals[i].Used && (totals[i].Low != base || totals[i].High != base) {
			t.Errorf("%s is read by no formula but moves the total", d.Name)
		}
		if totals[i].Low != totals[i].High {
			moved++
		}
	}
	if moved < 3 {
		t.Fatalf("only %d drivers move the total: the test compares too little", moved)
	}
	q := p.Clone()
	q.Drivers[1].Name = q.Drivers[0].Name
	if _, _, err := DriverTotals(q, opt); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("two drivers of one name: %v", err)
	}
}

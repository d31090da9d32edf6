package modeltest_test

import (
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestLargeIsValid: Large makes a portfolio that passes model validation
// at the store's benchmark size (1,000, 2,000, 200), at ten times it
// (issue 19's 10,000 initiatives, with 2,000 drivers: above 400 the
// drivers' values used to pass their high of 500) and at the edges (one
// initiative with links asked for, more links than pairs).
func TestLargeIsValid(t *testing.T) {
	for _, c := range []struct{ initiatives, links, drivers int }{
		{1000, 2000, 200}, {10000, 20000, 2000}, {100, 200, 1000}, {1, 5, 1}, {3, 20, 2}, {0, 0, 0},
	} {
		p := modeltest.Large(c.initiatives, c.links, c.drivers)
		if len(p.Initiatives) != c.initiatives || len(p.Drivers) != c.drivers {
			t.Errorf("Large(%d, %d, %d): %d initiatives, %d drivers", c.initiatives, c.links, c.drivers, len(p.Initiatives), len(p.Drivers))
		}
		if err := p.Validate(); err != nil {
			t.Errorf("Large(%d, %d, %d): %.500v", c.initiatives, c.links, c.drivers, err)
		}
	}
	// The drivers below 401 are as they were: value 100 + i in [50, 500].
	p := modeltest.Large(10, 0, 2000)
	for _, i := range []int{0, 150, 400} {
		if d := p.Drivers[i]; d.Value != 100+float64(i) || d.Low != 50 || d.High != 500 {
			t.Errorf("driver %d: %+v, want value %d in [50, 500]", i, d, 100+i)
		}
	}
	if d := p.Drivers[1999]; d.Value != 2099 || d.Value > d.High || d.Value < d.Low {
		t.Errorf("driver 1999: %+v, want value 2099 within its range", d)
	}
}

// TestMixKinds: MixKinds cycles defer, expand, contract, abandon, choose,
// defer over the initiatives, with expand 0.5, contract 0.3 and salvage
// 0.4 X, and the portfolio stays valid.
func TestMixKinds(t *testing.T) {
	p := modeltest.Large(13, 20, 3)
	modeltest.MixKinds(p)
	want := []model.OptionKind{"defer", "expand", "contract", "abandon", "choose", "defer"}
	for i, in := range p.Initiatives {
		if in.Kind != want[i%6] || in.ExpandFactor != 0.5 || in.ContractFactor != 0.3 || in.Salvage != 0.4*in.X.Value {
			t.Errorf("initiative %d: kind %s, expand %v, contract %v, salvage %v (X %v)", i, in.Kind, in.ExpandFactor, in.ContractFactor, in.Salvage, in.X.Value)
		}
	}
	if err := p.Validate(); err != nil {
		t.Error(err)
	}
}

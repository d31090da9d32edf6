package portfolio

import (
	"bytes"
	"math"
	"reflect"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/samples"
)

// sameTotals fails t unless a and b are equal bit for bit.
func sameTotals(t *testing.T, what string, baseA, baseB float64, a, b []DriverTotal) {
	t.Helper()
	if math.Float64bits(baseA) != math.Float64bits(baseB) {
		t.Errorf("%s: base %v, DriverTotals %v", what, baseA, baseB)
	}
	if len(a) != len(b) {
		t.Fatalf("%s: %d totals, DriverTotals %d", what, len(a), len(b))
	}
	for i := range a {
		if a[i].Driver != b[i].Driver || a[i].Used != b[i].Used ||
			math.Float64bits(a[i].Low) != math.Float64bits(b[i].Low) || math.Float64bits(a[i].High) != math.Float64bits(b[i].High) {
			t.Errorf("%s: %+v, DriverTotals %+v", what, a[i], b[i])
		}
	}
}

// TestDriverTotalsOfEqualsDriverTotals: the sweep from the caller's
// valuation (DriverTotalsOf with Evaluate(p, opt)) gives DriverTotals'
// totals bit for bit, on the sample and on a large mixed-kind portfolio
// with links, with and without links and with a lattice step count, and
// leaves the caller's valuation as it was. DriverTotals is itself checked
// against full valuations (TestDriverTotalsAgainstFullValuations).
func TestDriverTotalsOfEqualsDriverTotals(t *testing.T) {
	sample, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		t.Fatal(err)
	}
	large := modeltest.Large(120, 240, 24)
	modeltest.MixKinds(large)
	if err := large.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		p    *model.Portfolio
		opt  Options
	}{
		{"sample", sample, Options{WithLinks: true}},
		{"sample without links", sample, Options{}},
		{"sample, 101 steps", sample, Options{WithLinks: true, Steps: 101}},
		{"large mixed", large, Options{WithLinks: true}},
	} {
		if len(c.p.Drivers) == 0 {
			t.Fatalf("%s: no drivers: the test compares nothing", c.name)
		}
		v, err := Evaluate(c.p, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		keep := v.Clone()
		en, err := NewEngine(c.p, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if !en.e.pricedAs(v) {
			t.Fatalf("%s: Evaluate's valuation is not taken as p's: the sweep values p again", c.name)
		}
		b0, want, err := DriverTotals(c.p, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		b1, got, err := DriverTotalsOf(c.p, c.opt, v)
		if err != nil {
			t.Fatal(err)
		}
		sameTotals(t, c.name, b1, b0, got, want)
		if !reflect.DeepEqual(v, keep) {
			t.Errorf("%s: DriverTotalsOf changed the caller's valuation", c.name)
		}
	}
}

// TestDriverTotalsOfOtherValuation: a valuation that is not p's under opt
// (another step count, a driver moved, another as-of date, another
// portfolio's, links left out) is not adopted: the totals are
// DriverTotals' bit for bit.
func TestDriverTotalsOfOtherValuation(t *testing.T) {
	p := modeltest.Large(60, 100, 12)
	opt := Options{WithLinks: true}
	b0, want, err := DriverTotals(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	moved := p.Clone()
	moved.Drivers[0].Value = moved.Drivers[0].High
	later := p.Clone()
	later.AsOf = model.NewDate(p.AsOf.Year()+1, p.AsOf.Month(), 1)
	for _, c := range []struct {
		name string
		q    *model.Portfolio
		opt  Options
	}{
		{"101 steps", p, Options{WithLinks: true, Steps: 101}},
		{"a driver moved", moved, opt},
		{"a year later", later, opt},
		{"another portfolio", modeltest.Large(61, 100, 12), opt},
	} {
		v, err := Evaluate(c.q, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		en, err := NewEngine(p, opt)
		if err != nil {
			t.Fatal(err)
		}
		if en.e.pricedAs(v) {
			t.Errorf("%s: taken as p's valuation", c.name)
		}
		b1, got, err := DriverTotalsOf(p, opt, v)
		if err != nil {
			t.Fatal(err)
		}
		sameTotals(t, c.name, b1, b0, got, want)
	}
	// Links: pricedAs cannot tell them apart (they are redone by finish),
	// so a valuation without links still gives the totals with them.
	v, err := Evaluate(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b1, got, err := DriverTotalsOf(p, opt, v)
	if err != nil {
		t.Fatal(err)
	}
	sameTotals(t, "without links", b1, b0, got, want)
}

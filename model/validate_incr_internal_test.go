package model

import (
	"reflect"
	"testing"
	"time"
)

// TestIdenticalFields: identical compares every field of Initiative. For
// each field, two initiatives differing in that field alone are not
// identical, and the list of fields is the one identical was written for
// (a new field fails here until identical compares it).
func TestIdenticalFields(t *testing.T) {
	want := []string{"ID", "Name", "Rationale", "Owner", "Tag", "Kind", "Status", "S", "X", "Sigma", "Deadline", "Rate",
		"Leakage", "ExpandFactor", "ContractFactor", "Salvage", "StageCost", "StageDeadline", "Assumptions", "Risks",
		"CashFlows", "Estimate"}
	typ := reflect.TypeFor[Initiative]()
	var got []string
	for i := range typ.NumField() {
		got = append(got, typ.Field(i).Name)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Initiative's fields are %v; identical compares %v: update it", got, want)
	}
	rate := 0.03
	base := Initiative{ID: "a", Name: "A", Rationale: "r", Owner: "o", Tag: "t", Kind: KindDefer, Status: StatusOpen,
		S: Number(1), X: Number(2), Sigma: Number(0.3), Deadline: NewDate(2030, time.January, 1), Rate: &rate, Leakage: 0.01,
		ExpandFactor: 1, ContractFactor: 0.5, Salvage: 3, StageCost: 4, StageDeadline: NewDate(2029, time.January, 1),
		Assumptions: []Assumption{{Name: "n"}}, Risks: []Risk{{Description: "d"}}, CashFlows: &CashFlows{Years: 2},
		Estimate: &Provenance{Method: EstimateHistory}}
	same := base.clone()
	if !base.identical(&same) || !reflect.DeepEqual(base, same) {
		t.Fatal("a deep copy is not identical")
	}
	for i := range typ.NumField() {
		other := base.clone()
		f := reflect.ValueOf(&other).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Float64:
			f.SetFloat(f.Float() + 1)
		case reflect.Pointer:
			f.Set(reflect.Zero(f.Type())) // nil against a value
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 0, 0)) // empty against one item
		case reflect.Struct:
			switch v := f.Addr().Interface().(type) {
			case *Quantity:
				v.Formula = "d * 2"
			case *Date:
				*v = NewDate(2031, time.March, 3)
			default:
				t.Fatalf("field %s: no change written for %T", typ.Field(i).Name, v)
			}
		default:
			t.Fatalf("field %s: no change written for kind %s", typ.Field(i).Name, f.Kind())
		}
		if base.identical(&other) {
			t.Errorf("field %s: a change is not seen", typ.Field(i).Name)
		}
	}
	// Inside pointers and slices too.
	other := base.clone()
	*other.Rate, other.Assumptions[0].Value, other.CashFlows.Rate = 0.04, "v", 0.1
	if base.identical(&other) {
		t.Error("a change behind a pointer or in a slice is not seen")
	}
}

// TestEditValidLocal: the edits an action usually makes (an initiative's S,
// a driver's value, a new link, a new initiative) are proven valid by the
// local checks, without the whole validation; the edits they cannot prove
// are left to it.
func TestEditValidLocal(t *testing.T) {
	asOf := NewDate(2026, time.January, 1)
	p := NewSCRMTemplate("p", asOf)
	p.Drivers = []Driver{{Name: "d", Value: 1, Low: 0, High: 2}}
	for _, id := range []string{"a", "b", "c"} {
		p.Initiatives = append(p.Initiatives, Initiative{ID: id, Name: "Initiative " + id, Tag: p.Tags[0], Kind: KindDefer, Status: StatusOpen,
			S: Number(10), X: Number(8), Sigma: Number(0.3), Deadline: NewDate(2027, time.June, 1)})
	}
	p.Links = []Link{{From: "a", To: "b", Kind: LinkGates}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		edit  func(q *Portfolio)
		local bool
	}{
		{"S", func(q *Portfolio) { q.Initiatives[1].S = Number(20) }, true},
		{"driver value", func(q *Portfolio) { q.Drivers[0].Value = 1.5 }, true},
		{"new link", func(q *Portfolio) { q.Links = append(q.Links, Link{From: "b", To: "c", Kind: LinkGates}) }, true},
		{"new initiative", func(q *Portfolio) {
			in := q.Initiatives[0]
			in.ID, in.Name = "d", "Initiative d"
			q.Initiatives = append(q.Initiatives, in)
		}, true},
		{"cycle", func(q *Portfolio) { q.Links = append(q.Links, Link{From: "b", To: "a", Kind: LinkGates}) }, false},
		{"duplicate name", func(q *Portfolio) { q.Initiatives[2].Name = "Initiative a" }, false},
		{"as-of", func(q *Portfolio) { q.AsOf = NewDate(2026, time.February, 1) }, false},
		{"removed", func(q *Portfolio) { q.Initiatives = q.Initiatives[:2] }, false},
	} {
		q := p.Clone()
		c.edit(q)
		e := Diff(p, q)
		if got := q.editValid(p, &e); got != c.local {
			t.Errorf("%s: local checks %v, want %v", c.name, got, c.local)
		}
	}
}

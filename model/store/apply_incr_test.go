package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestApplyIncremental: actions through the Store's decoded copy (the
// items the edit changed validated, written and copied) leave what a fresh
// Store loads from the file, and what Apply returns, equal to the edited
// portfolio; an invalid edit is refused with Validate's own error and
// writes nothing; changing a returned portfolio afterwards changes neither
// the file nor the next action's starting point.
func TestApplyIncremental(t *testing.T) {
	path := filepath.Join(t.TempDir(), "incr.db")
	p := modeltest.Large(200, 400, 20)
	s := openWith(t, path, Options{NoSync: true}, p)
	want := p.Clone()
	edits := []struct {
		name string
		edit func(q *model.Portfolio)
		ok   bool
	}{
		{"S", func(q *model.Portfolio) { q.Initiatives[7].S = model.Number(12345) }, true},
		{"driver", func(q *model.Portfolio) { q.Drivers[3].Value = q.Drivers[3].Low }, true},
		{"assumption", func(q *model.Portfolio) { q.Initiatives[9].Assumptions[0].Value = "changed in place" }, true},
		{"new link", func(q *model.Portfolio) {
			q.Links = append(q.Links, model.Link{From: q.Initiatives[1].ID, To: q.Initiatives[2].ID, Kind: model.LinkSynergy, Correlation: 0.3})
		}, true},
		{"duplicate name", func(q *model.Portfolio) { q.Initiatives[5].Name = q.Initiatives[6].Name }, false},
		{"negative X", func(q *model.Portfolio) { q.Initiatives[5].X = model.Number(-1) }, false},
		{"removed", func(q *model.Portfolio) { q.Initiatives = q.Initiatives[:150]; q.Links = nil }, true},
		{"as-of", func(q *model.Portfolio) { q.AsOf = model.Date{Time: q.AsOf.AddDate(0, 1, 0)} }, false}, // deadlines pass
		{"as-of back", func(q *model.Portfolio) { q.AsOf = model.Date{Time: q.AsOf.AddDate(0, 0, -1)} }, true},
		{"new initiative", func(q *model.Portfolio) {
			in := (&model.Portfolio{Initiatives: q.Initiatives[:1]}).Clone().Initiatives[0]
			in.ID, in.Name = "brand-new", "Brand new"
			q.Initiatives = append(q.Initiatives, in)
		}, true},
	}
	for round := range 2 {
		for _, c := range edits {
			q := want.Clone()
			c.edit(q)
			wantErr := q.Validate()
			got, err := s.Apply(p.Name, c.name, func(x *model.Portfolio) error { c.edit(x); return nil })
			if (round == 0 && (err == nil) != c.ok) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("round %d, %s: Apply %v, Validate %v", round, c.name, err, wantErr)
			}
			if err != nil {
				continue
			}
			q.Version = model.FormatVersion
			q.Normalize()
			want = q
			fresh, err := Open(path, Options{NoSync: true, Backups: -1})
			if err != nil {
				t.Fatal(err)
			}
			loaded, err := fresh.Load(p.Name)
			if err != nil {
				t.Fatal(err)
			}
			g := got.Clone()
			g.Normalize() // Apply returns the edited portfolio as edited
			if !reflect.DeepEqual(loaded, want) || !reflect.DeepEqual(g, loaded) {
				t.Fatalf("round %d, %s: the file (%v), Apply's result (%v) and the edit differ", round, c.name,
					reflect.DeepEqual(loaded, want), reflect.DeepEqual(g, loaded))
			}
			// The caller owns what Apply returned.
			got.Initiatives[0].Name = "the caller's own change"
			got.Initiatives[0].Assumptions[0].Name = "the caller's own change"
		}
	}
	loaded, err := s.Load(p.Name)
	if err != nil || !reflect.DeepEqual(loaded, want) {
		t.Fatalf("after the rounds: %v", err)
	}
}

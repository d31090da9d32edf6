package model_test

import (
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestInitiativeFieldsLocate: the field paths problems use (written out
// here by hand, not through InitiativeField) are traced to their
// initiative and column, including a name that holds "]." and an
// initiative without a name; initiatives keep leaves out are not found,
// nor are paths about something else.
func TestInitiativeFieldsLocate(t *testing.T) {
	p := &model.Portfolio{Initiatives: []model.Initiative{
		{ID: "a", Name: "Pilot"},
		{ID: "b", Name: `odd"]. name`},
		{ID: "c", Name: " "},
		{ID: "d", Name: "Skipped"},
	}}
	fields := model.NewInitiativeFields(p, func(i int) bool { return p.Initiatives[i].ID != "d" })
	for _, c := range []struct {
		field  string
		index  int
		column string
		ok     bool
	}{
		{`initiatives["Pilot"].sigma`, 0, "sigma", true},
		{`initiatives["Pilot"].S.formula`, 0, "S", true},
		{`initiatives["Pilot"].assumptions[2].name`, 0, "assumptions", true},
		{`initiatives["odd\"]. name"].deadline`, 1, "deadline", true},
		{`initiatives[2].tag`, 2, "tag", true},
		{`initiatives["Skipped"].X`, 0, "", false},
		{`initiatives["Nobody"].X`, 0, "", false},
		{`initiatives["Pilot"]`, 0, "", false},
		{`links[0].from`, 0, "", false},
		{`drivers["members"].value`, 0, "", false},
	} {
		i, column, ok := fields.Locate(c.field)
		if i != c.index || column != c.column || ok != c.ok {
			t.Errorf("Locate(%s) = %d, %q, %v; want %d, %q, %v", c.field, i, column, ok, c.index, c.column, c.ok)
		}
	}
	all := model.NewInitiativeFields(p, nil)
	if i, column, ok := all.Locate(`initiatives["Skipped"].X`); i != 3 || column != "X" || !ok {
		t.Errorf("without keep: Locate = %d, %q, %v; want 3, \"X\", true", i, column, ok)
	}
}

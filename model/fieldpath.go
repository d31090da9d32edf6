package model

import "strings"

// InitiativeFields finds, in the field path of a validation problem, the
// initiative it is about and the column (the initiative's own field) it
// names, so that an importer can point at the row and column the problem
// came from. A path starts with the initiative's InitiativeField.
type InitiativeFields struct {
	byPrefix map[string]int // InitiativeField + "." -> index in Initiatives
}

// NewInitiativeFields indexes the initiatives of p for which keep returns
// true (every initiative when keep is nil). The index is built once, so
// that looking up each problem keeps an import linear in its table.
func NewInitiativeFields(p *Portfolio, keep func(i int) bool) *InitiativeFields {
	f := &InitiativeFields{byPrefix: make(map[string]int, len(p.Initiatives))}
	for i := range p.Initiatives {
		if keep == nil || keep(i) {
			f.byPrefix[InitiativeField(&p.Initiatives[i], i)+"."] = i
		}
	}
	return f
}

// Locate returns the index of the indexed initiative that field is about
// and the column it names: the first element of the path after the
// initiative, without an index ("S" for `initiatives["A"].S.formula`,
// "assumptions" for `initiatives["A"].assumptions[0].name`). ok is false
// when field is not about one of the indexed initiatives (a link cycle, a
// driver). The initiative's part ends at a "]." that a quoted name may
// also hold, so each one is tried.
func (f *InitiativeFields) Locate(field string) (index int, column string, ok bool) {
	for from := 0; strings.HasPrefix(field, "initiatives["); {
		end := strings.Index(field[from:], "].")
		if end < 0 {
			break
		}
		end += from
		if i, found := f.byPrefix[field[:end+2]]; found {
			column, _, _ := strings.Cut(field[end+2:], ".")
			column, _, _ = strings.Cut(column, "[")
			return i, column, true
		}
		from = end + 2
	}
	return 0, "", false
}

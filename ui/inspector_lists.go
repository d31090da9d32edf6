package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
)

// confidences are the assumption confidence levels.
var confidences = []string{"low", "medium", "high"}

// riskStatuses are the risk statuses.
var riskStatuses = []string{"open", "mitigated", "closed"}

// listRow is one assumption or risk row. Row i always edits item i of
// the draft, so a row is reused as it is when the draft is reloaded: the
// entries and selects under the user's pointer or focus are never rebuilt,
// only their text is set.
type listRow struct {
	box     fyne.CanvasObject
	entries []*commitEntry
	sel     *widget.Select
	del     *widget.Button
}

// listRows are the inspector's assumption and risk rows and their
// "none yet" hints.
type listRows struct {
	assumptions, risks []*listRow
	noAssumption       *widget.Label
	noRisk             *widget.Label
}

// setEntryText sets e's text unless it already reads so (keeping the
// cursor of a field being typed in).
func setEntryText(e *commitEntry, text string) {
	if e.Text != text {
		e.SetText(text)
	}
}

// syncRows shows rows[:n] in c, after the hint when n is 0.
func syncRows(c *fyne.Container, hint *widget.Label, rows []*listRow, n int) {
	want := make([]fyne.CanvasObject, 0, n+1)
	if n == 0 {
		want = append(want, hint)
	}
	for _, r := range rows[:n] {
		want = append(want, r.box)
	}
	same := len(want) == len(c.Objects)
	for k := 0; same && k < len(want); k++ {
		same = want[k] == c.Objects[k]
	}
	if !same {
		c.Objects = want
		c.Refresh()
	}
}

// listSpec describes one of the inspector's editable lists of the draft
// (assumptions, risks) of items T: each row edits one item in entries, the
// last beside a select and a delete button, the others above it side by
// side.
type listSpec[T any] struct {
	hint   string              // shown instead of rows when the list is empty
	fields []listField[T]      // the row's entries, in order
	place  string              // the select's place holder
	opts   []string            // the select's options
	choice func(it *T) *string // the field the select edits
}

// listField is a text field of a list item: its entry's place holder and
// the field it edits.
type listField[T any] struct {
	place string
	field func(it *T) *string
}

// assumptionList and riskList are the inspector's two lists.
var (
	assumptionList = listSpec[model.Assumption]{
		hint: "None yet: list the variables behind S, X and σ, with their source.",
		fields: []listField[model.Assumption]{
			{"variable", func(a *model.Assumption) *string { return &a.Name }},
			{"value", func(a *model.Assumption) *string { return &a.Value }},
			{"source", func(a *model.Assumption) *string { return &a.Source }},
		},
		place: "confidence", opts: confidences,
		choice: func(a *model.Assumption) *string { return &a.Confidence },
	}
	riskList = listSpec[model.Risk]{
		hint: "None yet: what could go wrong, and what is done about it?",
		fields: []listField[model.Risk]{
			{"risk", func(r *model.Risk) *string { return &r.Description }},
			{"mitigation", func(r *model.Risk) *string { return &r.Mitigation }},
		},
		place: "status", opts: riskStatuses,
		choice: func(r *model.Risk) *string { return &r.Status },
	}
)

// loadAssumptions shows the draft's assumptions, reusing the rows.
func (in *inspector) loadAssumptions() {
	loadList(in, &assumptionList, &in.draft.Assumptions, &in.lists.assumptions, &in.lists.noAssumption, in.assumptions)
}

// loadRisks shows the draft's risks, reusing the rows.
func (in *inspector) loadRisks() {
	loadList(in, &riskList, &in.draft.Risks, &in.lists.risks, &in.lists.noRisk, in.risks)
}

// loadList shows the items of a draft list in c, one row each, reusing
// the rows made before (row i edits item i) and the hint.
func loadList[T any](in *inspector, spec *listSpec[T], items *[]T, rows *[]*listRow, hint **widget.Label, c *fyne.Container) {
	if *hint == nil {
		*hint = widget.NewLabel(spec.hint)
		(*hint).Wrapping = fyne.TextWrapWord
	}
	for i := len(*rows); i < len(*items); i++ {
		*rows = append(*rows, newListRow(in, spec, items, i))
	}
	for i := range *items {
		it, r := &(*items)[i], (*rows)[i]
		for k, f := range spec.fields {
			setEntryText(r.entries[k], *f.field(it))
		}
		r.sel.SetSelected(*spec.choice(it))
	}
	syncRows(c, *hint, *rows, len(*items))
}

// newListRow makes the row that edits item i of the draft list items.
func newListRow[T any](in *inspector, spec *listSpec[T], items *[]T, i int) *listRow {
	var entries []*commitEntry
	for _, f := range spec.fields {
		entries = append(entries, in.listEntry(f.place, func(s string) { *f.field(&(*items)[i]) = s }))
	}
	sel := widget.NewSelect(spec.opts, func(s string) {
		if in.loading || i >= len(*items) {
			return
		}
		*spec.choice(&(*items)[i]) = s
		in.onFieldChanged()
		in.onCommit()
	})
	sel.PlaceHolder = spec.place
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if i >= len(*items) {
			return
		}
		*items = append((*items)[:i:i], (*items)[i+1:]...)
		in.onCommit()
	})
	above := entries[:len(entries)-1]
	var top fyne.CanvasObject = above[0]
	if len(above) > 1 {
		objs := make([]fyne.CanvasObject, len(above))
		for k, e := range above {
			objs[k] = e
		}
		top = container.NewGridWithColumns(len(above), objs...)
	}
	// The last entry with the select and the delete button beside it, or
	// above them in a narrow pane (formRowLayout).
	beside := container.New(&formRowLayout{relayout: in.relayout}, entries[len(entries)-1], container.NewBorder(nil, nil, nil, del, sel))
	return &listRow{box: container.NewVBox(top, beside, widget.NewSeparator()), entries: entries, sel: sel, del: del}
}

// listEntry is an entry of an assumption or risk row: set stores its text
// in the draft.
func (in *inspector) listEntry(place string, set func(string)) *commitEntry {
	e := newCommitEntry(false)
	e.SetPlaceHolder(place)
	e.OnChanged = func(s string) {
		if in.loading {
			return
		}
		set(s)
		in.onFieldChanged()
	}
	e.onCommit = in.onCommit
	return e
}

func (in *inspector) onAddAssumption() {
	in.draft.Assumptions = append(in.draft.Assumptions, model.Assumption{Name: "new variable", Confidence: "medium"})
	in.onCommit()
}

func (in *inspector) onAddRisk() {
	in.draft.Risks = append(in.draft.Risks, model.Risk{Description: "new risk", Status: "open"})
	in.onCommit()
}

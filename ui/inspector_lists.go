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

// loadAssumptions shows the draft's assumptions, reusing the rows.
func (in *inspector) loadAssumptions() {
	l := &in.lists
	if l.noAssumption == nil {
		l.noAssumption = widget.NewLabel("None yet: list the variables behind S, X and σ, with their source.")
		l.noAssumption.Wrapping = fyne.TextWrapWord
	}
	for i := len(l.assumptions); i < len(in.draft.Assumptions); i++ {
		l.assumptions = append(l.assumptions, in.newAssumptionRow(i))
	}
	for i, a := range in.draft.Assumptions {
		r := l.assumptions[i]
		setEntryText(r.entries[0], a.Name)
		setEntryText(r.entries[1], a.Value)
		setEntryText(r.entries[2], a.Source)
		r.sel.SetSelected(a.Confidence)
	}
	syncRows(in.assumptions, l.noAssumption, l.assumptions, len(in.draft.Assumptions))
}

// newAssumptionRow makes the row that edits assumption i.
func (in *inspector) newAssumptionRow(i int) *listRow {
	name := in.listEntry("variable", func(s string) { in.draft.Assumptions[i].Name = s })
	value := in.listEntry("value", func(s string) { in.draft.Assumptions[i].Value = s })
	source := in.listEntry("source", func(s string) { in.draft.Assumptions[i].Source = s })
	conf := widget.NewSelect(confidences, func(s string) {
		if in.loading || i >= len(in.draft.Assumptions) {
			return
		}
		in.draft.Assumptions[i].Confidence = s
		in.onFieldChanged()
		in.onCommit()
	})
	conf.PlaceHolder = "confidence"
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if i >= len(in.draft.Assumptions) {
			return
		}
		in.draft.Assumptions = append(in.draft.Assumptions[:i:i], in.draft.Assumptions[i+1:]...)
		in.onCommit()
	})
	box := container.NewVBox(container.NewGridWithColumns(2, name, value),
		container.NewBorder(nil, nil, nil, container.NewHBox(conf, del), source), widget.NewSeparator())
	return &listRow{box: box, entries: []*commitEntry{name, value, source}, sel: conf, del: del}
}

// loadRisks shows the draft's risks, reusing the rows.
func (in *inspector) loadRisks() {
	l := &in.lists
	if l.noRisk == nil {
		l.noRisk = widget.NewLabel("None yet: what could go wrong, and what is done about it?")
		l.noRisk.Wrapping = fyne.TextWrapWord
	}
	for i := len(l.risks); i < len(in.draft.Risks); i++ {
		l.risks = append(l.risks, in.newRiskRow(i))
	}
	for i, r := range in.draft.Risks {
		row := l.risks[i]
		setEntryText(row.entries[0], r.Description)
		setEntryText(row.entries[1], r.Mitigation)
		row.sel.SetSelected(r.Status)
	}
	syncRows(in.risks, l.noRisk, l.risks, len(in.draft.Risks))
}

// newRiskRow makes the row that edits risk i.
func (in *inspector) newRiskRow(i int) *listRow {
	desc := in.listEntry("risk", func(s string) { in.draft.Risks[i].Description = s })
	mit := in.listEntry("mitigation", func(s string) { in.draft.Risks[i].Mitigation = s })
	st := widget.NewSelect(riskStatuses, func(s string) {
		if in.loading || i >= len(in.draft.Risks) {
			return
		}
		in.draft.Risks[i].Status = s
		in.onCommit()
	})
	st.PlaceHolder = "status"
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		if i >= len(in.draft.Risks) {
			return
		}
		in.draft.Risks = append(in.draft.Risks[:i:i], in.draft.Risks[i+1:]...)
		in.onCommit()
	})
	box := container.NewVBox(desc, container.NewBorder(nil, nil, nil, container.NewHBox(st, del), mit), widget.NewSeparator())
	return &listRow{box: box, entries: []*commitEntry{desc, mit}, sel: st, del: del}
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

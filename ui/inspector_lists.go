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

// loadAssumptions rebuilds the assumption rows from the draft.
func (in *inspector) loadAssumptions() {
	in.assumptions.RemoveAll()
	if len(in.draft.Assumptions) == 0 {
		in.assumptions.Add(widget.NewLabel("None yet: list the variables behind S, X and σ, with their source."))
	}
	for i := range in.draft.Assumptions {
		i := i
		a := &in.draft.Assumptions[i]
		name := in.listEntry("variable", a.Name, func(s string) { in.draft.Assumptions[i].Name = s })
		value := in.listEntry("value", a.Value, func(s string) { in.draft.Assumptions[i].Value = s })
		source := in.listEntry("source", a.Source, func(s string) { in.draft.Assumptions[i].Source = s })
		conf := widget.NewSelect(confidences, func(s string) {
			if in.loading {
				return
			}
			in.draft.Assumptions[i].Confidence = s
			in.onFieldChanged()
			in.onCommit()
		})
		conf.PlaceHolder = "confidence"
		conf.SetSelected(a.Confidence)
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			in.draft.Assumptions = append(in.draft.Assumptions[:i:i], in.draft.Assumptions[i+1:]...)
			in.onCommit()
		})
		in.assumptions.Add(container.NewVBox(container.NewGridWithColumns(2, name, value),
			container.NewBorder(nil, nil, nil, container.NewHBox(conf, del), source), widget.NewSeparator()))
	}
}

// loadRisks rebuilds the risk rows from the draft.
func (in *inspector) loadRisks() {
	in.risks.RemoveAll()
	if len(in.draft.Risks) == 0 {
		in.risks.Add(widget.NewLabel("None yet: what could go wrong, and what is done about it?"))
	}
	for i := range in.draft.Risks {
		i := i
		r := &in.draft.Risks[i]
		desc := in.listEntry("risk", r.Description, func(s string) { in.draft.Risks[i].Description = s })
		mit := in.listEntry("mitigation", r.Mitigation, func(s string) { in.draft.Risks[i].Mitigation = s })
		st := widget.NewSelect(riskStatuses, func(s string) {
			if in.loading {
				return
			}
			in.draft.Risks[i].Status = s
			in.onCommit()
		})
		st.PlaceHolder = "status"
		st.SetSelected(r.Status)
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			in.draft.Risks = append(in.draft.Risks[:i:i], in.draft.Risks[i+1:]...)
			in.onCommit()
		})
		in.risks.Add(container.NewVBox(desc, container.NewBorder(nil, nil, nil, container.NewHBox(st, del), mit), widget.NewSeparator()))
	}
}

// listEntry is an entry of an assumption or risk row: set stores its text
// in the draft.
func (in *inspector) listEntry(place, text string, set func(string)) fyne.CanvasObject {
	e := newCommitEntry(false)
	e.SetPlaceHolder(place)
	e.SetText(text)
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

package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/ui/format"
)

// decisionsView is the decision log, newest first, and the learning log.
// Selecting a decision shows the numbers at the time against today's and
// lets the user write down what actually happened (the review).
type decisionsView struct {
	w      *Window
	list   *widget.List
	rows   []model.Decision
	detail *widget.Label
	// empty stands in the list's place while no decision is recorded
	// (the list's half of the view was blank).
	empty    *widget.Label
	review   *appEntry
	save     *widget.Button
	learning *widget.Label
	sel      string // selected decision ID
	// actors are who recorded each decision (by ID) in a shared
	// database, read from its history for the portfolio actorsOf; nil
	// for a file.
	actors   map[string]storage.Action
	actorsOf string
}

func newDecisionsView(w *Window) *decisionsView {
	v := &decisionsView{w: w, detail: widget.NewLabel(selectDecisionHint),
		review: newAppMultiLineEntry(), learning: widget.NewLabel("")}
	v.detail.Wrapping = fyne.TextWrapWord
	v.detail.TextStyle.Monospace = true
	v.empty = wrapped(noDecisionHint)
	v.empty.Hide()
	v.learning.Wrapping = fyne.TextWrapWord
	v.review.SetPlaceHolder("What happened since? Was the decision right, and what did it teach?")
	v.review.SetMinRowsVisible(3)
	v.save = widget.NewButton("Save review", v.onSaveReview)
	v.save.Disable()
	v.list = widget.NewList(func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.rowText(v.rows[i])) })
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.rows) {
			v.sel = v.rows[i].ID
			v.showDetail()
		}
	}
	w.ses.OnPortfolioChange(v.refresh)
	v.refresh()
	return v
}

func (v *decisionsView) content() fyne.CanvasObject {
	right := container.NewVBox(v.detail, v.review, container.NewHBox(v.save),
		widget.NewCard("", "Learning log", v.learning))
	split := container.NewVSplit(container.NewStack(v.list, v.empty), container.NewVScroll(right))
	split.Offset = 0.4
	head := widget.NewLabel("Decisions are recorded from the inspector (Decide…) with the numbers of the day.")
	head.Wrapping = fyne.TextWrapWord
	return container.NewBorder(head, nil, nil, nil, split)
}

func (v *decisionsView) name(id string) string {
	if in := v.w.ses.Portfolio.Initiative(id); in != nil {
		return in.Name
	}
	return id
}

func (v *decisionsView) rowText(d model.Decision) string {
	rev := ""
	if d.Review != "" {
		rev = " · reviewed"
	}
	who := ""
	if a, ok := v.actors[d.ID]; ok && a.Who != "" {
		who = " · recorded by " + a.Who
	} else if d.Who != "" {
		who = " · by " + d.Who
	}
	return fmt.Sprintf("%s  %-8s %s — %s%s%s", d.Date, strings.ToUpper(string(d.Decision)), v.name(d.Initiative), d.Rationale, who, rev)
}

// loadActors reads who recorded the decisions from a shared database's
// history, again only when a decision is new to it or another portfolio
// is shown.
func (v *decisionsView) loadActors() {
	da, ok := v.w.ses.Store().(storage.DecisionActors)
	if !ok {
		v.actors = nil
		return
	}
	name := v.w.ses.Portfolio.Name
	fresh := v.actorsOf == name
	for _, d := range v.rows {
		if _, ok := v.actors[d.ID]; !ok {
			fresh = false
		}
	}
	if fresh {
		return
	}
	m, err := da.DecisionActors(name)
	if err != nil {
		return // the rows show the typed names; the next change asks again
	}
	v.actors, v.actorsOf = m, name
}

// userName is the name the user's actions are recorded under: the shared
// database's user, else the preference, else the OS user. The decision
// form proposes it as who decided.
func (w *Window) userName() string {
	if pg, ok := w.ses.Store().(storage.PG); ok {
		return pg.User()
	}
	return storage.UserName(w.prefs.User)
}

func (v *decisionsView) refresh() {
	p := v.w.ses.Portfolio
	v.rows = append(v.rows[:0], p.Decisions...)
	sort.SliceStable(v.rows, func(i, j int) bool { return v.rows[i].Date.After(v.rows[j].Date.Time) })
	v.loadActors()
	v.list.Refresh()
	var b strings.Builder
	for i := len(p.Learning) - 1; i >= 0; i-- {
		e := p.Learning[i]
		fmt.Fprintf(&b, "%s · %s: %s", e.Date, v.name(e.Initiative), e.Learned)
		if e.Cost > 0 {
			fmt.Fprintf(&b, " (cost %s)", v.w.money(e.Cost))
		}
		for _, c := range e.Changes {
			fmt.Fprintf(&b, "; %s %s → %s", c.Input, c.Before, c.After)
		}
		b.WriteByte('\n')
	}
	if b.Len() == 0 {
		b.WriteString("No learning logged yet (inspector: Log learning…).")
	}
	v.learning.SetText(strings.TrimRight(b.String(), "\n"))
	if len(v.rows) == 0 {
		v.empty.Show()
		v.detail.SetText("")
		v.detail.Hide()
	} else {
		v.empty.Hide()
		if v.decision() == nil {
			v.detail.SetText(selectDecisionHint)
		}
		v.detail.Show()
	}
	v.showDetail()
}

// selectDecisionHint is what the detail says while no decision is
// selected.
const selectDecisionHint = "Select a decision to review it against what happened."

// noDecisionHint is what the Decisions view says before the first
// decision.
const noDecisionHint = "No decision recorded yet. Select an initiative and press Decide… in the inspector."

// decision returns the selected decision, or nil.
func (v *decisionsView) decision() *model.Decision {
	for i := range v.rows {
		if v.rows[i].ID == v.sel {
			return &v.rows[i]
		}
	}
	return nil
}

// showDetail shows the selected decision's numbers then and now.
func (v *decisionsView) showDetail() {
	d := v.decision()
	if d == nil {
		v.save.Disable()
		return
	}
	if !v.w.readOnly() {
		v.save.Enable()
	}
	m := v.w.amount
	n := d.Numbers
	var b strings.Builder
	fmt.Fprintf(&b, "%s on %s: %s\n", strings.ToUpper(string(d.Decision)), d.Date, v.name(d.Initiative))
	if d.Who != "" {
		fmt.Fprintf(&b, "by %s\n", d.Who)
	}
	if a, ok := v.actors[d.ID]; ok && a.Who != "" {
		fmt.Fprintf(&b, "recorded by %s at %s (%s)\n", a.Who, a.At.Local().Format("2006-01-02 15:04"), a.Label)
	}
	fmt.Fprintf(&b, "Rationale: %s\n\n", d.Rationale)
	fmt.Fprintf(&b, "Amounts in %s\n", format.Units(v.w.ses.Portfolio.Currency))
	fmt.Fprintf(&b, "%-8s %10s %10s %8s %8s %7s\n", "", "value", "NPV", "NPVq", "σ√t", "region")
	fmt.Fprintf(&b, "%-8s %10s %10s %8s %8s %7d\n", "then", m(n.Value), m(n.NPV), ratio(n.NPVq), ratio(n.CumVol), n.Region)
	if r := v.w.ses.Valuation.ByID(d.Initiative); r != nil && r.Err == nil {
		fmt.Fprintf(&b, "%-8s %10s %10s %8s %8s %7d\n", "now", m(r.Position.Value), m(r.Position.NPV), ratio(r.Position.NPVq), ratio(r.Position.CumVol), r.Position.Region)
	}
	if d.Review != "" {
		fmt.Fprintf(&b, "\nReviewed %s", d.ReviewDate)
	}
	v.detail.SetText(b.String())
	v.review.SetText(d.Review)
}

func (v *decisionsView) onSaveReview() {
	d := v.decision()
	if d == nil {
		return
	}
	id, text := d.ID, strings.TrimSpace(v.review.Text)
	err := v.w.ses.Apply("Review decision on "+v.name(d.Initiative), func(p *model.Portfolio) error {
		for i := range p.Decisions {
			if p.Decisions[i].ID == id {
				p.Decisions[i].Review = text
				p.Decisions[i].ReviewDate = model.Today()
				return nil
			}
		}
		return fmt.Errorf("the decision was deleted meanwhile")
	})
	if err != nil {
		v.w.showError(err)
	}
}

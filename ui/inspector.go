package ui

import (
	"errors"
	"fmt"
	"image"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// inspector is the editable form of the selected initiative with its
// results and charts. Every field is validated as it is typed (with the
// model's Validate and the engine's formula check); a field is saved, as one
// undoable action, on Enter or when it loses focus, and only when the whole
// initiative is valid: invalid values are shown with their message, never
// saved.
type inspector struct {
	w *Window
	// estimate is the Estimate section: S and σ from the cash-flow model.
	estimate *estimatePanel
	// id is the initiative shown; draft its edited copy.
	id    string
	draft model.Initiative
	// loading is set while the form is filled from the saved initiative.
	loading bool
	// committing is set while the form's own edit is saved: the reload it
	// causes takes the saved values (keepTyping keeps nothing).
	committing bool
	// unsaved is the saved initiative a refused edit was made on (a lost
	// connection): the form keeps what was typed across reloads while the
	// saved initiative stays so; nil otherwise.
	unsaved *model.Initiative

	empty *widget.Label
	body  *fyne.Container
	// scroll is the scroll area body is shown in (content).
	scroll *container.Scroll

	title                     *widget.Label
	name, owner, rationale    *commitEntry
	s, x, sigma, q, rate      *commitEntry
	expand, contract, salvage *commitEntry
	stageCost                 *commitEntry
	tag, kind, status         *widget.Select
	deadline, stageDeadline   *appDateEntry
	errs                      map[string]*widget.Label // by field key ("S", "sigma", ...)
	general                   *widget.Label            // problems of no single field
	saved                     *widget.Label

	assumptions, risks *fyne.Container
	lists              listRows
	// kindParams is the collapsible "Kind parameters" section.
	kindParams *widget.Accordion
	// decision is the last Decide… dialog's form (for tests).
	decision        *decisionForm
	results         *fyne.Container
	tornado, payoff *chartPane
	lattice         *chartPane
}

// kindParamKeys are the fields of the "Kind parameters" section.
var kindParamKeys = []string{"expand_factor", "contract_factor", "salvage", "stage_cost", "stage_deadline"}

// fieldKeys are the validation field suffixes the form shows inline.
var fieldKeys = []string{"name", "tag", "kind", "status", "S", "X", "sigma", "deadline", "q", "r",
	"expand_factor", "contract_factor", "salvage", "stage_cost", "stage_deadline", "assumptions", "risks"}

func newInspector(w *Window) *inspector {
	in := &inspector{w: w, errs: map[string]*widget.Label{}}
	for _, k := range fieldKeys {
		in.errs[k] = errorLabel()
	}
	in.general = errorLabel()
	// The note wraps: "Undid: Edit … · Ctrl+Shift+Z to redo" on one line
	// was wider than the pane on a 1024x700 screen, and the scroll area
	// then laid the whole form out that wide, its labels beside the
	// fields and the fields cut at the pane's edge.
	in.saved = wrapped("")
	in.saved.Importance = widget.LowImportance
	in.empty = widget.NewLabel("Select an initiative in the list or on the map to see and edit its numbers.\n\n" +
		"Add one with + or Ctrl+N. Every field is saved when you press Enter or leave it; Ctrl+Z undoes.")
	in.empty.Wrapping = fyne.TextWrapWord
	in.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	in.title.Wrapping = fyne.TextWrapWord

	entry := func(place string, multi bool) *commitEntry {
		e := newCommitEntry(multi)
		e.SetPlaceHolder(place)
		e.OnChanged = func(string) { in.onFieldChanged() }
		e.onCommit = in.onCommit
		return e
	}
	in.name = entry("name", false)
	in.owner = entry("who owns it", false)
	in.rationale = entry("why the option exists", true)
	in.rationale.SetMinRowsVisible(3)
	in.s = entry("value of the cash flows: 1.2M, or a formula over drivers", false)
	in.x = entry("investment: 800k, or a formula", false)
	in.sigma = entry("volatility per year: 35% or 0.35, or a formula", false)
	in.q = entry("leakage per year: 5% (value lost while waiting)", false)
	in.rate = entry("blank: the portfolio's rate", false)
	in.expand = entry("expand/choose: fraction of S gained", false)
	in.contract = entry("contract/choose: fraction of S given up", false)
	in.salvage = entry("choose: abandonment value", false)
	in.stageCost = entry("staged: cost of the pilot", false)
	sel := func(opts []string) *widget.Select {
		s := widget.NewSelect(opts, func(string) { in.onFieldChanged(); in.onCommit() })
		return s
	}
	in.tag = sel(nil)
	kinds := make([]string, len(model.OptionKinds))
	for i, k := range model.OptionKinds {
		kinds[i] = string(k)
	}
	in.kind = sel(kinds)
	statuses := make([]string, len(model.Statuses))
	for i, s := range model.Statuses {
		statuses[i] = string(s)
	}
	in.status = sel(statuses)
	date := func() *appDateEntry {
		d := newAppDateEntry()
		d.OnChanged = func(*time.Time) { in.onFieldChanged(); in.onCommit() }
		return d
	}
	in.deadline = date()
	in.stageDeadline = date()

	in.results = container.New(layout.NewFormLayout())
	in.tornado, in.payoff, in.lattice = newChartPane(w.app), newChartPane(w.app), newChartPane(w.app)
	for _, p := range []*chartPane{in.tornado, in.payoff, in.lattice} {
		w.onThemeChanged(p.themeChanged)
	}
	in.assumptions = container.NewVBox()
	in.risks = container.NewVBox()
	in.estimate = newEstimatePanel(w)

	rows := &formRows{}
	row := func(label string, obj fyne.CanvasObject, key string) fyne.CanvasObject {
		l := widget.NewLabel(label)
		// The label beside the field, or above it in a narrow pane; all
		// the rows alike.
		rows.fields = append(rows.fields, obj)
		fr := &formRowLayout{labelWidth: 92, relayout: in.relayout, group: rows, pane: in.paneWidth}
		return container.NewVBox(container.New(fr, l, obj), in.errs[key])
	}
	decide := widget.NewButtonWithIcon("Decide…", theme.ConfirmIcon(), in.onRecordDecision)
	learn := widget.NewButtonWithIcon("Log learning…", theme.DocumentCreateIcon(), in.onLogLearning)
	addA := widget.NewButtonWithIcon("Assumption", theme.ContentAddIcon(), in.onAddAssumption)
	addR := widget.NewButtonWithIcon("Risk", theme.ContentAddIcon(), in.onAddRisk)
	charts := container.NewAppTabs(
		container.NewTabItem("Tornado", sized(in.tornado.content(), 260)),
		container.NewTabItem("Payoff", sized(in.payoff.content(), 260)),
		container.NewTabItem("Lattice", sized(in.lattice.content(), 260)))
	in.kindParams = widget.NewAccordion(widget.NewAccordionItem("Kind parameters", container.NewVBox(
		row("Expand e", in.expand, "expand_factor"),
		row("Contract c", in.contract, "contract_factor"),
		row("Salvage", in.salvage, "salvage"),
		row("Stage cost", in.stageCost, "stage_cost"),
		row("Stage date", in.stageDeadline, "stage_deadline"))))
	// The form comes first, then what it gives (results and charts), in
	// the inspector's one scroll area.
	in.body = container.NewVBox(
		in.title,
		wrapButtons(decide, learn),
		row("Name", in.name, "name"),
		row("Layer", in.tag, "tag"),
		row("Kind", in.kind, "kind"),
		row("Status", in.status, "status"),
		row("S", in.s, "S"),
		row("X", in.x, "X"),
		row("σ", in.sigma, "sigma"),
		row("Deadline", in.deadline, "deadline"),
		row("Leakage q", in.q, "q"),
		row("Rate r", in.rate, "r"),
		in.kindParams,
		row("Owner", in.owner, "name"),
		in.rationale,
		in.general,
		in.saved,
		widget.NewSeparator(),
		in.results,
		charts,
		in.estimate.content(),
		// A card's subtitle does not wrap: the column hint is a wrapped
		// label, so the card fits a narrow inspector (the long subtitle
		// made the whole inspector 343 units wide, clipped at its right
		// edge below a 1,600-pixel-wide screen).
		widget.NewCard("", "Assumptions",
			container.NewVBox(wrapped("Each: variable, value, source, confidence."), in.assumptions, in.errs["assumptions"], container.NewHBox(addA))),
		// "Risks and mitigations" as a subtitle needed 199 units, more
		// than the inspector has on a 1024x700 screen: the short title
		// and a wrapped hint.
		widget.NewCard("", "Risks", container.NewVBox(wrapped("Each with its mitigation, owner and status."), in.risks, in.errs["risks"], container.NewHBox(addR))),
	)
	w.ses.OnChange(in.onSessionChanged)
	in.onSessionChanged(ChangedSelection)
	return in
}

// sized gives obj a minimum height.
func sized(obj fyne.CanvasObject, h float32) fyne.CanvasObject {
	return container.NewStack(container.NewGridWrap(fyne.NewSize(1, h)), obj)
}

// relayout gives the form its new height after a row moved its label
// above or beside its field (formRowLayout).
func (in *inspector) relayout() {
	if in.scroll != nil {
		in.scroll.Refresh()
	}
}

// paneWidth is the width of the inspector's scroll area, 0 before it is
// laid out.
func (in *inspector) paneWidth() float32 {
	if in.scroll == nil {
		return 0
	}
	return in.scroll.Size().Width
}

func (in *inspector) content() fyne.CanvasObject {
	in.scroll = container.NewScroll(in.body)
	return container.NewStack(container.NewPadded(in.empty), in.scroll)
}

// wrapButtons lays buttons out in rows of equal cells, as many to a row
// as the width holds, so a narrow pane puts them one under another instead
// of being widened by them.
func wrapButtons(buttons ...*widget.Button) *fyne.Container {
	var cell fyne.Size
	objs := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		m := b.MinSize()
		cell = fyne.NewSize(max(cell.Width, m.Width), max(cell.Height, m.Height))
		objs[i] = b
	}
	return container.NewGridWrap(cell, objs...)
}

// wrapped is a label that wraps at word boundaries, so it never widens
// its pane.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (in *inspector) onSessionChanged(c Change) {
	ses := in.w.ses
	if ses.Selected == "" || ses.Portfolio.Initiative(ses.Selected) == nil {
		in.id = ""
		in.body.Hide()
		in.empty.Show()
		return
	}
	in.empty.Hide()
	in.body.Show()
	if keep := in.unsaved != nil && in.id == ses.Selected && in.unsaved.Equal(ses.Portfolio.Initiative(in.id)); keep {
		in.saved.SetText("Not saved yet: press Enter in a field to save what you typed.")
	} else if c != ChangedPreview || in.id != ses.Selected {
		in.unsaved = nil
		in.load(ses.Selected)
	}
	in.showResults()
}

// load fills the form from the saved initiative id. Reloading the same
// initiative (another program or person changed the portfolio) keeps what
// the user was typing in a field, not yet saved (see keepTyping).
func (in *inspector) load(id string) {
	p := in.w.ses.Portfolio
	src := p.Initiative(id)
	same := in.id == id
	in.id = id
	in.estimate.load(id)
	in.draft = *p.Clone().Initiative(id)
	in.loading = true
	defer func() { in.loading = false }()
	if same {
		defer in.keepTyping()() // before loading ends: no change events
	}
	in.title.SetText(src.Name)
	in.name.SetText(src.Name)
	in.owner.SetText(src.Owner)
	in.rationale.SetText(src.Rationale)
	in.tag.Options = append([]string(nil), p.Tags...)
	in.tag.SetSelected(src.Tag)
	in.kind.SetSelected(string(src.Kind))
	in.status.SetSelected(string(src.Status))
	in.s.SetText(quantityText(src.S))
	in.x.SetText(quantityText(src.X))
	in.sigma.SetText(quantityText(src.Sigma))
	in.q.SetText(formatNumber(src.Leakage))
	in.rate.SetText("")
	if src.Rate != nil {
		in.rate.SetText(formatNumber(*src.Rate))
	}
	in.expand.SetText(formatNumber(src.ExpandFactor))
	in.contract.SetText(formatNumber(src.ContractFactor))
	in.salvage.SetText(formatNumber(src.Salvage))
	in.stageCost.SetText(formatNumber(src.StageCost))
	setDate(in.deadline, src.Deadline)
	setDate(in.stageDeadline, src.StageDeadline)
	in.loadAssumptions()
	in.loadRisks()
	for _, l := range in.errs {
		setError(l, "")
	}
	setError(in.general, "")
}

// keepTyping notes the text typed, not yet saved, in the field that has
// the focus (leaving a field saves it, so no other holds typing) and
// returns what puts it back after the form was filled again from the saved
// initiative (not for the form's own save): the field keeps the typing
// over the new saved value (Enter saves it; Ctrl+Z takes the saved one),
// and where that value changed underneath, the note under the form says
// so. A reload from another program or person had put the new value in
// and thrown the typing away without a word.
func (in *inspector) keepTyping() func() {
	e, ok := in.w.win.Canvas().Focused().(*commitEntry)
	if in.committing || !ok || e.Text == e.base || !slices.Contains(in.commitEntries(), e) {
		return func() {}
	}
	text, base := e.Text, e.base
	return func() {
		e.appEntry.SetText(text)
		if e.base != base {
			in.saved.SetText("Changed meanwhile by someone else: the field keeps what you typed; Enter saves it over their value, Ctrl+Z takes theirs.")
		}
	}
}

// commitEntries are the form's text fields.
func (in *inspector) commitEntries() []*commitEntry {
	return []*commitEntry{in.name, in.owner, in.rationale, in.s, in.x, in.sigma, in.q, in.rate,
		in.expand, in.contract, in.salvage, in.stageCost}
}

func setDate(e *appDateEntry, d model.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		return
	}
	t := d.Time
	e.SetDate(&t)
}

// readForm builds the draft from the form; a field that cannot be read
// gets its message in errs.
func (in *inspector) readForm(errs map[string]string) model.Initiative {
	d := in.draft
	d.Name = strings.TrimSpace(in.name.Text)
	d.Owner = strings.TrimSpace(in.owner.Text)
	d.Rationale = strings.TrimSpace(in.rationale.Text)
	d.Tag = in.tag.Selected
	d.Kind = model.OptionKind(in.kind.Selected)
	d.Status = model.Status(in.status.Selected)
	quantity := func(key, text string) model.Quantity {
		text = strings.TrimSpace(text)
		if v, err := parseAmount(text); err == nil {
			return model.Number(v)
		}
		if text == "" {
			errs[key] = "is empty: enter a number or a formula over the drivers"
			return model.Number(0)
		}
		return model.Formula(text)
	}
	d.S = quantity("S", in.s.Text)
	d.X = quantity("X", in.x.Text)
	d.Sigma = quantity("sigma", in.sigma.Text)
	number := func(key, text string) float64 {
		if strings.TrimSpace(text) == "" {
			return 0
		}
		v, err := parseAmount(text)
		if err != nil {
			errs[key] = fmt.Sprintf("%q is not a number", text)
		}
		return v
	}
	d.Leakage = number("q", in.q.Text)
	d.Rate = nil
	if strings.TrimSpace(in.rate.Text) != "" {
		r := number("r", in.rate.Text)
		d.Rate = &r
	}
	d.ExpandFactor = number("expand_factor", in.expand.Text)
	d.ContractFactor = number("contract_factor", in.contract.Text)
	d.Salvage = number("salvage", in.salvage.Text)
	d.StageCost = number("stage_cost", in.stageCost.Text)
	d.Deadline = dateOf(in.deadline, "deadline", errs)
	d.StageDeadline = dateOf(in.stageDeadline, "stage_deadline", errs)
	return d
}

func dateOf(e *appDateEntry, key string, errs map[string]string) model.Date {
	if e.Date == nil {
		if strings.TrimSpace(e.Text) != "" {
			d, err := parseUserDate(e.Text)
			if err == nil {
				return d
			}
			errs[key] = err.Error()
		}
		return model.Date{}
	}
	return model.NewDate(e.Date.Year(), e.Date.Month(), e.Date.Day())
}

// validate checks the draft inside the portfolio: the model's invariants
// and each formula against the drivers. It returns the messages by field
// key ("" for problems of no single field of this initiative).
func (in *inspector) validate(d model.Initiative, errs map[string]string) {
	p := in.w.ses.Portfolio.Clone()
	idx := -1
	for i := range p.Initiatives {
		if p.Initiatives[i].ID == in.id {
			idx = i
		}
	}
	if idx < 0 {
		return
	}
	p.Initiatives[idx] = d
	prefix := model.InitiativeField(&p.Initiatives[idx], idx)
	var ve *model.ValidationError
	if err := p.Validate(); errors.As(err, &ve) {
		for _, pr := range ve.Problems {
			if !strings.HasPrefix(pr.Field, prefix) {
				if pr.Field == "links" {
					errs[""] = pr.String()
				}
				continue
			}
			key := strings.TrimPrefix(strings.TrimPrefix(pr.Field, prefix), ".")
			if i := strings.IndexAny(key, ".["); i >= 0 {
				key = key[:i]
			}
			if _, ok := in.errs[key]; !ok {
				key = ""
			}
			if _, dup := errs[key]; !dup {
				errs[key] = pr.Message
			}
		}
	}
	for _, f := range []struct {
		key string
		q   model.Quantity
	}{{"S", d.S}, {"X", d.X}, {"sigma", d.Sigma}} {
		if _, done := errs[f.key]; done || !f.q.IsFormula() {
			continue
		}
		if err := portfolio.CheckFormula(p, f.key, f.q.Formula); err != nil {
			errs[f.key] = err.Error()
		}
	}
}

// check reads and validates the form and shows every message; it returns
// the draft and whether it may be saved.
func (in *inspector) check() (model.Initiative, bool) {
	errs := map[string]string{}
	d := in.readForm(errs)
	in.validate(d, errs)
	labels := map[string]string{"name": "Name", "tag": "Layer", "kind": "Kind", "status": "Status", "S": "S",
		"X": "X", "sigma": "σ", "deadline": "Deadline", "q": "Leakage q", "r": "Rate r",
		"expand_factor": "Expand factor", "contract_factor": "Contract factor", "salvage": "Salvage",
		"stage_cost": "Stage cost", "stage_deadline": "Stage date", "assumptions": "Assumptions", "risks": "Risks"}
	for k, l := range in.errs {
		msg := ""
		if m, ok := errs[k]; ok {
			msg = fieldError(labels[k], m)
		}
		setError(l, msg)
	}
	setError(in.general, userWords(in.w.ses.Portfolio, errs[""]))
	// A section holding an error is opened, so the red field is in sight.
	for _, k := range kindParamKeys {
		if _, ok := errs[k]; ok {
			in.kindParams.Open(0)
			break
		}
	}
	return d, len(errs) == 0
}

// onFieldChanged validates as the user types.
func (in *inspector) onFieldChanged() {
	if in.loading || in.id == "" {
		return
	}
	in.check()
	in.saved.SetText("")
}

// onCommit saves the draft as one action when it is valid and differs from
// the saved initiative.
func (in *inspector) onCommit() {
	if in.loading || in.id == "" {
		return
	}
	d, ok := in.check()
	if !ok {
		in.saved.SetText("Not saved: fix the fields marked in red (the saved values are unchanged).")
		return
	}
	cur := in.w.ses.Portfolio.Initiative(in.id)
	if cur == nil || cur.Equal(&d) {
		return
	}
	id := in.id
	in.committing = true
	defer func() { in.committing = false }()
	err := in.w.ses.Apply("Edit "+d.Name, func(p *model.Portfolio) error {
		t := p.Initiative(id)
		if t == nil {
			return fmt.Errorf("initiative %q was deleted meanwhile", id)
		}
		*t = d
		return nil
	})
	if err != nil {
		setError(in.general, userWords(in.w.ses.Portfolio, err.Error()))
		base := *cur
		in.unsaved = &base
		return
	}
	in.unsaved = nil
	in.saved.SetText("Saved · Ctrl+Z to undo")
}

// showResults fills the results and charts from the current valuation.
func (in *inspector) showResults() {
	ses := in.w.ses
	r := ses.Valuation.ByID(in.id)
	if r == nil {
		return
	}
	in.results.RemoveAll()
	for _, kv := range resultsRows(r, ses.Portfolio, in.w.money) {
		k := widget.NewLabelWithStyle(kv[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		v := widget.NewLabel(kv[1])
		v.Wrapping = fyne.TextWrapWord
		in.results.Add(k)
		in.results.Add(v)
	}
	in.results.Refresh()
	o, err := chart.OptionOf(ses.Portfolio, ses.Valuation, in.id)
	if err != nil || r.Err != nil {
		msg := "cannot be valued"
		if r.Err != nil {
			msg = r.Err.Error()
		} else if err != nil {
			msg = err.Error()
		}
		for _, p := range []*chartPane{in.tornado, in.payoff, in.lattice} {
			p.invalidate(nil)
			p.setMessage(msg)
		}
		return
	}
	name, unit := r.Name, ses.Portfolio.Currency
	trigger := r.Trigger()
	in.tornado.setMessage("")
	in.payoff.setMessage("")
	in.lattice.setMessage("")
	rc := *r // the tornado's base is the engine's value of this result
	in.tornado.invalidate(plotDrawIn(func() (chart.TornadoInput, error) { return chart.TornadoFor(&rc, name, unit) }, chart.Tornado))
	in.payoff.invalidate(plotDrawIn(func() (chart.PayoffInput, error) { return chart.PayoffFor(o, trigger, name, unit) }, chart.Payoff))
	in.lattice.invalidate(plotDrawIn(func() (chart.LatticeInput, error) { return chart.LatticeFor(o, 6, name, unit) }, chart.Lattice))
}

// plotDrawIn makes a drawFunc that computes a chart's input and draws it,
// both on the worker goroutine.
func plotDrawIn[T any](input func() (T, error), draw func(T, chart.Style) (*plot.Plot, error)) drawFunc {
	return func(w, h int, dpi float64, st chart.Style) (image.Image, []chart.Hit, error) {
		data, err := input()
		if err != nil {
			return nil, nil, err
		}
		p, err := draw(data, st)
		if err != nil {
			return nil, nil, err
		}
		img, err := chart.Render(p, w, h, dpi)
		return img, nil, err
	}
}

// resultsRows are the results block's rows: what each number is, with its
// value. Amounts in the region's reason are formatted with m.
// initiativeName returns the name of the initiative id in p (users see
// names, never ids), or id when there is none by that id.
func initiativeName(p *model.Portfolio, id string) string {
	if p != nil {
		if in := p.Initiative(id); in != nil {
			return in.Name
		}
	}
	return id
}

func resultsRows(r *portfolio.InitiativeResult, p *model.Portfolio, m func(float64) string) [][2]string {
	if r.Err != nil {
		rows := [][2]string{{"Cannot be valued", r.Err.Error()}}
		if r.DeadlinePassed {
			rows = append(rows, [2]string{"Deadline", format.Passed})
		}
		return rows
	}
	pos, g := r.Position, r.Greeks()
	rows := [][2]string{
		{"Option value", fmt.Sprintf("%s · %s", m(pos.Value), pos.Method)},
	}
	if r.FollowOn != 0 {
		rows = append(rows, [2]string{"With follow-ons", fmt.Sprintf("%s (+%s)", m(r.WithFollowOns), m(r.FollowOn))})
	}
	rows = append(rows,
		[2]string{"NPV = S − X", m(pos.NPV)},
		[2]string{"NPVq · σ√t", fmt.Sprintf("%s · %s (C/S %s)", ratio(pos.NPVq), ratio(pos.CumVol), percent(pos.CallShare))},
		[2]string{"Region", fmt.Sprintf("%d %s: %s", pos.Region, pos.Region, pos.Explain(p.Settings.Thresholds, m))},
		[2]string{"Trigger S*", triggerCell(r, m)},
		[2]string{"Inputs", fmt.Sprintf("S %s · X %s · t %s · σ %s · r %s · q %s", m(r.S), m(r.X), format.YearsLeft(r.T, r.DeadlinePassed),
			percent(r.Sigma), percent(r.R), percent(r.Q))},
		[2]string{"Greeks", fmt.Sprintf("Δ %.3f · Γ %.3g · vega %s · θ %s/y · ρ %s", g.Delta, g.Gamma, m(g.Vega), m(-g.Theta), m(g.Rho))},
	)
	if r.StageDeadlinePassed {
		rows = append(rows, [2]string{"Stage date", format.Passed})
	}
	if r.ExcludedBy != "" {
		rows = append(rows, [2]string{"Not counted", "excluded by " + initiativeName(p, r.ExcludedBy)})
	}
	if r.CountedIn != "" {
		rows = append(rows, [2]string{"Counted in", initiativeName(p, r.CountedIn) + " (follow-on)"})
	}
	return rows
}

// decisionForm is the record-decision dialog's content.
type decisionForm struct {
	id        string
	kind      *widget.RadioGroup
	rationale *appEntry // the app's entries: Escape in them cancels
	who       *appEntry
	// me is the user's name, recorded as who decided when who is blank.
	me string
	// dialog, msg and record are the open dialog, its inline error and
	// its Record button.
	dialog *dialog.CustomDialog
	msg    *widget.Label
	record *widget.Button
}

// newDecisionForm prepares the form for the initiative id, proposing the
// region's action.
func (in *inspector) newDecisionForm(id string) *decisionForm {
	f := &decisionForm{id: id}
	f.kind = widget.NewRadioGroup([]string{string(model.DecideInvest), string(model.DecideWait), string(model.DecideAbandon)}, nil)
	f.kind.Horizontal = true
	f.kind.SetSelected(string(model.DecideWait))
	if r := in.w.ses.Valuation.ByID(id); r != nil && r.Position.Region == 1 {
		f.kind.SetSelected(string(model.DecideInvest))
	}
	f.rationale = newAppMultiLineEntry()
	f.rationale.SetPlaceHolder("why: what you know, what would change your mind")
	f.who = newAppEntry()
	f.me = in.w.userName() // decisionsview.go
	f.who.SetPlaceHolder("who decided (blank: " + f.me + ")")
	return f
}

// submit records the decision.
func (f *decisionForm) submit(ses *Session) error {
	who := f.who.Text
	if strings.TrimSpace(who) == "" {
		who = f.me
	}
	return ses.RecordDecision(f.id, model.DecisionKind(f.kind.Selected), f.rationale.Text, who)
}

func (in *inspector) onRecordDecision() {
	if in.id == "" {
		return
	}
	f := in.newDecisionForm(in.id)
	in.decision = f
	msg := errorLabel()
	var d *dialog.CustomDialog
	record := widget.NewButtonWithIcon("Record", theme.ConfirmIcon(), func() {
		// A validation error keeps the dialog open with what was typed.
		if err := f.submit(in.w.ses); err != nil {
			setError(msg, strings.TrimPrefix(err.Error(), "invalid portfolio: "))
			return
		}
		d.Hide()
	})
	record.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	form := widget.NewForm(widget.NewFormItem("Decision", f.kind),
		widget.NewFormItem("Rationale", f.rationale),
		widget.NewFormItem("Who", f.who))
	d = dialog.NewCustomWithoutButtons("Record decision", container.NewBorder(nil, msg, nil, nil, form), in.w.win)
	d.SetButtons([]fyne.CanvasObject{cancel, record})
	f.dialog, f.msg, f.record = d, msg, record
	d.Resize(fyne.NewSize(520, 360))
	in.w.showDialog(d) // Escape: Cancel
}

func (in *inspector) onLogLearning() {
	if in.id == "" {
		return
	}
	id := in.id
	learned := newAppMultiLineEntry() // the app's entries: Escape in them cancels
	learned.SetPlaceHolder("what the research showed")
	cost := newAppEntry()
	cost.SetPlaceHolder("what it cost (optional)")
	d := dialog.NewForm("Log learning", "Log", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Learned", learned),
		widget.NewFormItem("Cost", cost),
	}, func(ok bool) {
		if !ok {
			return
		}
		if err := in.w.ses.LogLearning(id, learned.Text, cost.Text); err != nil {
			in.w.showError(err)
		}
	}, in.w.win)
	d.Resize(fyne.NewSize(520, 300))
	in.w.showDialog(d) // Escape: Cancel
}

// triggerCell is the inspector's "Trigger S*": the trigger, or, where the
// option has two exercise boundaries (negative rates: r < q < 0 for a call,
// q < r < 0 for a put), the band between them, outside which waiting pays.
func triggerCell(r *portfolio.InitiativeResult, m func(float64) string) string {
	if lo, hi, ok := r.TwoBoundaryBand(); ok {
		return format.ExerciseBand(lo, hi, m)
	}
	return m(r.Trigger())
}

package ui

import (
	"fmt"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/ui/report"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// The choices of the Funding view's per-initiative toggle.
const (
	fundAuto  = "auto"
	fundMust  = "must"
	fundNever = "never"
)

// fundingView is the review's funding plan: a budget (entry and slider),
// must / never toggles per open initiative, the exact plan (fund, keep,
// lapse) with the greedy ranking's plan beside it, the efficient frontier,
// and "Accept the plan", which records one invest decision per funded
// initiative as one undoable action. Plans are computed off the UI
// goroutine; the newest request wins.
type fundingView struct {
	w       *Window
	budget  *widget.Entry
	slider  *widget.Slider
	summary *widget.Label
	rows    *fyne.Container
	accept  *widget.Button
	pane    *chartPane // the frontier
	mapPane *chartPane // the option space, the plan's bubbles highlighted
	// root is the view's content, in the window's scroll area for it.
	root fyne.CanvasObject

	choice map[string]string // initiative ID -> fundAuto / fundMust / fundNever
	top    float64           // the slider's maximum: MaxUsefulBudget
	gen    atomic.Int64      // newest computation
	// resetGen is the newest reset (the useful budget being worked out).
	resetGen atomic.Int64
	report   *portfolio.FundingReport
	// onPlanned, in tests, is called on the UI goroutine after a plan is
	// shown (or failed).
	onPlanned func()
}

func newFundingView(w *Window) *fundingView {
	v := &fundingView{w: w, pane: newChartPane(w.app), mapPane: newChartPane(w.app), choice: map[string]string{},
		summary: widget.NewLabel(""), rows: container.NewVBox()}
	v.summary.Wrapping = fyne.TextWrapWord
	v.budget = widget.NewEntry()
	v.budget.SetPlaceHolder("budget for the period")
	v.budget.OnSubmitted = func(s string) { v.onBudgetText(s) }
	v.slider = widget.NewSlider(0, 1)
	v.slider.OnChanged = func(f float64) {
		v.budget.SetText(fmt.Sprintf("%.0f", f))
		v.recompute(false)
	}
	v.accept = widget.NewButton("Accept the plan", v.onAccept)
	v.accept.Importance = widget.HighImportance
	w.ses.OnPortfolioChange(v.reset)
	w.onThemeChanged(v.pane.themeChanged)
	w.onThemeChanged(v.mapPane.themeChanged)
	v.reset()
	return v
}

func (v *fundingView) content() fyne.CanvasObject {
	bar := container.NewBorder(nil, nil, widget.NewLabel("Budget"), v.accept, v.budget)
	head := container.NewVBox(bar, v.slider, v.summary)
	list := container.NewVScroll(v.rows)
	list.SetMinSize(fyne.NewSize(280, 200))
	body := container.New(&planLayout{relayout: v.relayout}, list, v.mapPane.content(), v.pane.content())
	v.root = container.NewBorder(head, nil, nil, nil, body)
	return v.root
}

// relayout has the scroll area the view is shown in (Window.buildSelected)
// take the view's new minimum height: the plan's layout is taller in a
// narrow pane (planLayout).
func (v *fundingView) relayout() {
	for _, it := range v.w.tabs.Items {
		if s, ok := it.Content.(*container.Scroll); ok && s.Content == v.root {
			s.Refresh()
		}
	}
}

// budgetValue reads the entry; ok false when it is not an amount >= 0.
func (v *fundingView) budgetValue() (float64, bool) {
	var b float64
	s := strings.NewReplacer(",", "", "_", "", " ", "").Replace(v.budget.Text)
	if _, err := fmt.Sscanf(s, "%g", &b); err != nil || b < 0 || b != b {
		return 0, false
	}
	return b, true
}

func (v *fundingView) onBudgetText(string) {
	b, ok := v.budgetValue()
	if !ok {
		v.summary.SetText("Budget: want an amount >= 0, such as 1500000.")
		return
	}
	v.slider.Value = min(b, v.slider.Max)
	v.slider.Refresh()
	v.recompute(false)
}

// reset restarts from the saved portfolio: slider range and a first plan
// at a third of the useful budget (or the entry's budget). The useful
// budget (MaxUsefulBudget) is worked out off the UI goroutine, as the
// plans are: at 1,000 initiatives it took over 20 s, during which the
// window did not answer. The newest reset wins.
func (v *fundingView) reset() {
	if v.waiting() {
		return
	}
	p, val := v.w.ses.Portfolio, v.w.ses.Valuation
	gen := v.resetGen.Add(1)
	v.gen.Add(1) // a plan of the portfolio before is not shown
	v.report = nil
	v.accept.Disable()
	v.summary.SetText(planningText)
	v.rows.Objects = nil
	v.rows.Refresh()
	work := func() {
		fp, err := portfolio.NewFundingProblem(p, val, portfolio.FundingOptions{})
		top := 0.0
		if err == nil {
			top, err = fp.MaxUsefulBudget()
		}
		fyne.Do(func() {
			if v.resetGen.Load() != gen {
				return
			}
			v.startPlans(top, err)
		})
	}
	if fundingInline {
		work()
		return
	}
	go work()
}

// planningText is the summary while the useful budget is worked out.
const planningText = "Working out the plan…"

// startPlans sets the slider's range to the useful budget top and plans
// at the entry's budget (a third of top when it holds none).
func (v *fundingView) startPlans(top float64, err error) {
	if err != nil {
		v.summary.SetText("No plan: " + err.Error())
		return
	}
	v.top = top
	if v.top <= 0 {
		v.top = 1
	}
	v.slider.Max = v.top
	v.slider.Step = v.top / 200
	if _, ok := v.budgetValue(); !ok {
		v.budget.SetText(fmt.Sprintf("%.0f", v.top/3))
	}
	b, _ := v.budgetValue()
	v.slider.Value = min(b, v.top)
	v.slider.Refresh()
	v.recompute(true)
}

// waitingText is the summary while the portfolio's valuation runs.
const waitingText = "Waiting for the valuation… the plan follows when the values arrive."

// waiting reports whether the session's values are still pending; if so
// it says so in place of a plan (a plan of no values would read "Fund 0
// for 0"), clears the rows, disables Accept and drops any plan being
// computed. The plan follows with the values (ChangedPortfolio, reset).
func (v *fundingView) waiting() bool {
	if !v.w.ses.Pending() {
		return false
	}
	v.gen.Add(1)
	v.resetGen.Add(1)
	v.report = nil
	v.accept.Disable()
	v.summary.SetText(waitingText)
	v.rows.Objects = nil
	v.rows.Refresh()
	return true
}

// reportFunding is the report's Funding plan section at the view's budget
// and must/never choices, or nil when the budget is not a valid amount.
func (v *fundingView) reportFunding() *report.Funding {
	budget, ok := v.budgetValue()
	if !ok {
		return nil
	}
	f := &report.Funding{Budget: budget}
	f.Must, f.Never = v.mustNever()
	return f
}

// mustNever lists the initiatives the user chose to fund whatever the
// plan says, and those never to fund.
func (v *fundingView) mustNever() (must, never []string) {
	for id, c := range v.choice {
		switch c {
		case fundMust:
			must = append(must, id)
		case fundNever:
			never = append(never, id)
		}
	}
	return must, never
}

// recompute solves the plan at the entry's budget on a goroutine; with
// frontier it also recomputes the frontier (must / never changed).
func (v *fundingView) recompute(frontier bool) {
	if v.waiting() {
		return
	}
	budget, ok := v.budgetValue()
	if !ok {
		return
	}
	p, val := v.w.ses.Portfolio, v.w.ses.Valuation
	opt := portfolio.FundingOptions{}
	opt.Must, opt.Never = v.mustNever()
	var old []portfolio.FrontierPoint
	if !frontier && v.report != nil {
		old = v.report.Frontier
	}
	gen := v.gen.Add(1)
	work := func() {
		n := 0
		if old == nil {
			n = 50
		}
		r, err := portfolio.PlanFunding(p, val, opt, budget, n, portfolio.PlanLimits{})
		if r != nil && old != nil {
			r.Frontier = old
		}
		fyne.Do(func() {
			if v.gen.Load() != gen {
				return
			}
			v.show(p, r, err)
			if v.onPlanned != nil {
				v.onPlanned()
			}
		})
	}
	if fundingInline {
		work()
		return
	}
	go work()
}

// fundingInline plans on the calling goroutine: the tests' driver runs
// fyne.Do at once on the calling goroutine, so a plan finished on another
// one would touch widgets beside the test's own goroutine.
var fundingInline = false

// show puts a computed plan on screen.
func (v *fundingView) show(p *model.Portfolio, r *portfolio.FundingReport, err error) {
	if err != nil {
		v.report = nil
		v.accept.Disable()
		v.summary.SetText("No plan: " + err.Error())
		return
	}
	v.report = r
	cur := p.Currency
	pl, g := r.Plan, r.Greedy
	opt := "optimal"
	if !pl.Optimal {
		opt = fmt.Sprintf("stopped on a limit, gap %s", format.PercentN(pl.Gap, 2))
	}
	v.summary.SetText(fmt.Sprintf("Review %s to %s. Fund %d for %s of %s: total value %s (%s), what the rows below count. "+
		"Greedy ranking by profitability index: %s, %s less.",
		format.Date(r.Problem.AsOf), format.Date(r.Problem.PeriodEnd), len(pl.Fund), format.MoneyCompact(pl.Spent, cur),
		format.MoneyCompact(pl.Budget, cur), format.MoneyCompact(pl.Value, cur), opt,
		format.MoneyCompact(g.Value, cur), format.MoneyCompact(pl.Value-g.Value, cur)))
	if len(pl.Fund) == 0 {
		v.accept.Disable()
	} else {
		v.accept.Enable()
	}
	v.rows.Objects = nil
	fp := r.Problem
	// The rows add up to the total: each shows what it adds to it
	// (Plan.Counted) and, where that is 0 though kept, why. A follow-on
	// whose gate lapses unfunded is listed apart, lapsing with its gate.
	var kept []int
	for _, i := range pl.Keep {
		if !pl.GateLapses(i) {
			kept = append(kept, i)
		}
	}
	for _, part := range []struct {
		head string
		idx  []int
		imp  widget.Importance
	}{{"Fund now", pl.Fund, widget.SuccessImportance}, {"Keep open", kept, widget.MediumImportance},
		{"Lapses in the period", pl.Lapse, widget.WarningImportance}, {gateLapseHead, pl.GateLapse, widget.WarningImportance}} {
		if part.head == gateLapseHead && len(part.idx) == 0 {
			continue
		}
		v.rows.Add(widget.NewLabelWithStyle(fmt.Sprintf("%s (%d)", part.head, len(part.idx)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for k, i := range part.idx {
			if k == fundingRowsShown {
				rest := 0.0 // what the rows not listed count, so the view still adds up
				for _, j := range part.idx[k:] {
					rest += pl.Counted[j]
				}
				more := wrapped(fmt.Sprintf("… and %d more, counting %s: the report's funding plan and optionspace-cli plan list them all.",
					len(part.idx)-k, format.MoneyCompact(rest, cur)))
				more.Importance = widget.LowImportance
				v.rows.Add(more)
				break
			}
			v.rows.Add(v.row(fp.Items[i], pl.Counted[i], pl.Why[i], part.imp, cur))
		}
	}
	v.rows.Refresh()
	v.mapPane.invalidate(spaceDraw(v.planPoints()))
	if len(r.Frontier) > 0 {
		in := chart.FrontierFromReport(r, cur)
		v.pane.setMessage("")
		v.pane.invalidate(plotDrawIn(func() (chart.FrontierInput, error) { return in, nil },
			func(in chart.FrontierInput, st chart.Style) (*plot.Plot, error) { return chart.Frontier(in, st) }))
	}
}

// fundingRowsShown is how many initiatives a part of the plan (fund now,
// keep open, lapses) lists before it says how many more there are: at
// 1,000 initiatives a row each (labels and a select, rebuilt on every
// new plan) kept the window busy for more than a minute.
const fundingRowsShown = 60

// planPoints are the option space's bubbles with the plan highlighted:
// funded initiatives in full, the others faded.
func (v *fundingView) planPoints() ([]chart.SpacePoint, chart.SpaceOptions) {
	funded := map[string]bool{}
	if v.report != nil {
		for _, i := range v.report.Plan.Fund {
			funded[v.report.Problem.Items[i].ID] = true
		}
	}
	// No drift arrows on the plan's map: the drift is not priced.
	pts, opt := chart.SpaceFromValuationWith(v.w.ses.Portfolio, v.w.ses.Valuation, chart.SpaceFrom{})
	for i := range pts {
		pts[i].Dim = !funded[pts[i].ID]
	}
	opt.Title = "The plan on the map (the rest faded)"
	return pts, opt
}

// gateLapseHead heads the follow-ons that lapse with their gate (shown
// only when there are some): the one label of ui/format.
const gateLapseHead = format.GateLapsesHeading

// rowText is a plan row's numbers: what the row adds to the plan's total
// (counted) first, then cost, value funded now and value kept open.
func rowText(it portfolio.FundingItem, counted float64, cur string) string {
	return fmt.Sprintf("Counts %s · cost %s · now %s · kept %s", format.MoneyCompact(counted, cur),
		format.MoneyCompact(it.Cost, cur), format.MoneyCompact(it.Fund, cur), format.MoneyCompact(it.Keep, cur))
}

// row is one initiative: name, numbers (with what it adds to the plan's
// total), why it counts 0 where it does although kept, and its must /
// never toggle.
func (v *fundingView) row(it portfolio.FundingItem, counted float64, why string, imp widget.Importance, cur string) fyne.CanvasObject {
	name := widget.NewLabel(it.Name)
	name.Importance = imp
	name.Truncation = fyne.TextTruncateEllipsis
	// Wrapped, not truncated: in a narrow pane the ellipsis hid the
	// numbers at the end.
	l := widget.NewLabel(rowText(it, counted, cur))
	l.Wrapping = fyne.TextWrapWord
	var whyLabel fyne.CanvasObject
	if why != "" {
		wl := widget.NewLabel("Why: " + why)
		wl.Wrapping = fyne.TextWrapWord
		wl.Importance = widget.LowImportance
		whyLabel = wl
	}
	id := it.ID
	sel := widget.NewSelect([]string{fundAuto, fundMust, fundNever}, nil)
	c := v.choice[id]
	if c == "" {
		c = fundAuto
	}
	sel.SetSelected(c)
	sel.OnChanged = func(s string) {
		v.choice[id] = s
		v.recompute(true)
	}
	return container.NewBorder(name, whyLabel, nil, sel, l)
}

// onAccept records one invest decision per funded initiative, with the
// plan's numbers, as one undoable action.
func (v *fundingView) onAccept() {
	r := v.report
	if r == nil || len(r.Plan.Fund) == 0 {
		return
	}
	ses := v.w.ses
	cur := ses.Portfolio.Currency
	why := fmt.Sprintf("Funding plan for %s to %s: budget %s, spent %s, total value %s (greedy ranking %s)",
		format.Date(r.Problem.AsOf), format.Date(r.Problem.PeriodEnd), format.MoneyCompact(r.Plan.Budget, cur),
		format.MoneyCompact(r.Plan.Spent, cur), format.MoneyCompact(r.Plan.Value, cur), format.MoneyCompact(r.Greedy.Value, cur))
	var ds []model.Decision
	for _, i := range r.Plan.Fund {
		it := r.Problem.Items[i]
		res := ses.Valuation.ByID(it.ID)
		if res == nil {
			continue
		}
		ds = append(ds, model.Decision{ID: model.NewID("dec"), Date: model.Today(), Initiative: it.ID, Decision: model.DecideInvest,
			Rationale: fmt.Sprintf("%s; this one: cost %s, value of funding now %s, kept %s", why,
				format.MoneyCompact(it.Cost, cur), format.MoneyCompact(it.Fund, cur), format.MoneyCompact(it.Keep, cur)),
			Numbers: Numbers(res)})
	}
	err := ses.Apply(fmt.Sprintf("Accept the funding plan (%d initiatives)", len(ds)), func(p *model.Portfolio) error {
		for _, d := range ds {
			in := p.Initiative(d.Initiative)
			if in == nil || in.Status != model.StatusOpen {
				return fmt.Errorf("initiative %s is no longer open", d.Initiative)
			}
			in.Status = model.StatusInvested
			p.Decisions = append(p.Decisions, d)
		}
		return nil
	})
	if err != nil {
		v.w.showError(err)
	}
}

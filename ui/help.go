package ui

import (
	"bytes"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/ui/format"
)

// helpText explains the option space, the six regions and every number,
// with the formulas the app uses.
const helpText = `# Option Space

Each initiative is a **real option**: the right, not the obligation, to invest X later to receive S.

| input | meaning |
|---|---|
| S | present value of the cash flows the initiative would produce |
| X | the investment needed to carry it out |
| t | years until the decision deadline (from the as-of date); "passed" when the deadline is before the as-of date (t is then 0) |
| σ | uncertainty of S per year |
| r | risk-free rate (discrete: PV(X) = X/(1+r)^t; continuous: X·e^(−rt)) |
| q | leakage: value lost per year while waiting |

## The map

* **NPVq = S / PV(X)** across (log scale): above 1 the cash flows cover the discounted investment.
* **σ√t** down: cumulative volatility, how much can still change before the deadline.
* The background is **C/S = N(d1) − N(d2)/NPVq**, d1 = ln(NPVq)/(σ√t) + σ√t/2, d2 = d1 − σ√t: the option value as a share of S.

## The six regions

1. **Invest now**: NPV = S − X > 0 and little option value left: S at or above the trigger S* (exercise beats waiting) or time value C − NPV at most the invest-now premium of S.
2. **Maybe now**: NPV > 0, but waiting is still worth more; invest early only if leakage outweighs that premium.
3. **Probably later**: NPVq > 1 but NPV < 0 (the dashed curve NPVq = (1+r)^t is NPV = 0).
4. **Maybe later**: NPVq ≤ 1 and C/S at least the maybe-later threshold (10%): garden it.
5. **Probably never**: NPVq ≤ 1, C/S between the two thresholds (2% and 10%).
6. **Never**: NPVq ≤ 1 and almost no option value left.

The thresholds are set in Preferences (Ctrl+,).

## The numbers in the inspector

* **Option value** and its method (Black-Scholes-Merton when exact, else the Andersen-Lake-Offengelt exercise boundary for American calls and puts, a Leisen-Reimer lattice for choose, Geske for staged).
* **NPV = S − X**, the value of investing now; **flexibility** = option value − NPV.
* **Trigger S*** the S above which investing now beats waiting (∞ when waiting always pays: no leakage).
* **Greeks**: Δ = dV/dS, Γ = d²V/dS², vega = dV/dσ (per 1.00), θ = value lost per year, ρ = dV/dr.
* **Tornado**: value at ±20% of S, X, t, σ and ±2 points of r and q: where learning pays.

## The funding plan (Funding view)

For a budget B over the review period (as-of date to the next review, 6 months), each open initiative is **funded now** or **kept**:

* **Funded**: it adds its value of investing now (S − X; for a staged one the option left after paying the first stage now, less the stage cost) and spends X (or the stage cost).
* **Kept**: it adds its option value if its deadline is after the period's end, and **0 if its deadline falls on or before the period's end** (it lapses: a deadline on the review day too, since that review is the last that can decide it).
* **Excludes**: at most one of the set is funded; if none is, the set adds its best kept value. **Gates** A → B: B can be funded only if A is funded in the plan or already invested; while A is kept, B's option counts inside A's value.
* Invested and abandoned initiatives are out; *must fund* and *never fund* fix a choice.

The plan is the **exact** best total within the budget (branch and bound with a linear-programming bound), not a ranking; beside it, what a ranking by profitability index S/X would fund and how much less it is worth. The chart is the efficient frontier: the best total for every budget. *Accept the plan* records an invest decision for each funded initiative, undone by one Ctrl+Z.

## Gardening

Untended, an initiative drifts up (t runs down) and left (PV(X) rises to X): see the drift arrows.
Move it down and right by raising S, lowering X, buying time or learning (which changes σ).

## Keys

| key | action |
|---|---|
| Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) | undo / redo (every edit is one saved action) |
| Ctrl+N / Ctrl+D | new / duplicate initiative |
| Ctrl+F | search the initiatives |
| Ctrl+Shift+S | take a snapshot |
| Ctrl+O / Ctrl+Shift+E | import / export JSON or CSV |
| Ctrl+E | export the PDF report (and its CSV tables) |
| Ctrl+1 … Ctrl+8 | switch views |
| Ctrl+, | preferences |
| Ctrl+0 | whole option space map again (reset zoom; scroll zooms, drag pans, double-click resets) |
| F1 | this help |
| Ctrl+Q | quit (the field being edited is saved first) |
`

// tourSteps are the guided tour's pages; the first, the welcome, is
// tourWelcome's for the open portfolio.
var tourSteps = []string{
	"",
	"The list on the left groups the initiatives by layer. Search with Ctrl+F, sort by tapping a column, add one with + (Ctrl+N).",
	"The Option space map places each initiative by value-to-cost (across) and cumulative volatility (down). Click a bubble to select it; hover to read its numbers.",
	"The inspector on the right edits the selected initiative. Invalid values are shown in red and never saved; every saved edit can be undone with Ctrl+Z.",
	"Invest / wait is the executive view; Drivers revalues everything live as you move a shared assumption; Simulation, Decisions and History record and review. F1 explains every number.",
}

// sampleName is the bundled sample portfolio's name (samples.SCRMNorthwind).
var sampleName = sync.OnceValue(func() string {
	p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		return ""
	}
	return p.Name
})

// tourWelcome is the tour's first page for portfolio p: it names the
// sample as the sample only when p is the sample (by its name), and
// otherwise p's name; the count is p's own either way.
func tourWelcome(p *model.Portfolio) string {
	const welcome = "Welcome to Option Space. "
	if p == nil {
		return welcome + "Each initiative of a portfolio is held as a real option: add one with + (Ctrl+N), or open a portfolio from the Portfolio menu."
	}
	n := format.Count(len(p.Initiatives), "initiative", "initiatives")
	if p.Name == sampleName() {
		return welcome + "This is the Northwind SCRM sample: " + n + " of a Social CRM strategy, each held as a real option."
	}
	return welcome + "This is “" + p.Name + "”: " + n + ", each held as a real option."
}

// tourStep is the text of the tour's step i in w.
func (w *Window) tourStep(i int) string {
	if i == 0 {
		return tourWelcome(w.ses.Portfolio)
	}
	return tourSteps[i]
}

func (w *Window) showHelp() {
	rt := widget.NewRichTextFromMarkdown(helpText)
	rt.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Help", "Close", container.NewVScroll(rt), w.win)
	d.Resize(fyne.NewSize(760, 640))
	w.showDialog(d)
}

// tourTargets says what each tour step points at: it is made visible
// and given the focus or selection in the window itself, so the step's text
// (in a bar above the views, not a modal dialog) describes what the user
// sees highlighted.
var tourTargets = []func(w *Window){
	func(w *Window) { _ = w.ShowView("space") },
	func(w *Window) { w.win.Canvas().Focus(w.list.search) },
	func(w *Window) { _ = w.ShowView("space"); w.win.Canvas().Unfocus() },
	func(w *Window) {
		if w.ses.Selected == "" && len(w.ses.Portfolio.Initiatives) > 0 {
			w.ses.Select(w.ses.Portfolio.Initiatives[0].ID)
		}
		w.focusInspector()
	},
	func(w *Window) { _ = w.ShowView("invest"); w.win.Canvas().Unfocus() },
}

// showTour shows the guided tour, one step at a time, in the tour bar
// above the views; each step points at its widget (tourTargets).
func (w *Window) showTour() {
	step := 0
	text := widget.NewLabel(w.tourStep(0))
	text.Wrapping = fyne.TextWrapWord
	count := widget.NewLabel("")
	next := widget.NewButton("Next", nil)
	next.Importance = widget.HighImportance
	update := func() {
		text.SetText(w.tourStep(step))
		count.SetText(fmtStep(step+1, len(tourSteps)))
		if step == len(tourSteps)-1 {
			next.SetText("Done")
		}
		if step < len(tourTargets) {
			tourTargets[step](w)
		}
	}
	end := func() {
		w.app.Preferences().SetBool(prefToured, true)
		w.tour.Objects = nil
		w.tour.Hide()
		w.tour.Refresh()
	}
	next.OnTapped = func() {
		if step == len(tourSteps)-1 {
			end()
			return
		}
		step++
		update()
	}
	skip := widget.NewButton("Skip", end)
	update()
	w.tour.Objects = []fyne.CanvasObject{widget.NewCard("", "Quick tour",
		container.NewBorder(nil, nil, nil, container.NewHBox(count, skip, next), text))}
	w.tour.Show()
	w.tour.Refresh()
}

func fmtStep(i, n int) string {
	return string(rune('0'+i)) + " of " + string(rune('0'+n))
}

// firstRun shows the tour once per installation.
func (w *Window) firstRun() {
	if !w.app.Preferences().BoolWithFallback(prefToured, false) {
		w.showTour()
	}
}

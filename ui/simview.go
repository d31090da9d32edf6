package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// simView runs the portfolio's Monte Carlo simulation (portfolio.Simulate:
// correlated underlyings to the review horizon, each initiative valued with
// the time it has left) off the UI goroutine, with progress and cancel, then
// shows the histogram of the portfolio's value at the horizon, its
// percentiles, and each initiative's region and exercise probabilities.
type simView struct {
	w       *Window
	n, seed *appEntry
	horizon *widget.Select
	run     *widget.Button
	pane    *chartPane
	summary *widget.Label
	regions *widget.Label
	result  *portfolio.SimResult
	// resultText is the summary of result as shown.
	resultText string
	onFinish   func() // tests: called on the UI goroutine after a run ends
	// cancel stops the running simulation (the dialog's Cancel button).
	cancel context.CancelFunc
}

// horizons are the review horizons offered, in years.
var horizons = map[string]float64{"3 months": 0.25, "6 months": 0.5, "1 year": 1, "2 years": 2}

func newSimView(w *Window) *simView {
	v := &simView{w: w, n: newAppEntry(), seed: newAppEntry(), pane: newChartPane(w.app)}
	v.n.SetText("20000")
	v.seed.SetText("1")
	v.horizon = widget.NewSelect([]string{"3 months", "6 months", "1 year", "2 years"}, nil)
	v.horizon.SetSelected("1 year")
	v.run = widget.NewButtonWithIcon("Run", theme.MediaPlayIcon(), v.onRun)
	v.run.Importance = widget.HighImportance
	v.summary = widget.NewLabel("Run a simulation to see the spread of the portfolio's value at the next review.")
	v.summary.Wrapping = fyne.TextWrapWord
	v.regions = widget.NewLabel("")
	v.regions.TextStyle.Monospace = true
	v.pane.setMessage("No simulation yet.")
	w.onThemeChanged(v.pane.themeChanged)
	w.ses.OnChange(func(c Change) {
		if c == ChangedPortfolio && v.result != nil {
			v.summary.SetText("The portfolio changed since this run: run again to update.")
		}
	})
	return v
}

func (v *simView) content() fyne.CanvasObject {
	// The inputs wrap onto more rows in a narrow pane instead of pushing
	// Run out of sight; Run stays at the right of the first row (as a
	// fourth cell of the grid it sat alone on a second row even at
	// 1920x1080).
	cell := fyne.NewSize(220, v.run.MinSize().Height)
	// The labels share the widest one's width, so that the fields, one
	// under another in a narrow pane, start at the same x (they were
	// staggered by the labels' lengths).
	labelW := widget.NewLabel("Review in").MinSize().Width
	label := func(s string) fyne.CanvasObject {
		l := widget.NewLabel(s)
		return container.NewGridWrap(fyne.NewSize(labelW, l.MinSize().Height), l)
	}
	inputs := container.NewGridWrap(cell,
		container.NewBorder(nil, nil, label("Paths"), nil, v.n),
		container.NewBorder(nil, nil, label("Seed"), nil, v.seed),
		container.NewBorder(nil, nil, label("Review in"), nil, v.horizon))
	form := container.NewBorder(nil, nil, nil, container.NewVBox(v.run), inputs)
	// A short subtitle and a wrapped hint: the long subtitle (it does not
	// wrap) made the view 583 units wide, more than its pane in a
	// 1024x700 window, and pushed Run out of sight.
	bottom := container.NewVBox(v.summary, widget.NewCard("", "At the review",
		container.NewVBox(wrapped("Probability of each region (0 = deadline passed) and of having exercised."),
			container.NewHScroll(v.regions))))
	return container.NewBorder(form, nil, nil, nil, container.NewVSplit(v.pane.content(), container.NewVScroll(bottom)))
}

// simOptions validates the view's inputs.
func (v *simView) simOptions() (portfolio.SimOptions, error) {
	n, err := parseAmount(v.n.Text)
	if err != nil || n < 100 || n > 2e6 || n != float64(int(n)) {
		return portfolio.SimOptions{}, fmt.Errorf("paths: %q, want a whole number from 100 to 2000000", v.n.Text)
	}
	seed, err := parseAmount(v.seed.Text)
	if err != nil || seed < 0 || seed > 1e15 || seed != float64(uint64(seed)) {
		return portfolio.SimOptions{}, fmt.Errorf("seed: %q, want a whole number from 0 to 10^15", v.seed.Text)
	}
	h, ok := horizons[v.horizon.Selected]
	if !ok {
		return portfolio.SimOptions{}, fmt.Errorf("review in: %q, want one of 3 months, 6 months, 1 year, 2 years", v.horizon.Selected)
	}
	return portfolio.SimOptions{Paths: int(n), Seed: uint64(seed), Horizon: h,
		Valuation: portfolio.Options{WithLinks: true}}, nil
}

// onRun validates the inputs and runs the simulation in a goroutine with a
// progress dialog whose Cancel stops it.
func (v *simView) onRun() {
	so, err := v.simOptions()
	if err != nil {
		v.w.showError(err)
		return
	}
	p := v.w.ses.Saved()
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	bar := widget.NewProgressBar()
	d := dialog.NewCustomWithoutButtons("Simulating", container.NewVBox(
		widget.NewLabel(fmt.Sprintf("%d paths of %d initiatives…", so.Paths, len(p.Initiatives))), bar,
		widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel)), v.w.win)
	d.Show()
	v.w.escapeCloses(cancel) // Escape: Cancel
	v.run.Disable()
	shown := -1 // percent on the bar; Progress runs one call at a time
	so.Progress = func(done, total int) {
		if pc := 100 * done / total; pc != shown {
			shown = pc
			fyne.Do(func() { bar.SetValue(float64(pc) / 100) })
		}
	}
	go func() {
		res, err := portfolio.Simulate(ctx, p, so)
		fyne.Do(func() {
			cancel()
			d.Hide()
			v.run.Enable()
			switch {
			case errors.Is(err, context.Canceled):
				// The chart and the summary keep showing the same run:
				// the previous one, or none.
				if v.result != nil {
					v.summary.SetText("Cancelled: the previous run is still shown. " + v.resultText)
				} else {
					v.summary.SetText("Cancelled: nothing to show yet.")
				}
			case err != nil:
				v.w.showError(fmt.Errorf("simulation: %w", err))
			default:
				v.show(res, p.Currency)
			}
			if v.onFinish != nil {
				v.onFinish()
			}
		})
	}()
}

// show displays a finished run.
func (v *simView) show(res *portfolio.SimResult, unit string) {
	v.result = res
	in := chart.SimulationInput{Unit: unit, Samples: res.Values, Percentiles: []float64{5, 50, 95},
		Title: fmt.Sprintf("Portfolio value at the review in %s (%d paths)", horizonName(res.Horizon), res.Paths)}
	v.pane.setMessage("")
	v.pane.invalidate(func(w, h int, dpi float64, st chart.Style) (image.Image, []chart.Hit, error) {
		p, err := chart.Simulation(in, st)
		if err != nil {
			return nil, nil, err
		}
		img, err := chart.Render(p, w, h, dpi)
		return img, nil, err
	})
	pos := 0
	for _, x := range res.Values {
		if x > 0 {
			pos++
		}
	}
	m := v.w.money
	total := format.Dash
	if val := v.w.ses.Valuation; val != nil {
		total = m(val.Total)
	}
	text := fmt.Sprintf("At the review: mean %s ± %s · P5 %s · median %s · P95 %s · P(value > 0) %s. "+
		"Discounted to today the mean is %s ± %s, against %s for the simulated options today "+
		"(with their follow-ons and exercise before the review, as the portfolio value %s counts them).",
		m(res.Mean), m(res.StdErr), m(res.P5), m(res.P50), m(res.P95), percent(float64(pos)/float64(len(res.Values))),
		m(res.PresentMean), m(res.PresentStdErr), m(res.Today), total)
	if res.Shrink < 1 {
		text += fmt.Sprintf(" The synergy correlations were scaled by %.2f to be consistent.", res.Shrink)
	}
	text += leftOutText(res)
	v.resultText = text
	v.summary.SetText(text)
	v.regions.SetText(regionTable(res))
}

// leftOutText says which open initiatives the run does not simulate, and
// why (SimResult.LeftOut: excluded alternatives, what is counted inside
// them, those not valued), "" when it simulates them all.
func leftOutText(res *portfolio.SimResult) string {
	if len(res.LeftOut) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, " Not simulated: %s, left out as from the portfolio's value:", format.Count(len(res.LeftOut), "open initiative", "open initiatives"))
	for k, l := range res.LeftOut {
		sep := ";"
		if k == len(res.LeftOut)-1 {
			sep = "."
		}
		fmt.Fprintf(&b, " %s (%s)%s", l.Name, l.Reason, sep)
	}
	return b.String()
}

// horizonName names a horizon in years as the view offers it ("1 year").
func horizonName(h float64) string {
	for name, y := range horizons {
		if y == h {
			return name
		}
	}
	return years(h)
}

// regionTable is the monospaced table of each initiative's region and
// exercise probabilities at the horizon.
func regionTable(res *portfolio.SimResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-36s %7s %7s %7s %7s %7s %7s %7s %9s\n", "initiative", "0", "1", "2", "3", "4", "5", "6", "exercised")
	for _, s := range res.Initiatives {
		fmt.Fprintf(&b, "%-36s", trunc(s.Name, 36))
		for g := 0; g <= valuation.NumRegions; g++ {
			fmt.Fprintf(&b, " %7s", percent(s.Region[g]))
		}
		fmt.Fprintf(&b, " %9s\n", percent(s.Exercised))
	}
	return strings.TrimRight(b.String(), "\n")
}

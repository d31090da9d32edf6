package ui

import (
	"context"
	"fmt"
	"image"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/chart"
)

// simView runs a Monte Carlo simulation of the portfolio off the UI
// goroutine, with progress and cancel, then shows the histogram of the
// portfolio's value and each initiative's region probabilities at the
// review horizon.
type simView struct {
	w        *Window
	n, seed  *widget.Entry
	horizon  *widget.Select
	run      *widget.Button
	pane     *chartPane
	summary  *widget.Label
	regions  *widget.Label
	result   *simResult
	onFinish func() // tests: called on the UI goroutine after a run ends
}

// horizons are the review horizons offered, in years.
var horizons = map[string]float64{"3 months": 0.25, "6 months": 0.5, "1 year": 1, "2 years": 2}

func newSimView(w *Window) *simView {
	v := &simView{w: w, n: widget.NewEntry(), seed: widget.NewEntry(), pane: newChartPane(w.app)}
	v.n.SetText("20000")
	v.seed.SetText("1")
	v.horizon = widget.NewSelect([]string{"3 months", "6 months", "1 year", "2 years"}, nil)
	v.horizon.SetSelected("1 year")
	v.run = widget.NewButtonWithIcon("Run", theme.MediaPlayIcon(), v.onRun)
	v.run.Importance = widget.HighImportance
	v.summary = widget.NewLabel("Run a simulation to see the spread of the portfolio's value.")
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
	form := container.NewBorder(nil, nil, nil, v.run, container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, widget.NewLabel("Paths"), nil, v.n),
		container.NewBorder(nil, nil, widget.NewLabel("Seed"), nil, v.seed)),
		container.NewBorder(nil, nil, widget.NewLabel("Regions at"), nil, v.horizon))
	bottom := container.NewVBox(v.summary, widget.NewCard("", "Region probabilities at the horizon (share of paths)", container.NewHScroll(v.regions)))
	return container.NewBorder(form, nil, nil, nil, container.NewVSplit(v.pane.content(), container.NewVScroll(bottom)))
}

// onRun validates the inputs and runs the simulation in a goroutine with a
// progress dialog whose Cancel stops it.
func (v *simView) onRun() {
	n, err := parseAmount(v.n.Text)
	if err != nil || n < 100 || n > 2e6 || n != float64(int(n)) {
		v.w.showError(fmt.Errorf("paths: %q, want a whole number from 100 to 2000000", v.n.Text))
		return
	}
	seed, err := parseAmount(v.seed.Text)
	if err != nil || seed < 0 || seed != float64(uint64(seed)) {
		v.w.showError(fmt.Errorf("seed: %q, want a whole number >= 0", v.seed.Text))
		return
	}
	h := horizons[v.horizon.Selected]
	p, val := v.w.ses.Saved(), v.w.ses.savedVal
	th := p.Settings.Thresholds
	unit := p.Currency
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	d := dialog.NewCustomWithoutButtons("Simulating", container.NewVBox(
		widget.NewLabel(fmt.Sprintf("%d paths of %d initiatives…", int(n), len(val.Initiatives))), bar,
		widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel)), v.w.win)
	d.Show()
	v.run.Disable()
	go func() {
		legs, err := simLegs(val, h)
		var res *simResult
		if err == nil {
			res, err = simulate(ctx, legs, th, int(n), h, uint64(seed), func(f float64) { fyne.Do(func() { bar.SetValue(f) }) })
		}
		var in chart.SimulationInput
		if err == nil {
			in = chart.SimulationInput{Unit: unit, Samples: res.Totals, Percentiles: []float64{5, 50, 95},
				Title: fmt.Sprintf("Simulated portfolio value (%d paths, European exercise, independent)", len(res.Totals))}
		}
		fyne.Do(func() {
			cancel()
			d.Hide()
			v.run.Enable()
			switch {
			case ctx.Err() != nil && err != nil:
				v.summary.SetText("Cancelled: nothing changed.")
			case err != nil:
				v.w.showError(err)
			default:
				v.show(res, in)
			}
			if v.onFinish != nil {
				v.onFinish()
			}
		})
	}()
}

// show displays a finished run.
func (v *simView) show(res *simResult, in chart.SimulationInput) {
	v.result = res
	v.pane.setMessage("")
	v.pane.invalidate(func(w, h int, dpi float64, st chart.Style) (image.Image, []chart.Hit, error) {
		p, err := chart.Simulation(in, st)
		if err != nil {
			return nil, nil, err
		}
		img, err := chart.Render(p, w, h, dpi)
		return img, nil, err
	})
	s := append([]float64(nil), res.Totals...)
	sort.Float64s(s)
	mean, pos := 0.0, 0
	for _, x := range s {
		mean += x
		if x > 0 {
			pos++
		}
	}
	mean /= float64(len(s))
	m := v.w.prefs.money
	v.summary.SetText(fmt.Sprintf("Mean %s (the European values sum to %s) · P5 %s · median %s · P95 %s · P(value > 0) %s",
		m(mean), m(res.European), m(chart.Percentile(s, 5)), m(chart.Percentile(s, 50)), m(chart.Percentile(s, 95)),
		percent(float64(pos)/float64(len(s)))))
	var b strings.Builder
	fmt.Fprintf(&b, "%-36s %7s %7s %7s %7s %7s %7s\n", "initiative", "1", "2", "3", "4", "5", "6")
	for i, name := range res.Names {
		r := res.Regions[i]
		if r == [7]float64{} {
			fmt.Fprintf(&b, "%-36s %s\n", trunc(name, 36), "(put-like: not placed)")
			continue
		}
		fmt.Fprintf(&b, "%-36s", trunc(name, 36))
		for g := 1; g <= 6; g++ {
			fmt.Fprintf(&b, " %7s", percent(r[g]))
		}
		b.WriteByte('\n')
	}
	v.regions.SetText(strings.TrimRight(b.String(), "\n"))
}

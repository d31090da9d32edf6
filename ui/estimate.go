package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/estimate"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// estimatePanel is the inspector's Estimate section: it estimates S and σ
// from the selected initiative's cash-flow model off the UI goroutine (with
// progress and Cancel), shows the cash-flow table by year, the histogram of
// the one-year return, S and σ with standard errors and the naive σ, and
// "Use these" writes S and σ with their provenance as one undoable action
// (re-estimating records the before and after in the learning log).
type estimatePanel struct {
	w  *Window
	id string

	card     *widget.Card
	origin   *widget.Label
	paths    *widget.Entry
	seed     *widget.Entry
	run      *widget.Button
	cancel   *widget.Button
	use      *widget.Button
	progress *widget.ProgressBar
	summary  *widget.Label
	table    *fyne.Container
	hist     *chartPane
	body     *fyne.Container
	noModel  *widget.Label

	mu       sync.Mutex
	stop     context.CancelFunc
	runID    int
	result   *estimate.Result
	prov     model.Provenance
	resultOf string // initiative id the result belongs to
}

func newEstimatePanel(w *Window) *estimatePanel {
	e := &estimatePanel{w: w}
	e.origin = widget.NewLabel("")
	e.origin.Wrapping = fyne.TextWrapWord
	e.paths = widget.NewEntry()
	e.paths.SetText(strconv.Itoa(estimate.DefaultPaths))
	e.seed = widget.NewEntry()
	e.seed.SetText("1")
	e.run = widget.NewButtonWithIcon("Estimate", theme.MediaPlayIcon(), e.onRun)
	e.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), e.onCancel)
	e.cancel.Disable()
	e.use = widget.NewButtonWithIcon("Use these", theme.ConfirmIcon(), e.onUse)
	e.use.Disable()
	e.progress = widget.NewProgressBar()
	e.progress.Hide()
	e.summary = widget.NewLabel("")
	e.summary.Wrapping = fyne.TextWrapWord
	e.table = container.New(layout.NewGridLayout(1))
	e.hist = newChartPane(w.app)
	w.onThemeChanged(e.hist.themeChanged)
	e.hist.setMessage("Run an estimate to see the one-year return")
	e.noModel = widget.NewLabel("This initiative has no cash-flow model. Add \"cash_flows\" (years, rate, lines over the drivers and year) in the portfolio file to estimate S and σ from it; `optionspace-cli volatility` estimates σ from a history or an expert's range.")
	e.noModel.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Paths"), e.paths,
		widget.NewLabel("Seed"), e.seed)
	// The buttons wrap onto more rows and the subtitle is a wrapped label
	// (a card's subtitle does not wrap), so the panel fits a narrow
	// inspector instead of widening it past its pane.
	e.body = container.NewVBox(form, wrapButtons(e.run, e.cancel, e.use), e.progress, e.summary,
		sized(e.hist.content(), 220), e.table)
	// A subtitle, not a title: the title's large type made the card 199
	// units wide, more than the inspector has on a 1024x700 screen.
	e.card = widget.NewCard("", "Estimate S and σ",
		container.NewVBox(wrapped("From the cash-flow model (Monte Carlo)."), e.origin, e.noModel, e.body))
	return e
}

func (e *estimatePanel) content() fyne.CanvasObject { return e.card }

// load shows the panel for initiative id.
func (e *estimatePanel) load(id string) {
	p := e.w.ses.Portfolio
	in := p.Initiative(id)
	if in == nil {
		return
	}
	if id != e.id {
		e.onCancel()
		e.id = id
		e.mu.Lock()
		e.result, e.resultOf = nil, ""
		e.mu.Unlock()
		e.summary.SetText("")
		e.table.RemoveAll()
		e.hist.invalidate(nil)
		e.hist.setMessage("Run an estimate to see the one-year return")
		e.use.Disable()
	}
	e.origin.SetText(originText(in))
	if in.CashFlows == nil {
		e.noModel.Show()
		e.body.Hide()
	} else {
		e.noModel.Hide()
		e.body.Show()
	}
}

// originText says where S and σ come from.
func originText(in *model.Initiative) string {
	s := "S " + in.InputOrigin("S") + " · σ " + in.InputOrigin("sigma")
	if e := in.Estimate; e != nil {
		s += fmt.Sprintf(" (last estimate: %s on %s", e.Method, e.Date)
		if e.Paths > 0 {
			s += fmt.Sprintf(", %d paths, seed %d", e.Paths, e.Seed)
		}
		s += ")"
	}
	return s
}

func (e *estimatePanel) onRun() {
	paths, err := strconv.Atoi(strings.TrimSpace(e.paths.Text))
	if err != nil || paths < 100 || paths > estimate.MaxPaths {
		e.summary.SetText(fmt.Sprintf("Paths: want a whole number from 100 to %d", estimate.MaxPaths))
		return
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(e.seed.Text), 10, 64)
	if err != nil {
		e.summary.SetText("Seed: want a whole number of 0 or more")
		return
	}
	e.onCancel()
	p := e.w.ses.Portfolio.Clone()
	id := e.id
	ctx, cancel := context.WithCancel(context.Background())
	e.mu.Lock()
	e.stop = cancel
	e.runID++
	run := e.runID
	e.mu.Unlock()
	e.run.Disable()
	e.cancel.Enable()
	e.use.Disable()
	e.progress.SetValue(0)
	e.progress.Show()
	e.summary.SetText("Estimating…")
	go func() {
		res, prov, err := portfolio.EstimateInitiative(ctx, p, id, estimate.Options{Paths: paths, Seed: seed,
			Progress: func(done, total int) {
				fyne.Do(func() {
					if e.current(run) {
						e.progress.SetValue(float64(done) / float64(total))
					}
				})
			}})
		fyne.Do(func() {
			if !e.current(run) {
				return
			}
			e.finish(id, res, prov, err)
		})
	}()
}

// current reports whether run is still the latest estimate.
func (e *estimatePanel) current(run int) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.runID == run
}

func (e *estimatePanel) finish(id string, res *estimate.Result, prov model.Provenance, err error) {
	e.run.Enable()
	e.cancel.Disable()
	e.progress.Hide()
	e.mu.Lock()
	e.stop = nil
	e.mu.Unlock()
	if err != nil {
		if err == context.Canceled {
			e.summary.SetText("Cancelled: nothing changed.")
		} else {
			e.summary.SetText(err.Error())
		}
		return
	}
	e.mu.Lock()
	e.result, e.prov, e.resultOf = res, prov, id
	e.mu.Unlock()
	m := e.w.money
	e.summary.SetText(fmt.Sprintf("S = %s ± %s\nσ = %.4f ± %.4f (corrected: PV₁ given what is known at year 1; used)\nσ naive = %.4f ± %.4f (PV₁ of one sampled path, for comparison)\n%d paths, seed %d",
		m(res.S), m(res.SSE), res.Sigma, res.SigmaSE, res.SigmaNaive, res.SigmaNaiveSE, res.Paths, res.Seed))
	e.fillTable(res)
	name := ""
	if in := e.w.ses.Portfolio.Initiative(id); in != nil {
		name = in.Name
	}
	returns, sigma := res.Returns, res.Sigma
	e.hist.setMessage("")
	e.hist.invalidate(plotDrawIn(func() (chart.ReturnsInput, error) {
		return chart.ReturnsInput{Name: name, Returns: returns, Sigma: sigma}, nil
	}, chart.Returns))
	// "Use these" last: once it is enabled, the whole result is shown.
	// A database the user may only read keeps it disabled.
	if !e.w.readOnly() {
		e.use.Enable()
	}
}

// fillTable shows the expected cash flow of each year by line.
func (e *estimatePanel) fillTable(res *estimate.Result) {
	m := e.w.amount
	cols := len(res.LineNames) + 3
	grid := container.New(layout.NewGridLayout(cols))
	head := append(append([]string{"Year"}, res.LineNames...), "Net", "PV")
	for _, h := range head {
		l := widget.NewLabelWithStyle(h, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		l.Truncation = fyne.TextTruncateEllipsis
		grid.Add(l)
	}
	for _, row := range res.Table {
		grid.Add(widget.NewLabelWithStyle(strconv.Itoa(row.Year), fyne.TextAlignTrailing, fyne.TextStyle{}))
		for _, v := range row.Lines {
			grid.Add(widget.NewLabelWithStyle(m(v), fyne.TextAlignTrailing, fyne.TextStyle{}))
		}
		grid.Add(widget.NewLabelWithStyle(m(row.Net), fyne.TextAlignTrailing, fyne.TextStyle{}))
		grid.Add(widget.NewLabelWithStyle(m(row.PV), fyne.TextAlignTrailing, fyne.TextStyle{}))
	}
	e.table.RemoveAll()
	e.table.Add(grid)
	e.table.Refresh()
}

func (e *estimatePanel) onCancel() {
	e.mu.Lock()
	stop := e.stop
	e.stop = nil
	e.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// onUse writes the estimate's S and σ with their provenance.
func (e *estimatePanel) onUse() {
	e.mu.Lock()
	res, prov, id := e.result, e.prov, e.resultOf
	e.mu.Unlock()
	if res == nil || id != e.id {
		return
	}
	if err := e.w.ses.UseEstimate(id, prov); err != nil {
		e.w.showError(err)
		return
	}
	e.use.Disable()
	if in := e.w.ses.Portfolio.Initiative(id); in != nil {
		e.origin.SetText(originText(in))
	}
}

// UseEstimate writes an estimate's S and σ into initiative id with its
// provenance, as one undoable action. When the estimate changes S or σ, a
// learning entry records the before and after (so re-estimating after
// research shows in the learning log).
func (s *Session) UseEstimate(id string, prov model.Provenance) error {
	in := s.Portfolio.Initiative(id)
	if in == nil {
		return fmt.Errorf("the initiative is no longer in the portfolio")
	}
	if prov.Date.IsZero() {
		prov.Date = model.Today()
	}
	name, verb := in.Name, "Estimated"
	if in.Estimate != nil {
		verb = "Re-estimated"
	}
	return s.Apply("Use the estimate of S and σ for "+name, func(p *model.Portfolio) error {
		target := p.Initiative(id)
		if target == nil {
			return fmt.Errorf("initiative %q is no longer in the portfolio", name)
		}
		changes := target.UseEstimate(prov)
		if len(changes) > 0 {
			p.Learning = append(p.Learning, model.LearningEntry{
				ID: model.NewID("learn"), Date: model.Today(), Initiative: id,
				Learned: fmt.Sprintf("%s S and σ from the cash-flow model (%d paths, seed %d): σ %.4f ± %.4f, naive %.4f.", verb, prov.Paths, prov.Seed, prov.Sigma, prov.SigmaSE, prov.SigmaNaive),
				Changes: changes,
			})
		}
		return nil
	})
}

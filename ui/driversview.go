package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// driversView has a slider and a field for each driver. Dragging a slider
// revalues the portfolio live (off the UI goroutine, nothing saved) and
// lists what moved; releasing it, or entering a value, saves the driver as
// one undoable action.
type driversView struct {
	w     *Window
	rows  *fyne.Container
	moved *widget.Label
	// base is the saved valuation the moves are measured from.
	base *portfolio.Valuation
	// sliders and entries by driver name.
	sliders map[string]*widget.Slider
	entries map[string]*commitEntry
	errs    map[string]*widget.Label
	names   []string
	loading bool

	// busy is set while a preview valuation runs; next is the newest
	// request that came meanwhile (UI goroutine only).
	busy bool
	next *driverRequest
	// pen is the preview engine, built from penBase; only the goroutine
	// running a preview touches them (one runs at a time: busy).
	pen     *portfolio.Engine
	penBase *model.Portfolio
	// onPreviewed, if set, is called on the UI goroutine after each
	// preview is shown (tests).
	onPreviewed func()
}

// driverRequest asks for a preview with one driver at a value.
type driverRequest struct {
	p     *model.Portfolio
	name  string
	value float64
}

func newDriversView(w *Window) *driversView {
	v := &driversView{w: w, rows: container.NewVBox(), moved: widget.NewLabel("")}
	v.moved.TextStyle.Monospace = true
	v.moved.Wrapping = fyne.TextWrapWord
	w.ses.OnPortfolioChange(v.rebuild)
	v.rebuild()
	return v
}

func (v *driversView) content() fyne.CanvasObject {
	help := widget.NewLabel("Drivers are shared assumptions used in the initiatives' S, X and σ formulas. " +
		"Drag a slider to see every initiative that depends on it revalue; release to save (Ctrl+Z undoes).")
	help.Wrapping = fyne.TextWrapWord
	moved := widget.NewCard("", "What moved", v.moved)
	// The rows keep the scroll bar's width free at their right (a padding
	// more than the bar): the value fields ended under the bar.
	rows := container.New(layout.NewCustomPaddedLayout(0, 0, 0, scrollRoom()), v.rows)
	return container.NewBorder(help, nil, nil, nil, container.NewVSplit(container.NewVScroll(rows), container.NewVScroll(moved)))
}

// scrollRoom is the room kept at the right of a vertical scroll's content
// for its scroll bar: the bar's width and a padding.
func scrollRoom() float32 { return theme.ScrollBarSize() + theme.Padding() }

// rebuild makes one row per driver from the saved portfolio.
func (v *driversView) rebuild() {
	p := v.w.ses.Portfolio
	v.base = v.w.ses.Valuation
	v.loading = true
	defer func() { v.loading = false }()
	v.rows.RemoveAll()
	v.sliders, v.entries, v.errs = map[string]*widget.Slider{}, map[string]*commitEntry{}, map[string]*widget.Label{}
	v.names = v.names[:0]
	if len(p.Drivers) == 0 {
		v.rows.Add(widget.NewLabel("This portfolio has no drivers. Write a formula such as members * value_per_member in an initiative's S to use one."))
	}
	for _, d := range p.Drivers {
		d := d
		v.names = append(v.names, d.Name)
		title := d.Label
		if title == "" {
			title = d.Name
		}
		if d.Unit != "" {
			title += " (" + d.Unit + ")"
		}
		s := widget.NewSlider(d.Low, d.High)
		s.Step = sliderStep(d.Low, d.High)
		s.Value = d.Value
		s.OnChanged = func(x float64) { v.onSliderChanged(d.Name, x) }
		s.OnChangeEnded = func(x float64) { v.onDriverCommitted(d.Name, x) }
		e := newCommitEntry(false)
		e.SetText(formatNumber(d.Value))
		e.onCommit = func() { v.onEntryCommitted(d.Name) }
		errL := errorLabel()
		v.sliders[d.Name], v.entries[d.Name], v.errs[d.Name] = s, e, errL
		feeds := portfolio.DriverUsers(p, d.Name)
		info := widget.NewLabel(fmt.Sprintf("%s · range %s … %s · feeds %s", d.Name, formatNumber(d.Low), formatNumber(d.High), feedsText(feeds)))
		info.Importance = widget.LowImportance
		info.Wrapping = fyne.TextWrapWord
		// The title wraps: a long one ("Active community members at
		// maturity (members)") made the view wider than its pane.
		head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		v.rows.Add(container.NewVBox(
			head,
			container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(120, e.MinSize().Height), e), s),
			info, errL, widget.NewSeparator()))
	}
	v.moved.SetText("Move a driver to see what it changes.")
}

// feedsShown is how many initiatives a driver's row names before it says
// how many more it feeds.
const feedsShown = 6

// feedsText names the initiatives a driver feeds: all of them up to
// feedsShown, else the first feedsShown and how many more (a driver of a
// 1,000-initiative portfolio feeding 50 made its row a wall of 50 names,
// the 20 drivers a page each). "-" when it feeds none.
func feedsText(names []string) string {
	if len(names) <= feedsShown {
		return dash(strings.Join(names, ", "))
	}
	return fmt.Sprintf("%s and %d more (%d initiatives)", strings.Join(names[:feedsShown], ", "), len(names)-feedsShown, len(names))
}

// sliderStep is a round step giving about 200 positions over [lo, hi].
func sliderStep(lo, hi float64) float64 {
	span := hi - lo
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return 1
	}
	return math.Pow(10, math.Floor(math.Log10(span/200)))
}

func (v *driversView) onSliderChanged(name string, x float64) {
	if v.loading {
		return
	}
	v.entries[name].SetText(formatNumber(x))
	v.preview(name, x)
}

// preview revalues the portfolio with driver name at x off the UI
// goroutine; only the newest request is run when several come quickly.
func (v *driversView) preview(name string, x float64) {
	req := &driverRequest{p: v.w.ses.Saved(), name: name, value: x}
	if v.busy {
		v.next = req
		return
	}
	v.run(req)
}

func (v *driversView) run(req *driverRequest) {
	v.busy = true
	base := v.base
	go func() {
		p, val, err := v.previewValues(req)
		var im *portfolio.Impact
		if err == nil && base != nil {
			im = portfolio.Compare(base, val)
		}
		fyne.Do(func() {
			v.busy = false
			if err == nil && !v.loading {
				v.w.ses.Preview(p, val)
				v.moved.SetText(impactText(im, v.w.formatter()))
			}
			if n := v.next; n != nil {
				v.next = nil
				v.run(n)
			} else if v.onPreviewed != nil {
				v.onPreviewed()
			}
		})
	}()
}

// previewValues applies req to the preview engine with one incremental
// update, and returns copies of its portfolio and valuation that the UI
// may keep. When the saved portfolio changed (a driver was released and
// saved, another edit) the engine is first brought to it incrementally
// (applyIncremental: after a release it already holds the saved value),
// or made again when that cannot be done. It runs on the preview
// goroutine.
func (v *driversView) previewValues(req *driverRequest) (*model.Portfolio, *portfolio.Valuation, error) {
	if v.pen != nil && v.penBase != req.p && applyIncremental(v.pen, v.pen.Portfolio(), req.p) {
		v.penBase = req.p
	}
	if v.pen == nil || v.penBase != req.p {
		en, err := portfolio.NewEngine(req.p, portfolio.Options{WithLinks: true})
		if err != nil {
			return nil, nil, err
		}
		v.pen, v.penBase = en, req.p
	}
	// Other drivers back at their saved values (a preview that was not
	// saved, e.g. a release refused, left its driver moved).
	for _, d := range req.p.Drivers {
		if e := v.pen.Portfolio().Driver(d.Name); d.Name != req.name && e != nil && e.Value != d.Value {
			if _, err := v.pen.SetDriver(d.Name, d.Value); err != nil {
				return nil, nil, err
			}
		}
	}
	if _, err := v.pen.SetDriver(req.name, req.value); err != nil {
		return nil, nil, err
	}
	// The portfolio shown is the saved one with the driver moved (the
	// engine's own copy is only brought up to date in what it values).
	p := req.p.Clone()
	p.Driver(req.name).Value = req.value
	val := v.pen.Valuation().Clone()
	return p, val, nil
}

func (v *driversView) onEntryCommitted(name string) {
	e := v.entries[name]
	x, err := parseAmount(e.Text)
	if err != nil {
		setError(v.errs[name], fmt.Sprintf("%s: %q is not a number", name, e.Text))
		return
	}
	v.onDriverCommitted(name, x)
}

// onDriverCommitted saves the driver's value; out-of-range values are
// refused with the model's message.
func (v *driversView) onDriverCommitted(name string, x float64) {
	if v.loading {
		return
	}
	before := v.base
	if d := v.w.ses.Saved().Driver(name); d != nil && d.Value == x {
		v.w.ses.Preview(v.w.ses.Saved(), before)
		return
	}
	err := v.w.ses.Apply(model.SetDriverLabel(name, x), func(p *model.Portfolio) error {
		d := p.Driver(name)
		if d == nil {
			return fmt.Errorf("driver %q no longer exists", name)
		}
		d.Value = x
		return nil
	})
	if err != nil {
		if l := v.errs[name]; l != nil {
			setError(l, err.Error())
		}
		return
	}
	// rebuild ran on the change; show the moves against the value before.
	v.moved.SetText(impactText(portfolio.Compare(before, v.w.ses.Valuation), v.w.formatter()))
	v.base = before
}

// usersOf returns the names of the initiatives whose formulas use driver.
func usersOf(p *model.Portfolio, driver string) []string { return portfolio.DriverUsers(p, driver) }

// whatMoved lists what moved between two valuations (impactText of their
// portfolio.Compare).
func whatMoved(before, after *portfolio.Valuation, prefs *Prefs) string {
	if before == nil || after == nil {
		return ""
	}
	f := format.New("", format.Compact)
	if prefs != nil {
		f.Numbers = format.Numbers(prefs.Numbers)
	}
	return impactText(portfolio.Compare(before, after), f)
}

// contributionCell is a what-moved cell: what the initiative adds to the
// total (Snapshot.Contribution), or a dash where it does not count on its
// own (counted in its gate, excluded, closed, not valued).
func contributionCell(s portfolio.Snapshot, money func(float64) string) string {
	if !s.Counted {
		return "–"
	}
	return money(s.Contribution())
}

// impactText lists what an Impact moved, largest change first, with region
// changes: each row is what the initiative adds to the portfolio value
// (portfolio.Move.Change: its value with follow-ons when it counts on its
// own), so the rows add up to the portfolio's change; a follow-on counted
// in its gate shows a dash, a change of 0 and "counted in" the gate, and
// its own value's change.
func impactText(im *portfolio.Impact, f format.Formatter) string {
	if im == nil {
		return ""
	}
	var b strings.Builder
	n := 0
	for _, m := range im.Moved {
		if m.Added || m.Removed || m.Before.Err != "" || m.After.Err != "" {
			continue
		}
		own := m.StandAloneChange()
		if math.Abs(m.Change()) < 0.5 && math.Abs(own) < 0.5 && m.Before.Region == m.After.Region {
			continue
		}
		if n == 0 {
			fmt.Fprintf(&b, "Portfolio %s → %s (%s)\n", f.Money(im.TotalBefore), f.Money(im.TotalAfter), f.Signed(im.Change()))
		}
		n++
		fmt.Fprintf(&b, "%-34s %9s → %-9s %9s", trunc(m.Name, 34), contributionCell(m.Before, f.Money), contributionCell(m.After, f.Money), f.Signed(m.Change()))
		if m.Before.Region != m.After.Region {
			fmt.Fprintf(&b, "  region %d → %d", m.Before.Region, m.After.Region)
		}
		if m.CountedIn != "" {
			fmt.Fprintf(&b, "  counted in %s (own value %s)", m.CountedInName, f.Signed(own))
		}
		b.WriteByte('\n')
	}
	if n == 0 {
		return "Nothing moved."
	}
	return strings.TrimRight(b.String(), "\n")
}

// trunc shortens s to n runes with an ellipsis (model.Truncate), under
// the short name the views' tables use.
var trunc = model.Truncate

// signed puts a + before a formatted amount that has no sign.
func signed(s string) string {
	if strings.HasPrefix(s, "-") || s == "0" {
		return s
	}
	return "+" + s
}

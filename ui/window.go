package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

// viewSpec is one of the window's views, in the order of its tabs.
type viewSpec struct {
	// name is the view's short name for --view and shortcuts.
	name  string
	title string
	// build makes the view's content; it runs the first time the view is
	// shown, so start-up only pays for the first view.
	build func(w *Window) fyne.CanvasObject
}

// views is the registry of the window's views. Ctrl+1 ... Ctrl+8 switch to
// them in this order.
var views = []viewSpec{
	{"space", "Option space", func(w *Window) fyne.CanvasObject { v := newSpaceView(w); w.shown["space"] = v; return v.content() }},
	{"invest", "Invest / wait", func(w *Window) fyne.CanvasObject { v := newInvestView(w); w.shown["invest"] = v; return v.content() }},
	{"links", "Links", func(w *Window) fyne.CanvasObject { v := newLinksView(w); w.shown["links"] = v; return v.content() }},
	{"drivers", "Drivers", func(w *Window) fyne.CanvasObject { v := newDriversView(w); w.shown["drivers"] = v; return v.content() }},
	{"simulation", "Simulation", func(w *Window) fyne.CanvasObject { v := newSimView(w); w.shown["simulation"] = v; return v.content() }},
	{"decisions", "Decisions", func(w *Window) fyne.CanvasObject {
		v := newDecisionsView(w)
		w.shown["decisions"] = v
		return v.content()
	}},
	{"history", "History", func(w *Window) fyne.CanvasObject { v := newHistoryView(w); w.shown["history"] = v; return v.content() }},
	{"funding", "Funding", func(w *Window) fyne.CanvasObject { v := newFundingView(w); w.shown["funding"] = v; return v.content() }},
}

func viewNamesHelp() string {
	names := make([]string, len(views))
	for i, v := range views {
		names[i] = v.name
	}
	return strings.Join(names, ", ")
}

// Window is Option Space's main window: the portfolio bar on top, the
// initiatives list on the left, the views in tabs in the middle and the
// inspector of the selected initiative on the right.
type Window struct {
	app   fyne.App
	win   fyne.Window
	ses   *Session
	prefs *Prefs
	bar   *portfolioBar
	list  *initiativesList
	insp  *inspector
	tabs  *container.AppTabs
	built []bool
	// shown holds each built view's screen struct by view name.
	shown map[string]any
	// status shows the portfolio's totals and the last action.
	status *widget.Label
	// none is the empty state shown while the database holds no portfolio.
	none    *noneState
	message string
	// shortcuts are the window's keyboard shortcuts by shortcut name (see
	// shortcuts.go).
	shortcuts map[string]func()
	// hovered is the full text of the shortened cell under the pointer.
	hovered string
	// tour holds the guided tour's bar while it runs (help.go).
	tour *fyne.Container
	// splitList and splitRight are the window's split panes (list | views
	// and views | inspector), remembered across restarts (restore.go).
	splitList, splitRight *container.Split

	themeListeners []func()
	// pendingConfirm is the open "Undo removes a portfolio" question, for
	// tests.
	pendingConfirm *dialog.ConfirmDialog
	// dialogs are the open dialogs' keys, by their overlay: Escape
	// cancels the top one, Enter confirms a question (escape.go).
	dialogs map[fyne.CanvasObject]dialogKeys
	// typeInto is the save dialog's name field, which typing goes into
	// while nothing has the focus (escape.go).
	typeInto *typeTarget
	// onReportDone, in tests, is called on the UI goroutine after a report
	// export ended.
	onReportDone func(reportFiles, error)
	// ro is the read-only mode (readonly.go), nil on a writable database.
	ro *readOnlyState
	// quit ends the app (quit.go); nil in a window built without one
	// (tests), whose Quit only closes it.
	quit *quitter
}

// NewWindow builds the main window's content for the session.
func NewWindow(a fyne.App, w fyne.Window, ses *Session) *Window {
	return newWindowThemed(a, w, ses, "")
}

// newWindowThemed is NewWindow with the theme mode (ThemeLight, ...) given,
// "" for the preference. The theme is set before any widget is made: a
// widget made under another theme kept some of its colours (the light
// theme had a black portfolio selector and as-of field).
func newWindowThemed(a fyne.App, w fyne.Window, ses *Session, mode string) *Window {
	win := &Window{app: a, win: w, ses: ses, prefs: loadPrefs(a), shown: map[string]any{}}
	if mode != "" {
		win.prefs.Theme = mode
	}
	a.Settings().SetTheme(newAppTheme(win.prefs.Theme))
	win.status = widget.NewLabel("")
	win.status.Truncation = fyne.TextTruncateEllipsis
	win.list = newInitiativesList(win)
	win.insp = newInspector(win)
	win.bar = newPortfolioBar(win)
	win.tour = container.NewVBox()
	win.tour.Hide()
	win.tabs = container.NewAppTabs()
	win.built = make([]bool, len(views))
	for _, v := range views {
		win.tabs.Append(container.NewTabItem(v.title, widget.NewLabel("")))
	}
	win.tabs.OnSelected = func(*container.TabItem) { win.buildSelected(); win.rememberState() }
	win.buildSelected()
	ses.OnChange(func(c Change) {
		if c != ChangedSelection {
			win.message = ""
		}
		win.refreshStatus()
	})
	a.Settings().AddListener(func(fyne.Settings) {
		for _, f := range win.themeListeners {
			f()
		}
	})
	win.refreshStatus()
	win.addShortcuts()
	win.restoreState()
	win.watchState()
	return win
}

// buildSelected builds the selected view the first time it is shown.
func (w *Window) buildSelected() {
	i := w.tabs.SelectedIndex()
	if i < 0 || w.built[i] {
		return
	}
	w.built[i] = true
	w.tabs.Items[i].Content = container.NewScroll(views[i].build(w))
	w.tabs.Refresh()
	w.applyReadOnly(nil)
}

// onThemeChanged registers f to run after the theme changed.
func (w *Window) onThemeChanged(f func()) { w.themeListeners = append(w.themeListeners, f) }

// Content returns the window's content.
func (w *Window) Content() fyne.CanvasObject {
	// Every pane scrolls rather than asks for more room than the window
	// has: a window never changes its own size after it is shown.
	right := container.NewHSplit(container.NewBorder(w.tour, nil, nil, nil, w.tabs), w.insp.content())
	right.Offset = w.splitOffset(prefSplitRight, defaultSplitRight)
	split := container.NewHSplit(w.list.content(), right)
	split.Offset = w.splitOffset(prefSplitList, defaultSplitList)
	w.splitList, w.splitRight = split, right
	// The bar wraps onto two rows in a narrow window: the root lays it
	// out first and gives it its new height (barFirstLayout).
	// With no portfolio (the last one's creation undone) the empty state
	// covers the panes.
	w.none = newNoneState(w)
	panes := container.NewStack(split, w.none.root)
	root := container.New(barFirstLayout{}, w.withReadOnlyBadge(w.bar.content()), w.status, panes)
	w.applyReadOnly(root)
	// The bar's hover hints above everything (they take no pointer event).
	return container.NewStack(root, w.bar.tips.layer)
}

// ShowView switches to the named view.
func (w *Window) ShowView(name string) error {
	for i, v := range views {
		if v.name == name {
			w.tabs.SelectIndex(i)
			w.buildSelected()
			return nil
		}
	}
	return fmt.Errorf("unknown view %q: want one of %s", name, viewNamesHelp())
}

// SelectByName selects the initiative with the given name in the current
// portfolio.
func (w *Window) SelectByName(name string) error {
	in := w.ses.Portfolio.InitiativeByName(name)
	if in == nil {
		return fmt.Errorf("no initiative named %q in %q", name, w.ses.Portfolio.Name)
	}
	w.ses.Select(in.ID)
	return nil
}

// farFromToday is how far the as-of date may be from today before the
// window warns that values are computed for another day.
const farFromToday = 90

// asOfWarning says when the as-of date is more than farFromToday days
// from today, "" otherwise.
func asOfWarning(asOf, today model.Date) string {
	if asOf.IsZero() {
		return ""
	}
	days := int(math.Round(asOf.Sub(today.Time).Hours() / 24))
	switch {
	case days > farFromToday:
		return fmt.Sprintf("the as-of date is %d days after today: every value is for that day", days)
	case days < -farFromToday:
		return fmt.Sprintf("the as-of date is %d days before today: every value is for that day", -days)
	}
	return ""
}

// hoverText shows the full text of a shortened cell in the status line
// while the pointer is on it (in), and the status again after (!in).
func (w *Window) hoverText(full string, in bool) {
	if in {
		w.hovered = full
	} else if w.hovered == full {
		w.hovered = ""
	}
	w.refreshStatus()
}

// setStatus shows a message in the status line until the next change.
func (w *Window) setStatus(msg string) {
	w.message = msg
	w.refreshStatus()
}

func (w *Window) refreshStatus() {
	p, v := w.ses.Portfolio, w.ses.Valuation
	if p == nil || v == nil {
		w.status.SetText("")
		return
	}
	if w.ses.NoPortfolio() {
		text := noneText
		if w.message != "" {
			text = w.message + " · " + text
		}
		w.status.SetText(text)
		return
	}
	text := fmt.Sprintf("%s · as of %s · %d initiatives · portfolio value %s (static NPV %s, flexibility %s)",
		p.Name, p.AsOf, len(p.Initiatives), w.money(v.Total), w.money(v.StaticNPV), w.money(v.Flexibility))
	if w.ses.Pending() {
		text = fmt.Sprintf("%s · as of %s · %s", p.Name, p.AsOf, valuingStatus(w.ses))
	}
	if warn := asOfWarning(p.AsOf, model.Today()); warn != "" {
		text += "  ·  ⚠ " + warn
	}
	if w.hovered != "" {
		text = w.hovered + "  ·  " + text
	}
	if w.message != "" {
		text = w.message + "  ·  " + text
	} else if label, ok := w.ses.CanUndo(); ok {
		text += "  ·  last: " + label
	}
	w.status.SetText(text)
}

// showError shows err in a dialog over the window.
func (w *Window) showError(err error) {
	if w.refusedReadOnly(err) {
		return
	}
	w.showDialog(dialog.NewError(err, w.win))
}

// onPicked makes the callback of a file dialog over w: an error is shown,
// a cancel (no file) does nothing, and a chosen file (a
// fyne.URIReadCloser or URIWriteCloser) is handed to do.
func onPicked[F comparable](w *Window, do func(F)) func(F, error) {
	return func(f F, err error) {
		var none F
		if err != nil {
			w.showError(err)
			return
		}
		if f == none {
			return
		}
		do(f)
	}
}

// focusInspector puts the keyboard focus in the inspector's name field.
func (w *Window) focusInspector() {
	if c := w.win.Canvas(); c != nil && w.insp.body.Visible() {
		c.Focus(w.insp.name)
	}
}

// Undo reverts the last action and says which. With nothing to undo it
// does nothing (the button and menu item are disabled); a step that would
// remove a whole portfolio asks first and says what will go.
func (w *Window) Undo() {
	w.historyStep(historyMove{verb: "Undo", done: "Undid", other: "Redo (Ctrl+Shift+Z)", again: "Ctrl+Shift+Z to redo",
		peek: w.ses.Store().PeekUndo, take: w.ses.UndoStep})
}

// Redo re-applies the last undone action and says which (asking first,
// like Undo, when it would remove a whole portfolio).
func (w *Window) Redo() {
	w.historyStep(historyMove{verb: "Redo", done: "Redid", other: "Undo (Ctrl+Z)", again: "Ctrl+Z to undo",
		peek: w.ses.Store().PeekRedo, take: w.ses.RedoStep})
}

// historyMove is one direction through the undo history: Undo or Redo.
type historyMove struct {
	verb  string                           // "Undo", "Redo": the button and the dialog's
	done  string                           // the status's past tense: "Undid", "Redid"
	other string                           // the move that brings a step back, with its keys
	again string                           // the inspector's hint after the move: "Ctrl+Z to undo"
	peek  func() (store.Step, bool)        // the step the move would take
	take  func(store.Step) (string, error) // takes that step if still next, returning its label
}

// historyStep takes m's step at once, or after a confirmation naming the
// portfolios that step removes, and says which it took.
func (w *Window) historyStep(m historyMove) {
	step, ok := m.peek()
	if !ok {
		w.setStatus("Nothing to " + strings.ToLower(m.verb))
		return
	}
	do := func() {
		label, err := m.take(step)
		if err != nil {
			w.showError(err)
			return
		}
		w.setStatus(m.done + ": " + label)
		// The inspector's "Saved · Ctrl+Z to undo" is no longer true.
		w.insp.saved.SetText(historyNote(m.done, label, m.again))
	}
	if len(step.Removes) == 0 {
		do()
		return
	}
	var gone []string
	for _, r := range step.Removes {
		gone = append(gone, fmt.Sprintf("the portfolio %q with its %d initiatives, drivers, links, decisions and snapshots", r.Portfolio, r.Initiatives))
	}
	msg := fmt.Sprintf("%s %q removes %s.\n%s brings it back.", m.verb, step.Label, strings.Join(gone, " and "), m.other)
	w.pendingConfirm = dialog.NewConfirm(m.verb+" removes a portfolio", msg, func(ok bool) {
		w.pendingConfirm = nil
		if ok {
			do()
		}
	}, w.win)
	w.pendingConfirm.SetConfirmText(m.verb)
	w.showDialog(w.pendingConfirm)
}

// historyNoteLabel is the most of a step's label the inspector's note
// names (the label carries an initiative's name, which may be long; the
// note's line does not wrap). The status line has the whole label.
const historyNoteLabel = 40

// historyNote is the inspector's note after an undo or redo: "Undid:
// Edit Pilot · Ctrl+Shift+Z to redo", the label cut to historyNoteLabel
// characters with "…".
func historyNote(done, label, again string) string {
	if r := []rune(label); len(r) > historyNoteLabel {
		label = string(r[:historyNoteLabel-1]) + "…"
	}
	return done + ": " + label + " · " + again
}

package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// viewSpec is one of the window's views, in the order of its tabs.
type viewSpec struct {
	// name is the view's short name for --view and shortcuts.
	name  string
	title string
	build func(w *Window) fyne.CanvasObject
}

// views is the registry of the window's views. Ctrl+1 ... Ctrl+9 switch to
// them in this order.
var views = []viewSpec{
	{"space", "Option space", func(w *Window) fyne.CanvasObject { return newSpaceView(w).content() }},
}

func viewNamesHelp() string {
	names := make([]string, len(views))
	for i, v := range views {
		names[i] = v.name
	}
	return strings.Join(names, ", ")
}

// Window is Option Space's main window: the portfolio bar, the initiatives
// list on the left, the views in tabs in the middle.
type Window struct {
	app  fyne.App
	win  fyne.Window
	ses  *Session
	list *initiativesList
	tabs *container.AppTabs
	// status shows the portfolio's totals and the last action.
	status *widget.Label
}

// NewWindow builds the main window's content for the session.
func NewWindow(a fyne.App, w fyne.Window, ses *Session) *Window {
	win := &Window{app: a, win: w, ses: ses}
	win.list = newInitiativesList(ses)
	win.status = widget.NewLabel("")
	win.tabs = container.NewAppTabs()
	for _, v := range views {
		win.tabs.Append(container.NewTabItem(v.title, v.build(win)))
	}
	ses.OnChange(func(Change) { win.refreshStatus() })
	win.refreshStatus()
	return win
}

// Content returns the window's content.
func (w *Window) Content() fyne.CanvasObject {
	split := container.NewHSplit(w.list.content(), w.tabs)
	split.Offset = 0.42
	return container.NewBorder(nil, w.status, nil, nil, split)
}

// ShowView switches to the named view.
func (w *Window) ShowView(name string) error {
	for i, v := range views {
		if v.name == name {
			w.tabs.SelectIndex(i)
			return nil
		}
	}
	return fmt.Errorf("unknown view %q: want one of %s", name, viewNamesHelp())
}

func (w *Window) refreshStatus() {
	p, v := w.ses.Portfolio, w.ses.Valuation
	if p == nil || v == nil {
		w.status.SetText("")
		return
	}
	w.status.SetText(fmt.Sprintf("%s · as of %s · %d initiatives · portfolio value %s %s (static NPV %s, flexibility %s)",
		p.Name, p.AsOf, len(p.Initiatives), p.Currency, money(v.Total), money(v.StaticNPV), money(v.Flexibility)))
}

// showError shows err in a dialog over the window.
func (w *Window) showError(err error) {
	dialog.ShowError(err, w.win)
}

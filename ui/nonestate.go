package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noneText is what the empty state says when the database holds no
// portfolio (the undo of the last one's creation).
const noneText = "No portfolio: New…, Import…, or Ctrl+Shift+Z to redo."

// noneState is the window's empty state: it covers the list, the views
// and the inspector while the session has no portfolio (NoPortfolio), so
// nothing of the portfolio that is gone stays on screen or editable. The
// bar above stays, with New, Import and Redo.
type noneState struct {
	w    *Window
	bg   *canvas.Rectangle
	root *fyne.Container
}

func newNoneState(w *Window) *noneState {
	n := &noneState{w: w, bg: canvas.NewRectangle(theme.Color(theme.ColorNameBackground))}
	title := widget.NewLabelWithStyle("No portfolio", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabelWithStyle(noneText, fyne.TextAlignCenter, fyne.TextStyle{})
	text.Wrapping = fyne.TextWrapWord
	buttons := container.NewCenter(container.NewHBox(
		widget.NewButtonWithIcon("New…", theme.ContentAddIcon(), w.bar.onNew),
		widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), w.bar.onImport),
		widget.NewButtonWithIcon("Redo", theme.ContentRedoIcon(), w.Redo)))
	n.root = container.NewStack(n.bg, container.NewVBox(layout0(), title, text, buttons))
	w.onThemeChanged(func() { n.bg.FillColor = theme.Color(theme.ColorNameBackground); n.bg.Refresh() })
	w.ses.OnChange(func(Change) { n.update() })
	n.update()
	return n
}

// layout0 is a little room above the empty state's title.
func layout0() fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(1, 3*theme.Padding()))
}

// update shows the empty state when the session has no portfolio.
func (n *noneState) update() {
	if n.w.ses.NoPortfolio() {
		n.root.Show()
	} else {
		n.root.Hide()
	}
}

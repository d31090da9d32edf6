package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Escape cancels the dialog on top of the window, as its Cancel (No,
// Close) button would: fyne v2.8.0's dialogs, its file dialogs included,
// take no key. The window's key handler (runKey) gets Escape when no
// field has the focus, and the app's own fields (appEntry) pass it on;
// fyne's file dialog for saving puts the focus in its name field, where a
// plain entry would keep Escape, so the field gets the focus back at the
// first key typed instead (takeFocusOnType).

// dismissable is a dialog Escape can cancel: fyne's dialogs and file
// dialogs (Dismiss runs their callback as their Cancel button does).
type dismissable interface {
	Show()
	Dismiss()
}

// showDialog shows d over the window; Escape cancels it while it is the
// top one.
func (w *Window) showDialog(d dismissable) {
	d.Show()
	w.escapeCloses(d.Dismiss)
	if c, ok := d.(*dialog.ConfirmDialog); ok {
		// Enter presses a question's primary button (Yes, Undo, Delete).
		if top := w.win.Canvas().Overlays().Top(); top != nil {
			enterConfirms[top] = c.Confirm
		}
	}
}

// enterConfirms are the open questions' confirms, by their overlay: Enter,
// with no field focused, runs the top one's (see confirmTop).
var enterConfirms = map[fyne.CanvasObject]func(){}

// confirmTop presses the top dialog's primary button when it is a
// question shown by showDialog, and reports whether it did.
func (w *Window) confirmTop() bool {
	ov := w.win.Canvas().Overlays()
	open := ov.List()
	for o := range enterConfirms {
		if !slices.Contains(open, o) {
			delete(enterConfirms, o)
		}
	}
	top := ov.Top()
	confirm, ok := enterConfirms[top]
	if top == nil || !ok {
		return false
	}
	delete(enterConfirms, top)
	confirm()
	return true
}

// showFileDialog shows a file dialog: Escape cancels it, and when it
// opens with the focus in its name field (saving), the field gives the
// focus up until a key is typed, so that Escape reaches the window.
func (w *Window) showFileDialog(d dismissable) {
	w.showDialog(d)
	c := w.win.Canvas()
	if e, ok := c.Focused().(*widget.Entry); ok {
		c.Unfocus()
		w.typeInto = &typeTarget{entry: e, overlay: c.Overlays().Top()}
	}
}

// typeTarget is the entry that typing goes into while nothing has the
// focus over overlay (the save dialog's name field).
type typeTarget struct {
	entry   *widget.Entry
	overlay fyne.CanvasObject
}

// escapeCloses has Escape run cancel while the overlay on top now (the one
// just shown) is the top one.
func (w *Window) escapeCloses(cancel func()) {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	if w.escapes == nil {
		w.escapes = map[fyne.CanvasObject]func(){}
	}
	w.escapes[top] = cancel
}

// cancelTop cancels the top dialog or pop-up (the date picker's, a menu)
// and reports whether there was one. A dialog that cannot be cancelled
// (a progress) stays; the key is used all the same.
func (w *Window) cancelTop() bool {
	ov := w.win.Canvas().Overlays()
	top := ov.Top()
	open := ov.List()
	for o := range w.escapes {
		if !slices.Contains(open, o) {
			delete(w.escapes, o)
		}
	}
	if top == nil {
		return false
	}
	if cancel, ok := w.escapes[top]; ok {
		delete(w.escapes, top)
		cancel()
		return true
	}
	if m, ok := top.(*widget.PopUpMenu); ok { // the portfolio's menu
		m.Hide()
	}
	return true
}

// typedWhileUnfocused sends a key or a rune typed while nothing has the
// focus to the save dialog's name field, focusing it again, and reports
// whether it did.
func (w *Window) typedWhileUnfocused(f func(e *widget.Entry)) bool {
	t := w.typeInto
	c := w.win.Canvas()
	if t == nil || c.Focused() != nil {
		return false
	}
	if c.Overlays().Top() != t.overlay {
		w.typeInto = nil
		return false
	}
	w.typeInto = nil
	c.Focus(t.entry)
	f(t.entry)
	return true
}

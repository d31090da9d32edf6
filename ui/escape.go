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
// top one, and Enter presses a question's primary button (Yes, Undo,
// Delete).
func (w *Window) showDialog(d dismissable) {
	d.Show()
	keys := dialogKeys{cancel: d.Dismiss}
	if c, ok := d.(*dialog.ConfirmDialog); ok {
		keys.confirm = c.Confirm
	}
	w.dialogKeysOnTop(keys)
}

// dialogKeys are what Escape and Enter do on an open dialog: cancel it,
// press its primary button (nil: nothing).
type dialogKeys struct {
	cancel, confirm func()
}

// dialogKeysOnTop gives the overlay on top now (the one just shown) its
// keys.
func (w *Window) dialogKeysOnTop(k dialogKeys) {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	if w.dialogs == nil {
		w.dialogs = map[fyne.CanvasObject]dialogKeys{}
	}
	w.dialogs[top] = k
}

// topDialog returns the top overlay and its keys (ok false when it has
// none), after forgetting the dialogs closed meanwhile.
func (w *Window) topDialog() (top fyne.CanvasObject, k dialogKeys, ok bool) {
	ov := w.win.Canvas().Overlays()
	open := ov.List()
	for o := range w.dialogs {
		if !slices.Contains(open, o) {
			delete(w.dialogs, o)
		}
	}
	top = ov.Top()
	if top == nil {
		return nil, dialogKeys{}, false
	}
	k, ok = w.dialogs[top]
	return top, k, ok
}

// confirmTop presses the top dialog's primary button when it is a
// question shown by showDialog, and reports whether it did.
func (w *Window) confirmTop() bool {
	top, k, ok := w.topDialog()
	if !ok || k.confirm == nil {
		return false
	}
	delete(w.dialogs, top)
	k.confirm()
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
func (w *Window) escapeCloses(cancel func()) { w.dialogKeysOnTop(dialogKeys{cancel: cancel}) }

// cancelTop cancels the top dialog or pop-up (the date picker's, a menu)
// and reports whether there was one. A dialog that cannot be cancelled
// (a progress) stays; the key is used all the same.
func (w *Window) cancelTop() bool {
	top, k, ok := w.topDialog()
	if top == nil {
		return false
	}
	if ok {
		delete(w.dialogs, top)
		k.cancel()
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

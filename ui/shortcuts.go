package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// How a key press reaches the app (fyne's desktop driver, v2.8): a key with
// Ctrl (or Cmd) becomes a shortcut; Ctrl+Z and Ctrl+Y become fyne's own
// fyne.ShortcutUndo and fyne.ShortcutRedo, every other combination a
// desktop.CustomShortcut. The shortcut goes to the focused widget when it
// handles shortcuts (every entry does) and only otherwise to the canvas, so
// a shortcut registered on the canvas alone is dead while an entry has the
// focus. A key without modifier (F1) is never a shortcut: it is a typed key
// for the focused widget, or the canvas's OnTypedKey when nothing has the
// focus.
//
// So the window keeps one table of its shortcuts by shortcut name, registers
// every one on the canvas, handles F1 in the canvas's OnTypedKey, and the
// window's entries (commitEntry, appEntry, appDateEntry) hand every shortcut
// and key the window knows to it before their own handling.

// windowsByCanvas finds the Window that owns a canvas, for the entries'
// forwarding. It is only used on the UI goroutine.
var windowsByCanvas = map[fyne.Canvas]*Window{}

// windowOf returns the Window whose canvas holds obj, or nil.
func windowOf(obj fyne.CanvasObject) *Window {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	c := app.Driver().CanvasForObject(obj)
	if c == nil {
		return nil
	}
	return windowsByCanvas[c]
}

// forwardShortcut runs s as the window's shortcut when obj's window has
// one by that name, and reports whether it did.
func forwardShortcut(obj fyne.CanvasObject, s fyne.Shortcut) bool {
	if w := windowOf(obj); w != nil {
		return w.runShortcut(s)
	}
	return false
}

// forwardKey runs k as the window's key (F1) when obj's window has one,
// and reports whether it did.
func forwardKey(obj fyne.CanvasObject, k *fyne.KeyEvent) bool {
	if w := windowOf(obj); w != nil {
		return w.runKey(k)
	}
	return false
}

// runShortcut runs the window's shortcut named like s and reports whether
// there is one.
func (w *Window) runShortcut(s fyne.Shortcut) bool {
	f, ok := w.shortcuts[s.ShortcutName()]
	if ok {
		f()
	}
	return ok
}

// runKey runs the window's action for a key without modifier (F1 opens the
// help) and reports whether there is one.
func (w *Window) runKey(k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyF1 {
		w.bar.onHelp()
		return true
	}
	return false
}

// addShortcuts registers the window's keyboard shortcuts (see help.go).
func (w *Window) addShortcuts() {
	c := w.win.Canvas()
	windowsByCanvas[c] = w
	w.shortcuts = map[string]func(){}
	addShortcut := func(s fyne.Shortcut, f func()) {
		w.shortcuts[s.ShortcutName()] = f
		c.AddShortcut(s, func(fyne.Shortcut) { f() })
	}
	add := func(key fyne.KeyName, mod fyne.KeyModifier, f func()) {
		addShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, f)
	}
	ctrl, shift := fyne.KeyModifierShortcutDefault, fyne.KeyModifierShift
	// Ctrl+Z and Ctrl+Y arrive as fyne's undo and redo shortcuts.
	addShortcut(&fyne.ShortcutUndo{}, w.Undo)
	addShortcut(&fyne.ShortcutRedo{}, w.Redo)
	add(fyne.KeyZ, ctrl, w.Undo)
	add(fyne.KeyZ, ctrl|shift, w.Redo)
	add(fyne.KeyY, ctrl, w.Redo)
	add(fyne.KeyN, ctrl, w.list.onAdd)
	add(fyne.KeyD, ctrl, w.list.onDuplicate)
	add(fyne.KeyF, ctrl, func() { c.Focus(w.list.search) })
	add(fyne.KeyS, ctrl|shift, w.bar.onSnapshot)
	add(fyne.KeyE, ctrl, w.onExportReport)
	add(fyne.KeyE, ctrl|shift, w.bar.onExport)
	add(fyne.KeyO, ctrl, w.bar.onImport)
	add(fyne.KeyComma, ctrl, w.bar.onPreferences)
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i := range views {
		if i < len(keys) {
			name := views[i].name
			add(keys[i], ctrl, func() { _ = w.ShowView(name) })
		}
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { w.runKey(k) })
}

// appEntry is an entry in the main window that lets the window's shortcuts
// (undo, redo, views, report, ...) and F1 work while it has the focus; the
// entry's own text undo gives way to the portfolio's.
type appEntry struct {
	widget.Entry
}

// newAppEntry returns a single-line entry that passes the window's
// shortcuts on.
func newAppEntry() *appEntry {
	e := &appEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newAppMultiLineEntry returns a multi-line, word-wrapped entry that passes
// the window's shortcuts on.
func newAppMultiLineEntry() *appEntry {
	e := &appEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut implements fyne.Shortcutable: the window's shortcuts first.
func (e *appEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// TypedKey implements fyne.Focusable: the window's keys (F1) first.
func (e *appEntry) TypedKey(k *fyne.KeyEvent) {
	if !forwardKey(e, k) {
		e.Entry.TypedKey(k)
	}
}

// appDateEntry is a date entry that passes the window's shortcuts on.
type appDateEntry struct {
	widget.DateEntry
}

// newAppDateEntry returns a date entry that passes the window's shortcuts
// on.
func newAppDateEntry() *appDateEntry {
	e := &appDateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// TypedShortcut implements fyne.Shortcutable: the window's shortcuts first.
func (e *appDateEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.DateEntry.TypedShortcut(s)
	}
}

// TypedKey implements fyne.Focusable: the window's keys (F1) first.
func (e *appDateEntry) TypedKey(k *fyne.KeyEvent) {
	if !forwardKey(e, k) {
		e.DateEntry.TypedKey(k)
	}
}

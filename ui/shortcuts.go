package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
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
// there is one. While a dialog or a pop-up is open over the window only
// Ctrl+Q runs: the others are swallowed (reported as run), so Ctrl+Z does
// not undo behind an open question and Ctrl+Shift+S does not stack a
// snapshot dialog on the file dialog (seen in the real window).
func (w *Window) runShortcut(s fyne.Shortcut) bool {
	f, ok := w.shortcuts[s.ShortcutName()]
	if !ok {
		return false
	}
	if s.ShortcutName() != quitShortcut.ShortcutName() && w.overlayOpen() {
		return true
	}
	f()
	return true
}

// quitShortcut is Ctrl+Q, the one shortcut that also runs over a dialog.
var quitShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}

// overlayOpen reports whether a dialog or pop-up is shown over the window.
func (w *Window) overlayOpen() bool {
	c := w.win.Canvas()
	return c != nil && c.Overlays() != nil && c.Overlays().Top() != nil
}

// runKey runs the window's action for a key without modifier (F1 opens the
// help) and reports whether there is one.
func (w *Window) runKey(k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyEscape {
		return w.cancelTop()
	}
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && w.win.Canvas().Focused() == nil && w.confirmTop() {
		return true
	}
	if w.typedWhileUnfocused(func(e *widget.Entry) { e.TypedKey(k) }) {
		return true
	}
	if k.Name == fyne.KeyF1 {
		if !w.overlayOpen() { // not a second dialog over an open one
			w.bar.onHelp()
		}
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
		c.AddShortcut(s, func(s fyne.Shortcut) { w.runShortcut(s) })
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
	add(fyne.Key0, ctrl, w.resetMapZoom)
	addShortcut(quitShortcut, w.Quit)
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i := range views {
		if i < len(keys) {
			name := views[i].name
			add(keys[i], ctrl, func() { _ = w.ShowView(name) })
		}
	}
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { w.runKey(k) })
	c.SetOnTypedRune(func(r rune) { w.typedWhileUnfocused(func(e *widget.Entry) { e.TypedRune(r) }) })
}

// appEntry is an entry in the main window that lets the window's shortcuts
// (undo, redo, views, report, ...) and F1 work while it has the focus; the
// entry's own text undo gives way to the portfolio's.
//
// The window's other entries (commitEntry, appDateEntry) embed it for its
// TypedShortcut and TypedKey and call extend with themselves, as a widget
// extending widget.Entry calls ExtendBaseWidget.
type appEntry struct {
	widget.Entry
	// self is the widget the window shows: e itself, or the entry that
	// embeds e (the one the driver knows the canvas of).
	self fyne.CanvasObject
}

// extend makes self, the widget that embeds e (or e itself), the one
// rendered and the one whose window gets the shortcuts.
func (e *appEntry) extend(self fyne.Widget) {
	e.self = self
	e.ExtendBaseWidget(self)
}

// newAppEntry returns a single-line entry that passes the window's
// shortcuts on.
func newAppEntry() *appEntry {
	e := &appEntry{}
	e.extend(e)
	return e
}

// newAppMultiLineEntry returns a multi-line, word-wrapped entry that passes
// the window's shortcuts on.
func newAppMultiLineEntry() *appEntry {
	e := &appEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.extend(e)
	return e
}

// TypedShortcut implements fyne.Shortcutable: the window's shortcuts
// (undo, redo, views, ...) first, so they work while the field has the
// focus.
func (e *appEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e.self, s) {
		e.Entry.TypedShortcut(s)
	}
}

// TypedKey implements fyne.Focusable: the window's keys (F1) first.
func (e *appEntry) TypedKey(k *fyne.KeyEvent) {
	if !forwardKey(e.self, k) {
		e.Entry.TypedKey(k)
	}
}

// appDateEntry is the window's date field: it shows dates in the one
// display format (ISO, format.Date), reads ISO and the locale's numeric
// format as typed, opens a calendar from its button, and passes the
// window's shortcuts on. Date is nil while the text is no date.
type appDateEntry struct {
	appEntry
	// Date is the date the text holds, nil when it holds none.
	Date *time.Time
	// OnChanged is called with the new date when a valid date was typed
	// or picked (not on SetDate).
	OnChanged func(*time.Time)
	setting   bool
}

// newAppDateEntry returns an empty date field.
func newAppDateEntry() *appDateEntry {
	e := &appDateEntry{}
	e.extend(e)
	e.SetPlaceHolder("YYYY-MM-DD")
	e.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.openCalendar)
	e.Entry.OnChanged = e.textChanged
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := parseUserDate(s)
		return err
	}
	return e
}

// SetDate shows d (nil: empty) without calling OnChanged.
func (e *appDateEntry) SetDate(d *time.Time) {
	e.setting = true
	defer func() { e.setting = false }()
	if d == nil {
		e.Date = nil
		e.SetText("")
		return
	}
	t := *d
	e.Date = &t
	e.SetText(format.Date(model.NewDate(t.Year(), t.Month(), t.Day())))
}

func (e *appDateEntry) textChanged(s string) {
	if e.setting {
		return
	}
	if strings.TrimSpace(s) == "" {
		e.Date = nil
		return
	}
	d, err := parseUserDate(s)
	if err != nil {
		e.Date = nil
		return
	}
	t := d.Time
	e.Date = &t
	if e.OnChanged != nil {
		e.OnChanged(e.Date)
	}
}

// openCalendar shows a calendar under the field; a picked day fills it.
func (e *appDateEntry) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start := time.Now()
	if e.Date != nil {
		start = *e.Date
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		pop.Hide()
		e.SetDate(&t)
		if e.OnChanged != nil {
			e.OnChanged(e.Date)
		}
	})
	pop = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
	if w := windowsByCanvas[c]; w != nil {
		w.escapeCloses(pop.Hide)
	}
}

// localeDateLayout is the numeric date layout of the user's locale as fyne
// reads it: month first in the United States, day first elsewhere.
func localeDateLayout() string {
	if strings.HasSuffix(strings.ToUpper(lang.SystemLocale().LanguageString()), "-US") {
		return "01/02/2006"
	}
	return "02/01/2006"
}

// parseUserDate reads a date as a user types it: ISO "2027-06-30" (and
// the forms format.ParseDate reads, "30 Jun 2027") or the locale's
// numeric format ("06/30/2027" in the United States, "30/06/2027"
// elsewhere).
func parseUserDate(s string) (model.Date, error) {
	s = strings.TrimSpace(s)
	if d, err := format.ParseDate(s); err == nil {
		return d, nil
	}
	layout := localeDateLayout()
	if t, err := time.Parse(layout, s); err == nil {
		return model.NewDate(t.Year(), t.Month(), t.Day()), nil
	}
	hint := strings.NewReplacer("01", "MM", "02", "DD", "2006", "YYYY").Replace(layout)
	return model.Date{}, fmt.Errorf("%q is not a date: type YYYY-MM-DD or %s, or pick one from the calendar", s, hint)
}

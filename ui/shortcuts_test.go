package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// press delivers a key press the way fyne's desktop driver (v2.8,
// internal/driver/glfw window.triggersShortcut) does on Linux: Ctrl+Z and
// Ctrl+Y become fyne.ShortcutUndo and fyne.ShortcutRedo, other Ctrl
// combinations a desktop.CustomShortcut; a shortcut goes to the focused
// widget when it handles shortcuts, else to the canvas; a key without
// modifier is a typed key for the focused widget, else the canvas's
// OnTypedKey.
func press(win *Window, key fyne.KeyName, mod fyne.KeyModifier) {
	c := win.win.Canvas()
	if mod == 0 {
		ev := &fyne.KeyEvent{Name: key}
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else if h := c.OnTypedKey(); h != nil {
			h(ev)
		}
		return
	}
	var s fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	if mod == fyne.KeyModifierControl {
		switch key {
		case fyne.KeyZ:
			s = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			s = &fyne.ShortcutRedo{}
		case fyne.KeyA:
			s = &fyne.ShortcutSelectAll{}
		}
	}
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	canvasShortcuts(c).TypedShortcut(s)
}

// canvasShortcuts returns the shortcut handling of a canvas. fyne 2.8's test
// canvas wraps the software canvas in an interface field that does not list
// TypedShortcut, so the handler is looked up on the wrapped canvas.
func canvasShortcuts(c fyne.Canvas) fyne.Shortcutable {
	if h, ok := c.(fyne.Shortcutable); ok {
		return h
	}
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("WindowlessCanvas"); f.IsValid() && f.CanInterface() {
			if h, ok := f.Interface().(fyne.Shortcutable); ok {
				return h
			}
		}
	}
	panic(fmt.Sprintf("ui: canvas %T does not handle shortcuts", c))
}

const ctrl = fyne.KeyModifierControl

func TestShortcutsWorkInsideAnEntry(t *testing.T) {
	win, ses := newTestWindow(t)
	c := win.win.Canvas()
	id := ses.Portfolio.Initiatives[0].ID
	before := ses.Portfolio.Initiatives[0].Name
	ses.Select(id)
	rename(t, ses, id, "Renamed by the test")
	name := func() string { return ses.Portfolio.Initiative(id).Name }

	// Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y with the focus in the inspector's
	// name field undo and redo the portfolio, not the field's text.
	c.Focus(win.insp.name)
	press(win, fyne.KeyZ, ctrl)
	if name() != before {
		t.Fatalf("Ctrl+Z in the name field: name %q, want %q", name(), before)
	}
	if !strings.Contains(win.status.Text, "Undid: Rename") {
		t.Fatalf("status %q", win.status.Text)
	}
	c.Focus(win.insp.name)
	press(win, fyne.KeyZ, ctrl|fyne.KeyModifierShift)
	if name() != "Renamed by the test" {
		t.Fatalf("Ctrl+Shift+Z in the name field: name %q", name())
	}
	c.Focus(win.list.search)
	press(win, fyne.KeyZ, ctrl)
	if name() != before {
		t.Fatalf("Ctrl+Z in the search field: name %q", name())
	}
	c.Focus(win.list.search)
	press(win, fyne.KeyY, ctrl)
	if name() != "Renamed by the test" {
		t.Fatalf("Ctrl+Y in the search field: name %q", name())
	}

	// Ctrl+1 ... Ctrl+7 from inside the search field.
	for i := len(views) - 1; i >= 0; i-- {
		c.Focus(win.list.search)
		press(win, fyne.KeyName(string(rune('1'+i))), ctrl)
		if got := win.tabs.SelectedIndex(); got != i {
			t.Fatalf("Ctrl+%d in the search field selected tab %d, want %d", i+1, got, i)
		}
	}

	// Ctrl+F from the name field moves the focus to the search field.
	c.Focus(win.insp.name)
	press(win, fyne.KeyF, ctrl)
	if c.Focused() != win.list.search {
		t.Fatalf("Ctrl+F in the name field: focus on %T", c.Focused())
	}

	// Ctrl+A stays the entry's own: it selects the field's text.
	win.list.search.SetText("community")
	c.Focus(win.list.search)
	press(win, fyne.KeyA, ctrl)
	if got := win.list.search.SelectedText(); got != "community" {
		t.Fatalf("Ctrl+A in the search field selected %q", got)
	}
	win.list.search.SetText("")

	// Dialogs: Ctrl+E (report), Ctrl+Shift+E (export), Ctrl+, (preferences)
	// and F1 (help), each from inside an entry, open one over the window.
	for _, k := range []struct {
		what string
		key  fyne.KeyName
		mod  fyne.KeyModifier
	}{
		{"Ctrl+E", fyne.KeyE, ctrl},
		{"Ctrl+Shift+E", fyne.KeyE, ctrl | fyne.KeyModifierShift},
		{"Ctrl+,", fyne.KeyComma, ctrl},
		{"F1", fyne.KeyF1, 0},
	} {
		for c.Overlays().Top() != nil {
			c.Overlays().Remove(c.Overlays().Top())
		}
		c.Focus(win.insp.name)
		press(win, k.key, k.mod)
		if c.Overlays().Top() == nil {
			t.Fatalf("%s in the name field opened nothing", k.what)
		}
	}
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}

	// F1 with nothing focused opens the help too.
	c.Unfocus()
	press(win, fyne.KeyF1, 0)
	if c.Overlays().Top() == nil {
		t.Fatal("F1 with no focus opened nothing")
	}
}

// TestShortcutsWaitWhileADialogIsOpen: while a dialog is open over the
// window its shortcuts do nothing (in the real window Ctrl+Shift+S opened
// the snapshot dialog over the open file dialog, and Ctrl+Z would undo
// behind a question); when it is closed they work again.
func TestShortcutsWaitWhileADialogIsOpen(t *testing.T) {
	win, ses := newTestWindow(t)
	c := win.win.Canvas()
	id := ses.Portfolio.Initiatives[0].ID
	before := ses.Portfolio.Initiatives[0].Name
	rename(t, ses, id, "Renamed by the test")
	press(win, fyne.KeyS, ctrl|fyne.KeyModifierShift) // the snapshot dialog
	if c.Overlays().Top() == nil {
		t.Fatal("Ctrl+Shift+S opened nothing")
	}
	n := len(c.Overlays().List())
	c.Unfocus() // the dialog's field takes the focus; press with none
	for _, k := range []struct {
		key fyne.KeyName
		mod fyne.KeyModifier
	}{{fyne.KeyZ, ctrl}, {fyne.KeyE, ctrl | fyne.KeyModifierShift}, {fyne.KeyO, ctrl}, {fyne.KeyF1, 0}} {
		press(win, k.key, k.mod)
	}
	if got := len(c.Overlays().List()); got != n {
		t.Fatalf("shortcuts over the dialog opened %d more", got-n)
	}
	if got := ses.Portfolio.Initiative(id).Name; got != "Renamed by the test" {
		t.Fatalf("Ctrl+Z over the dialog undid: name %q", got)
	}
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
	press(win, fyne.KeyZ, ctrl)
	if got := ses.Portfolio.Initiative(id).Name; got != before {
		t.Fatalf("Ctrl+Z after the dialog closed: name %q, want %q", got, before)
	}
}

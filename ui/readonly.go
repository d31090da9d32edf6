package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/store/pgstore"
)

// Read-only mode: on a database the user may only read (a PostgreSQL role
// with SELECT only, or a file opened read-only) the window opens, values,
// simulates and exports as usual, shows a "Read-only" badge, and every
// control that edits is disabled; an edit that still comes (a shortcut, a
// button a view enabled meanwhile) is refused in the status line with
// readOnlyMessage instead of an error dialog.

// readOnlyMessage is what a refused edit says.
const readOnlyMessage = "Read-only: you may only read this database — you can open, value, simulate and export, not edit"

// readOnlyActions are the labels (menu items, the text before a tab, and
// buttons) of the actions that edit.
var readOnlyActions = map[string]bool{
	// Portfolio and Edit menus, and the bar's buttons.
	"New…": true, "Rename…": true, "Duplicate…": true, "Delete…": true,
	"Import JSON, CSV or Excel…": true, "Take snapshot…": true,
	"Undo": true, "Redo": true, "New initiative": true, "Duplicate initiative": true, "Delete initiative": true,
	"New": true, "Import": true, "Snapshot": true,
	// Views.
	"Add link": true, "Delete link": true, "Take snapshot": true, "Save review": true, "Accept the plan": true,
	// Inspector.
	"Decide…": true, "Log learning…": true, "Assumption": true, "Risk": true, "Use these": true,
}

// readOnlyIcons returns the names of the icons of the icon-only buttons
// that edit: add, duplicate and delete an initiative, delete a link, the
// portfolio's rename/duplicate/delete menu. The icons are looked up when
// asked, not at package initialisation (the theme needs the running app),
// once per walk (disableEditing).
func readOnlyIcons() map[string]bool {
	icons := map[string]bool{}
	for _, r := range []fyne.Resource{theme.ContentAddIcon(), theme.ContentCopyIcon(), theme.DeleteIcon(), theme.MoreHorizontalIcon()} {
		icons[r.Name()] = true
	}
	return icons
}

// readOnlyShortcuts are the keyboard shortcuts that edit (see
// addShortcuts), refused with the message in read-only mode.
func readOnlyShortcuts() []fyne.Shortcut {
	ctrl, shift := fyne.KeyModifierShortcutDefault, fyne.KeyModifierShift
	key := func(k fyne.KeyName, m fyne.KeyModifier) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: m}
	}
	return []fyne.Shortcut{&fyne.ShortcutUndo{}, &fyne.ShortcutRedo{},
		key(fyne.KeyZ, ctrl), key(fyne.KeyZ, ctrl|shift), key(fyne.KeyY, ctrl),
		key(fyne.KeyN, ctrl), key(fyne.KeyD, ctrl), key(fyne.KeyS, ctrl|shift), key(fyne.KeyO, ctrl)}
}

// readOnlyState is the window's read-only mode once set up.
type readOnlyState struct {
	// badge is the bar's read-only mark: a warning-coloured icon whose
	// hint (hover, focus) and tap say readOnlyMessage; as a label
	// ("Read-only", about 90 wide) it wrapped the bar in a 921 window.
	badge *tipButton
	// root is the window's content (from Content).
	root fyne.CanvasObject
	// shortcuts is set once the editing shortcuts say the message.
	shortcuts bool
	// gen numbers the session listeners applyReadOnly registered: only
	// the newest walks, so it runs after every view's own listener (a
	// view built later rebuilds its rows in its listener, enabled).
	gen int
}

// readOnly reports whether the window's database refuses writes.
func (w *Window) readOnly() bool { return w.ses.Store().ReadOnly() }

// withReadOnlyBadge returns the window's top bar with the read-only
// badge at its right in read-only mode, the bar itself otherwise.
func (w *Window) withReadOnlyBadge(top fyne.CanvasObject) fyne.CanvasObject {
	if !w.readOnly() {
		return top
	}
	w.setUpReadOnly()
	return container.NewBorder(nil, nil, nil, w.ro.badge, top)
}

// setUpReadOnly makes the badge, once, and turns the editing shortcuts
// into the read-only message once they are registered.
func (w *Window) setUpReadOnly() {
	if w.ro == nil {
		var tips *tipLayer
		if w.bar != nil {
			tips = w.bar.tips
		}
		badge := newTipButton("Read-only", "", theme.VisibilityIcon(), tips,
			func() string { return readOnlyMessage }, func() { w.setStatus(readOnlyMessage) })
		badge.Importance = widget.WarningImportance
		w.ro = &readOnlyState{badge: badge}
	}
	if w.ro.shortcuts || w.shortcuts == nil {
		return
	}
	w.ro.shortcuts = true
	c := w.win.Canvas()
	for _, s := range readOnlyShortcuts() {
		refuse := func() { w.setStatus(readOnlyMessage) }
		if _, ok := w.shortcuts[s.ShortcutName()]; ok {
			w.shortcuts[s.ShortcutName()] = refuse
			c.AddShortcut(s, func(fyne.Shortcut) { refuse() })
		}
	}
}

// applyReadOnly, in read-only mode, disables every editing control of the
// window as built so far and keeps them disabled after each change (views
// rebuild and re-enable theirs). The window calls it with its content
// when that is made, and with nil after each view is built.
func (w *Window) applyReadOnly(root fyne.CanvasObject) {
	if !w.readOnly() {
		return
	}
	w.setUpReadOnly()
	if root != nil {
		w.ro.root = root
	}
	w.ro.gen++
	gen := w.ro.gen
	w.ses.OnChange(func(Change) {
		if w.ro.gen == gen {
			w.disableEditing()
		}
	})
	w.disableEditing()
}

// disableEditing disables the editing controls: the named actions of the
// menus, the bar and the views, the whole inspector form, every control of
// the Links and Drivers views and the decision review.
func (w *Window) disableEditing() {
	if m := w.win.MainMenu(); m != nil {
		for _, menu := range m.Items {
			for _, it := range menu.Items {
				if readOnlyActions[menuLabel(it.Label)] && !it.Disabled {
					it.Disabled = true
				}
			}
		}
		m.Refresh()
	}
	w.bar.undo.Disable()
	w.bar.redo.Disable()
	disableAll(w.bar.asOf, nil)
	icons := readOnlyIcons()
	disableNamed(w.ro.root, icons)
	skip := map[fyne.CanvasObject]bool{}
	if e := w.insp.estimate; e != nil {
		skip[e.content()] = true // computing only; its Use these is named
		disableNamed(e.content(), icons)
	}
	disableAll(w.insp.body, skip)
	for i, v := range views {
		if !w.built[i] {
			continue
		}
		switch v.name {
		case "links", "drivers":
			disableAll(w.tabs.Items[i].Content, nil)
		case "decisions":
			if d, ok := w.shown["decisions"].(*decisionsView); ok {
				d.review.Disable()
				d.save.Disable()
			}
		}
		disableNamed(w.tabs.Items[i].Content, icons)
	}
}

// menuLabel is a menu item's label without its shortcut ("Undo\tCtrl+Z").
func menuLabel(s string) string {
	label, _, _ := strings.Cut(s, "\t")
	return label
}

// children returns the objects an object shows that the walks descend
// into: containers' objects, scrolls', splits', cards' and accordions'
// content. Tabs are not descended into (their content is walked by view).
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case *container.Scroll:
		return []fyne.CanvasObject{x.Content}
	case *container.Split:
		return []fyne.CanvasObject{x.Leading, x.Trailing}
	case *widget.Card:
		return []fyne.CanvasObject{x.Content}
	case *widget.Accordion:
		var out []fyne.CanvasObject
		for _, it := range x.Items {
			out = append(out, it.Detail)
		}
		return out
	}
	return nil
}

// disableNamed disables the buttons under o that edit: named in
// readOnlyActions, or icon-only with an icon in icons (readOnlyIcons).
func disableNamed(o fyne.CanvasObject, icons map[string]bool) {
	if o == nil {
		return
	}
	if b, ok := o.(*widget.Button); ok {
		if readOnlyActions[b.Text] || (b.Text == "" && b.Icon != nil && icons[b.Icon.Name()]) {
			b.Disable()
		}
		return
	}
	if b, ok := o.(*tipButton); ok { // the bar's, named by their action
		if readOnlyActions[b.name] || (b.Icon != nil && icons[b.Icon.Name()]) {
			b.Disable()
		}
		return
	}
	for _, c := range children(o) {
		disableNamed(c, icons)
	}
}

// disableAll disables every control under o (entries, selects, sliders,
// buttons, checks), but not under the objects in skip.
func disableAll(o fyne.CanvasObject, skip map[fyne.CanvasObject]bool) {
	if o == nil || skip[o] {
		return
	}
	if d, ok := o.(fyne.Disableable); ok {
		d.Disable()
		if de, ok := o.(*appDateEntry); ok {
			if b, ok := de.ActionItem.(fyne.Disableable); ok {
				b.Disable() // the calendar button
			}
		}
		return
	}
	for _, c := range children(o) {
		disableAll(c, skip)
	}
}

// refusedReadOnly reports whether err is a write refused because the
// database is read-only; the status line then says so (no dialog).
func (w *Window) refusedReadOnly(err error) bool {
	if !errors.Is(err, pgstore.ErrReadOnly) && !errors.Is(err, store.ErrReadOnly) {
		return false
	}
	w.setStatus(readOnlyMessage)
	return true
}

package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/atomicfile"
	"github.com/optionspace/optionspace/samples"
)

// portfolioBar is the bar above everything: which portfolio is open, the
// portfolio actions, its as-of date, undo/redo, snapshot, preferences, help.
type portfolioBar struct {
	w    *Window
	pick *widget.Select
	asOf *appDateEntry
	undo *tipButton
	redo *tipButton
	// more opens the portfolio's rename/duplicate/delete menu below it.
	more    *tipButton
	syncing bool
	// layout puts the bar's two groups on one row or two (barLayout).
	layout *barLayout
	// tips shows the hints of the bar's buttons (the window puts its
	// layer above the content).
	tips *tipLayer

	// undoItem and redoItem are the Edit menu's, disabled like the buttons.
	undoItem, redoItem *fyne.MenuItem
	// forPortfolio are the bar's actions on the open portfolio (Export,
	// Report, the portfolio menu, Snapshot), disabled with the picker and
	// the as-of date while there is none (noneDisabled: by that, so that
	// only that enables them again, not over read-only mode).
	forPortfolio []fyne.Disableable
	noneDisabled bool
}

func newPortfolioBar(w *Window) *portfolioBar {
	b := &portfolioBar{w: w, layout: &barLayout{}, tips: newTipLayer()}
	b.pick = widget.NewSelect(nil, b.onPortfolioChanged)
	b.asOf = newAppDateEntry()
	b.asOf.OnChanged = b.onAsOfChanged
	b.undo = newTipButton("Undo", "", theme.ContentUndoIcon(), b.tips, func() string {
		return undoHint("Undo", "Nothing to undo", "Ctrl+Z", w.ses.CanUndo)
	}, w.Undo)
	b.undo.Importance = widget.MediumImportance
	b.redo = newTipButton("Redo", "", theme.ContentRedoIcon(), b.tips, func() string {
		return undoHint("Redo", "Nothing to redo", "Ctrl+Shift+Z", w.ses.CanRedo)
	}, w.Redo)
	b.redo.Importance = widget.MediumImportance
	w.ses.OnPortfolioChange(b.refresh)
	b.refresh()
	w.win.SetMainMenu(b.mainMenu())
	return b
}

// content is the bar: the portfolio picker, New, Import, Export, Report
// (the one labelled: the app's product), the portfolio menu and the as-of
// date at the left; undo, redo, snapshot, preferences and help at the
// right. The less used actions are icons with a hover hint naming the
// action and its shortcut (each is in the menus too), so the bar is one
// row in a 1024x700 screen's window (921 wide; with labels it was 1036
// and wrapped).
func (b *portfolioBar) content() fyne.CanvasObject {
	btn := func(name, label string, icon fyne.Resource, hint string, f func()) *tipButton {
		return newTipButton(name, label, icon, b.tips, func() string { return hint }, f)
	}
	asOf := container.NewGridWrap(fyne.NewSize(150, b.asOf.MinSize().Height), b.asOf)
	b.more = btn("More", "", theme.MoreHorizontalIcon(), "Rename, duplicate or delete the portfolio", b.onMore)
	export := btn("Export", "", theme.DocumentSaveIcon(), "Export JSON, CSV or Excel… (Ctrl+Shift+E)", b.onExport)
	report := btn("Report", "Report", theme.DocumentPrintIcon(), "Export report (PDF and CSV)… (Ctrl+E)", b.w.onExportReport)
	left := container.NewHBox(
		container.NewGridWrap(fyne.NewSize(166, b.pick.MinSize().Height), b.pick),
		btn("New", "", theme.ContentAddIcon(), "New portfolio…", b.onNew),
		btn("Import", "", theme.FolderOpenIcon(), "Import JSON, CSV or Excel… (Ctrl+O)", b.onImport),
		export, report, b.more,
		widget.NewSeparator(),
		widget.NewLabel("As of"), asOf,
	)
	snapshot := btn("Snapshot", "", theme.MediaPhotoIcon(), "Take snapshot… (Ctrl+Shift+S)", b.onSnapshot)
	b.forPortfolio = []fyne.Disableable{export, report, b.more, snapshot, b.pick, b.asOf}
	right := container.NewHBox(b.undo, b.redo, snapshot,
		btn("Preferences", "", theme.SettingsIcon(), "Preferences… (Ctrl+,)", b.onPreferences),
		btn("Help", "", theme.HelpIcon(), "Help (F1)", b.onHelp))
	return container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.New(b.layout, left, right))
}

// undoHint is the undo (redo) button's hint: what it would undo and the
// shortcut, or that there is nothing to undo.
func undoHint(verb, nothing, key string, can func() (string, bool)) string {
	label, ok := can()
	if !ok {
		return nothing
	}
	return fmt.Sprintf("%s: %s (%s)", verb, label, key)
}

// refresh shows the current portfolio, its as-of date and undo state.
func (b *portfolioBar) refresh() {
	b.syncing = true
	defer func() { b.syncing = false }()
	if names, err := b.w.ses.Names(); err == nil {
		b.pick.Options = names
	}
	if b.w.ses.NoPortfolio() {
		// Nothing of the portfolio that is gone stays in the bar.
		b.pick.PlaceHolder = "No portfolio"
		b.pick.ClearSelected()
		for _, d := range b.forPortfolio {
			d.Disable()
		}
		b.noneDisabled = true
		b.syncUndo()
		return
	}
	if b.noneDisabled {
		for _, d := range b.forPortfolio {
			d.Enable()
		}
		b.noneDisabled = false
	}
	b.pick.SetSelected(b.w.ses.Portfolio.Name)
	t := b.w.ses.Portfolio.AsOf.Time
	b.asOf.SetDate(&t)
	b.syncUndo()
}

// syncUndo enables Undo and Redo (buttons and menu items) only when there
// is something to undo or redo, as the session's cached labels say (the
// store is read once per change, not once for the bar, once for the menu
// and once for the status line).
func (b *portfolioBar) syncUndo() {
	undo, canUndo := b.w.ses.CanUndo()
	redo, canRedo := b.w.ses.CanRedo()
	for _, x := range []struct {
		btn   *tipButton
		item  *fyne.MenuItem
		ok    bool
		label string
	}{{b.undo, b.undoItem, canUndo, undo}, {b.redo, b.redoItem, canRedo, redo}} {
		if x.ok {
			x.btn.Enable()
		} else {
			x.btn.Disable()
		}
		if x.item != nil && x.item.Disabled == x.ok {
			x.item.Disabled = !x.ok
			if m := b.w.win.MainMenu(); m != nil {
				m.Refresh()
			}
		}
	}
}

func (b *portfolioBar) onPortfolioChanged(name string) {
	if b.syncing || name == "" || name == b.w.ses.Portfolio.Name {
		return
	}
	if err := b.w.ses.Open(name); err != nil {
		b.w.showError(err)
		b.refresh()
	}
}

func (b *portfolioBar) onAsOfChanged(t *time.Time) {
	if b.syncing || t == nil {
		return
	}
	d := model.NewDate(t.Year(), t.Month(), t.Day())
	if d.String() == b.w.ses.Portfolio.AsOf.String() {
		return
	}
	err := b.w.ses.Apply("Set as-of date "+d.String(), func(p *model.Portfolio) error {
		p.AsOf = d
		return nil
	})
	if err != nil {
		b.w.showError(fmt.Errorf("as-of date %s not saved: %w", d, err))
		b.refresh()
	}
}

// mainMenu is the window's menu: everything the bar does, with shortcuts.
func (b *portfolioBar) mainMenu() *fyne.MainMenu {
	w := b.w
	item := func(label string, f func()) *fyne.MenuItem { return fyne.NewMenuItem(label, f) }
	b.undoItem, b.redoItem = item("Undo\tCtrl+Z", w.Undo), item("Redo\tCtrl+Shift+Z", w.Redo)
	// The app's own Quit (fyne adds a bare one otherwise, which ends the
	// event loop without saving the edited field or closing the session).
	quit := item("Quit\tCtrl+Q", w.Quit)
	quit.IsQuit = true
	b.syncUndo()
	viewItems := make([]*fyne.MenuItem, len(views))
	for i, v := range views {
		name := v.name
		viewItems[i] = item(fmt.Sprintf("%s\tCtrl+%d", v.title, i+1), func() { _ = w.ShowView(name) })
	}
	return fyne.NewMainMenu(
		fyne.NewMenu("Portfolio",
			item("New…", b.onNew), item("Rename…", b.onRename), item("Duplicate…", b.onDuplicate),
			item("Delete…", b.onDelete), fyne.NewMenuItemSeparator(),
			item("Import JSON, CSV or Excel…\tCtrl+O", b.onImport), item("Export JSON, CSV or Excel…\tCtrl+Shift+E", b.onExport),
			item("Export report (PDF and CSV)…\tCtrl+E", w.onExportReport),
			fyne.NewMenuItemSeparator(), item("Take snapshot…\tCtrl+Shift+S", b.onSnapshot),
			item("Preferences…\tCtrl+,", b.onPreferences), fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Edit",
			b.undoItem, b.redoItem, fyne.NewMenuItemSeparator(),
			item("New initiative\tCtrl+N", w.list.onAdd), item("Duplicate initiative\tCtrl+D", w.list.onDuplicate),
			item("Delete initiative", w.list.onDelete), item("Search\tCtrl+F", func() { w.win.Canvas().Focus(w.list.search) })),
		fyne.NewMenu("View", viewItems...),
		fyne.NewMenu("Help", item("Help\tF1", b.onHelp), item("Guided tour", w.showTour)),
	)
}

func (b *portfolioBar) onMore() {
	if b.w.noPortfolioSays() {
		return
	}
	m := fyne.NewMenu("",
		fyne.NewMenuItem("Rename portfolio…", b.onRename),
		fyne.NewMenuItem("Duplicate portfolio…", b.onDuplicate),
		fyne.NewMenuItem("Delete portfolio…", b.onDelete))
	c := b.w.win.Canvas()
	// Below the button, wherever the bar put it.
	at := fyne.NewPos(560, 40)
	if b.more != nil {
		at = fyne.CurrentApp().Driver().AbsolutePositionForObject(b.more).AddXY(0, b.more.Size().Height)
	}
	widget.ShowPopUpMenuAtPosition(m, c, at)
}

// askName asks for a name and calls f with it.
func (b *portfolioBar) askName(title, confirm, initial string, f func(string) error) {
	// The app's entry: Escape in it cancels the dialog (a plain entry
	// keeps the key).
	e := newAppEntry()
	e.SetText(initial)
	d := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{widget.NewFormItem("Name", e)}, func(ok bool) {
		if ok {
			if err := f(e.Text); err != nil {
				b.w.showError(err)
			}
		}
	}, b.w.win)
	// Enter in the field submits, like the confirm button.
	e.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(460, 180))
	b.w.showDialog(d)
	focusSelected(b.w.win.Canvas(), e)
}

// focusSelected gives e the focus with its text selected, so that what the
// user types replaces a suggested name (as in every desktop name dialog)
// and Enter keeps it.
func focusSelected(c fyne.Canvas, e *appEntry) {
	c.Focus(e)
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (b *portfolioBar) onNew() {
	ses := b.w.ses
	name := newAppEntry() // Escape in it cancels
	name.SetText(ses.UniqueName("New portfolio"))
	kind := widget.NewRadioGroup([]string{"Blank", "SCRM template (four layers, empty)", "SCRM sample (Northwind, filled in)"}, nil)
	kind.SetSelected("SCRM template (four layers, empty)")
	d := dialog.NewForm("New portfolio", "Create", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", name), widget.NewFormItem("Start from", kind)}, func(ok bool) {
		if !ok {
			return
		}
		var err error
		switch {
		case strings.HasPrefix(kind.Selected, "SCRM sample"):
			var p *model.Portfolio
			p, err = model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
			if err == nil {
				p.Name = ses.UniqueName(strings.TrimSpace(name.Text))
				err = ses.Create(p)
			}
		default:
			err = ses.NewPortfolio(name.Text, strings.HasPrefix(kind.Selected, "SCRM"), model.Today())
		}
		if err != nil {
			b.w.showError(err)
		}
	}, b.w.win)
	d.Resize(fyne.NewSize(520, 260))
	b.w.showDialog(d)
	focusSelected(b.w.win.Canvas(), name)
}

func (b *portfolioBar) onRename() {
	b.askName("Rename portfolio", "Rename", b.w.ses.Portfolio.Name, b.w.ses.Rename)
}

func (b *portfolioBar) onDuplicate() {
	b.askName("Duplicate portfolio", "Duplicate", b.w.ses.UniqueName(b.w.ses.Portfolio.Name+" (copy)"), b.w.ses.Duplicate)
}

func (b *portfolioBar) onDelete() {
	name := b.w.ses.Portfolio.Name
	b.w.showDialog(dialog.NewConfirm("Delete portfolio",
		fmt.Sprintf("Delete %q with its %d initiatives, decisions and snapshots?\nCtrl+Z undoes it.", name, len(b.w.ses.Portfolio.Initiatives)),
		func(ok bool) {
			if !ok {
				return
			}
			if err := b.w.ses.Delete(); err != nil {
				b.w.showError(err)
				return
			}
			b.w.setStatus(fmt.Sprintf("Deleted portfolio %q · Ctrl+Z brings it back", name))
		}, b.w.win))
}

func (b *portfolioBar) onImport() {
	d := dialog.NewFileOpen(onPicked(b.w, func(r fyne.URIReadCloser) {
		defer r.Close()
		b.importFrom(r.URI().Name(), r)
	}), b.w.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".xlsx"}))
	b.w.showFileDialog(d)
}

// importFrom imports a JSON portfolio or a CSV initiative table named name.
func (b *portfolioBar) importFrom(name string, r io.Reader) {
	ses := b.w.ses
	var err error
	if lower := strings.ToLower(name); strings.HasSuffix(lower, ".xlsx") {
		var notes []string
		notes, err = ses.ImportXLSX(r, strings.TrimSuffix(name, name[len(name)-len(".xlsx"):]))
		if err == nil {
			msg := fmt.Sprintf("Imported %s as %q", name, ses.Portfolio.Name)
			if len(notes) > 0 {
				msg += fmt.Sprintf(" · %d sheets or columns ignored (%s)", len(notes), notes[0])
			}
			b.w.setStatus(msg)
		}
	} else if strings.HasSuffix(lower, ".csv") {
		var n int
		n, err = ses.ImportCSV(r)
		if err == nil {
			b.w.setStatus(fmt.Sprintf("Imported %d initiatives from %s · Ctrl+Z undoes", n, name))
		}
	} else {
		err = ses.ImportJSON(r)
		if err == nil {
			b.w.setStatus(fmt.Sprintf("Imported %s as %q", name, ses.Portfolio.Name))
		}
	}
	if err != nil {
		b.w.showDialog(dialog.NewError(fmt.Errorf("%s was not imported, nothing changed:\n%w", name, err), b.w.win))
	}
}

func (b *portfolioBar) onExport() {
	if b.w.noPortfolioSays() {
		return
	}
	d := dialog.NewFileSave(onPicked(b.w, func(wc fyne.URIWriteCloser) {
		csv := strings.HasSuffix(strings.ToLower(wc.URI().Name()), ".csv")
		write := func(w io.Writer) error {
			if strings.HasSuffix(strings.ToLower(wc.URI().Name()), ".xlsx") {
				return b.w.ses.ExportXLSX(w)
			}
			return b.w.ses.Export(w, csv)
		}
		var err error
		if wc.URI().Scheme() == "file" {
			// Written to a temporary file beside it and renamed into
			// place, so a full disk or a crash never leaves a partial
			// export (the dialog's own writer writes in place).
			_ = wc.Close()
			err = atomicfile.Write(wc.URI().Path(), 0o644, write)
		} else {
			err = write(wc)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			b.w.showError(fmt.Errorf("export to %s failed: %w", wc.URI().Name(), err))
			return
		}
		b.w.setStatus("Exported to " + wc.URI().Path())
	}), b.w.win)
	d.SetFileName(model.Slug(b.w.ses.Portfolio.Name) + ".json")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".xlsx"}))
	b.w.showFileDialog(d)
}

func (b *portfolioBar) onSnapshot() {
	if b.w.noPortfolioSays() {
		return
	}
	b.askName("Take snapshot", "Take", fmt.Sprintf("Review %s", model.Today()), func(label string) error {
		if err := b.w.ses.TakeSnapshot(label); err != nil {
			return err
		}
		b.w.setStatus("Snapshot " + label + " taken")
		return nil
	})
}

func (b *portfolioBar) onPreferences() { b.w.showPreferences() }

func (b *portfolioBar) onHelp() { b.w.showHelp() }

// noPortfolioSays reports whether there is no portfolio to act on (the
// empty state), and says so in the status line: a shortcut (Ctrl+E,
// Ctrl+Shift+E, Ctrl+Shift+S) reaches the actions the bar disables then.
func (w *Window) noPortfolioSays() bool {
	if !w.ses.NoPortfolio() {
		return false
	}
	w.setStatus(noneText)
	return true
}

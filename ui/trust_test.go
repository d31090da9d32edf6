package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

// TestUndoDisabledOnFreshDatabase: the first start seeds the sample
// without an undo step, so Undo and Redo are disabled in the toolbar and
// the menu, and the shortcut does nothing.
func TestUndoDisabledOnFreshDatabase(t *testing.T) {
	a := test.NewTempApp(t)
	ses, err := OpenSession(a, filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	win := mountWindow(a, ses, "", fyne.Size{})
	if !win.bar.undo.Disabled() || !win.bar.redo.Disabled() {
		t.Fatal("Undo or Redo enabled on a fresh database")
	}
	if !win.bar.undoItem.Disabled || !win.bar.redoItem.Disabled {
		t.Fatal("the Edit menu's Undo or Redo is enabled on a fresh database")
	}
	win.Undo()
	if len(ses.Portfolio.Initiatives) == 0 || ses.Portfolio.Name == "" {
		t.Fatal("Undo at first start took the sample away")
	}
	// After an action both come alive as they should.
	if err := ses.Apply("rename an initiative", func(p *model.Portfolio) error { p.Initiatives[0].Name += " 2"; return nil }); err != nil {
		t.Fatal(err)
	}
	win.bar.refresh()
	if win.bar.undo.Disabled() || win.bar.undoItem.Disabled {
		t.Fatal("Undo disabled after an action")
	}
}

// TestUndoThatRemovesAPortfolioAsks: undoing the creation of a portfolio
// asks first, naming it and its initiatives; No keeps it, Yes removes it
// and Redo brings it back.
func TestUndoThatRemovesAPortfolioAsks(t *testing.T) {
	win, ses := newTestWindow(t)
	if err := ses.NewPortfolio("Brand new", true, ses.Portfolio.AsOf); err != nil {
		t.Fatal(err)
	}
	n := len(ses.Portfolio.Initiatives)
	win.Undo()
	d := win.pendingConfirm
	if d == nil {
		t.Fatal("Undo of a create did not ask")
	}
	d.Hide() // the user closes it: no
	if names, _ := ses.Names(); !slices.Contains(names, "Brand new") {
		t.Fatal("closing the question removed the portfolio")
	}
	win.Undo()
	if win.pendingConfirm == nil {
		t.Fatal("no question the second time")
	}
	win.pendingConfirm.Confirm()
	if names, _ := ses.Names(); slices.Contains(names, "Brand new") {
		t.Fatal("confirmed undo kept the portfolio")
	}
	win.Redo()
	if win.pendingConfirm != nil {
		t.Fatal("Redo of a create asked")
	}
	if names, _ := ses.Names(); !slices.Contains(names, "Brand new") {
		t.Fatal("Redo did not bring the portfolio back")
	}
	p, err := ses.Store().Load("Brand new")
	if err != nil || len(p.Initiatives) != n {
		t.Fatalf("after redo: %v, %v", p, err)
	}
}

// TestWindowReloadsForeignChanges: a change made by another process (the
// CLI) appears in the open window within a few seconds.
func TestWindowReloadsForeignChanges(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "shared.db")
	ses, err := OpenSession(a, path)
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("test")
	win := startWindow(a, w, ses, Config{})
	defer w.Close()
	cli, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("a second store beside the app: %v", err)
	}
	name := ses.Portfolio.Name
	if _, err := cli.Apply(name, "cli edit", func(p *model.Portfolio) error { p.Description = "changed by the CLI"; return nil }); err != nil {
		t.Fatal(err)
	}
	// The reload sets the portfolio and then the notice, in one callback
	// that may still be running when the portfolio is seen changed: wait
	// for both, with a deadline generous for a loaded machine.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var got, status string
		fyne.DoAndWait(func() { got, status = ses.Portfolio.Description, win.status.Text })
		if got == "changed by the CLI" && strings.Contains(status, "another program") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the window shows %q with the status %q", got, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRestoreDamagedDatabase: a zero-length database with backups is
// refused (not re-created over them) naming the backup, and the dialog's
// restore puts the backup back with the empty file kept aside.
func TestRestoreDamagedDatabase(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "app.db")
	ses, err := OpenSession(a, path)
	if err != nil {
		t.Fatal(err)
	}
	name := ses.Portfolio.Name
	if err := ses.Apply("edit", func(p *model.Portfolio) error { p.Description = "mine"; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = OpenSession(a, path)
	var de *store.DamagedError
	if !errors.As(err, &de) || de.Backup == "" {
		t.Fatalf("open of an emptied database: %v, want damaged with a backup", err)
	}
	r, err := restoreDamaged(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(r.KeptAs); err != nil || fi.Size() != 0 {
		t.Fatalf("the empty file was not kept aside: %v", err)
	}
	ses, err = OpenSession(a, path)
	if err != nil {
		t.Fatal(err)
	}
	if ses.Portfolio.Name != name {
		t.Fatalf("restored database opens on %q", ses.Portfolio.Name)
	}
}

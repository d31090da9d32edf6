package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/jackc/pgx/v5"

	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store/pgstore/pgtest"
)

// readOnlyURL returns the URL of a fresh database holding the sample for a
// new PostgreSQL role that may only SELECT.
func readOnlyURL(t *testing.T, a fyne.App, u string) string {
	t.Helper()
	ses, err := OpenSession(a, u) // seeds the sample
	if err != nil {
		t.Fatal(err)
	}
	ses.Store().Close()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(ctx) })
	role := fmt.Sprintf("viewer_%d", time.Now().UnixNano())
	for _, q := range []string{"CREATE ROLE " + role + " LOGIN", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role} {
		if _, err := admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(ctx, "DROP OWNED BY "+role)
		_, _ = admin.Exec(ctx, "DROP ROLE IF EXISTS "+role)
	})
	ru, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	ru.User = url.User(role)
	return ru.String()
}

// buttons returns the buttons under o by text (icon-only ones by their
// icon's name), as the read-only walk sees them.
func buttons(o fyne.CanvasObject) map[string][]*widget.Button {
	out := map[string][]*widget.Button{}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			k := b.Text
			if k == "" && b.Icon != nil {
				k = "icon:" + b.Icon.Name()
			}
			out[k] = append(out[k], b)
			return
		}
		if b, ok := o.(*tipButton); ok { // by its action, and its icon
			out[b.name] = append(out[b.name], &b.Button)
			if b.Text == "" && b.Icon != nil {
				out["icon:"+b.Icon.Name()] = append(out["icon:"+b.Icon.Name()], &b.Button)
			}
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(o)
	return out
}

func menuItem(w *Window, label string) *fyne.MenuItem {
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if menuLabel(it.Label) == label {
				return it
			}
		}
	}
	return nil
}

// A SELECT-only PostgreSQL role: the window opens and values, shows the
// Read-only badge, and every editing control is disabled (menus, bar,
// initiative list, inspector form, the views' edit buttons), while export,
// report, search, simulation and the estimate stay usable. An edit
// attempted by shortcut, or one that reaches the session anyway, is
// refused in the status line with the read-only message, never an error
// dialog, and nothing is written.
func TestReadOnlyRoleWindow(t *testing.T) {
	u := pgtest.Fresh(t)
	a := test.NewTempApp(t)
	t.Setenv("OPTIONSPACE_USER", "viewer")
	ro := readOnlyURL(t, a, u)
	ses, err := OpenSession(a, ro)
	if err != nil {
		t.Fatal(err)
	}
	defer ses.Store().Close()
	if !ses.Store().ReadOnly() {
		t.Fatal("a SELECT-only role opened writable")
	}
	w := a.NewWindow("test")
	win := startWindow(a, w, ses, Config{})
	before := ses.Portfolio.Clone()
	fyne.DoAndWait(func() { checkReadOnlyBar(t, win) })
	fyne.DoAndWait(func() { checkReadOnlyInspector(t, win) })
	checkReadOnlyViews(t, win)
	checkReadOnlyRefusals(t, win)
	// Preferences: the portfolio's settings are shown disabled; the
	// user's own (theme, numbers, name) stay editable.
	fyne.DoAndWait(func() {
		f := newSettingsFormFor(win)
		if !win.lockSettingsIfReadOnly(f) || !f.currency.Disabled() || !f.rate.Disabled() || !f.never.Disabled() || !f.discounting.Disabled() {
			t.Error("the preferences' portfolio settings are editable in read-only mode")
		}
		if f.theme.Disabled() || f.user.Disabled() {
			t.Error("the user's own preferences were disabled")
		}
	})
	check, err := storage.Open(u, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	now, err := check.Load(before.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(now.Initiatives) != len(before.Initiatives) || !now.AsOf.Equal(before.AsOf.Time) {
		t.Fatal("the read-only window wrote to the database")
	}
	if acts, err := check.Recent(10); err != nil || len(acts) != 1 || !strings.HasPrefix(acts[0].Label, "Create ") {
		t.Fatalf("actions after the read-only window, want only the seeding's Create: %+v %v", acts, err)
	}
}

// checkReadOnlyBar: the window values, shows the badge, and its bar and
// menus offer no edit while export, report and search stay usable.
func checkReadOnlyBar(t *testing.T, win *Window) {
	ses, w := win.ses, win.win
	if ses.Valuation == nil || ses.Valuation.Total == 0 {
		t.Error("the read-only window did not value the portfolio")
	}
	if win.ro == nil || win.ro.badge.name != "Read-only" || win.ro.badge.tip() != readOnlyMessage || !win.ro.badge.Visible() {
		t.Error("no Read-only badge")
	}
	if !strings.Contains(win.status.Text, "Read-only") {
		t.Errorf("status %q", win.status.Text)
	}
	bs := buttons(w.Content())
	for _, name := range []string{"New", "Import", "Snapshot", "icon:" + theme.ContentAddIcon().Name(), "icon:" + theme.DeleteIcon().Name(), "icon:" + theme.MoreHorizontalIcon().Name(), "icon:" + theme.ContentCopyIcon().Name()} {
		if len(bs[name]) == 0 {
			t.Errorf("no button %q found in the window", name)
		}
		for _, b := range bs[name] {
			if !b.Disabled() {
				t.Errorf("button %q is enabled in read-only mode", name)
			}
		}
	}
	for _, name := range []string{"Export", "Report"} {
		if len(bs[name]) != 1 || bs[name][0].Disabled() {
			t.Errorf("button %q should stay usable: %v", name, bs[name])
		}
	}
	if !win.bar.undo.Disabled() || !win.bar.redo.Disabled() || !win.bar.asOf.Disabled() {
		t.Error("undo, redo or the as-of date is enabled")
	}
	for _, l := range []string{"New…", "Rename…", "Delete…", "Undo", "Redo", "New initiative", "Delete initiative", "Take snapshot…", "Import JSON, CSV or Excel…"} {
		if it := menuItem(win, l); it == nil || !it.Disabled {
			t.Errorf("menu item %q is not disabled (%v)", l, it)
		}
	}
	for _, l := range []string{"Export JSON, CSV or Excel…", "Export report (PDF and CSV)…", "Search"} {
		if it := menuItem(win, l); it == nil || it.Disabled {
			t.Errorf("menu item %q should stay usable", l)
		}
	}
	if win.list.search.Disabled() {
		t.Error("search is disabled")
	}
}

// checkReadOnlyInspector: on a selection, the inspector's form and its
// edit buttons are disabled, the estimate (computing only) is not.
func checkReadOnlyInspector(t *testing.T, win *Window) {
	win.ses.Select(win.ses.Portfolio.Initiatives[0].ID)
	in := win.insp
	for name, e := range map[string]fyne.Disableable{"name": in.name, "S": in.s, "σ": in.sigma, "rationale": in.rationale,
		"kind": in.kind, "deadline": in.deadline, "expand": in.expand} {
		if !e.Disabled() {
			t.Errorf("the inspector's %s field is enabled", name)
		}
	}
	ib := buttons(in.body)
	for _, name := range []string{"Decide…", "Log learning…", "Assumption", "Risk", "Use these"} {
		if len(ib[name]) == 0 || !ib[name][0].Disabled() {
			t.Errorf("inspector button %q enabled or missing", name)
		}
	}
	if in.estimate.run.Disabled() || in.estimate.paths.Disabled() {
		t.Error("the estimate (computing only) is disabled")
	}
}

// checkReadOnlyViews: the views built after the window have their edit
// controls disabled; the simulation runs.
func checkReadOnlyViews(t *testing.T, win *Window) {
	for _, c := range []struct{ view, button string }{{"links", "Add link"}, {"history", "Take snapshot"}, {"decisions", "Save review"}} {
		fyne.DoAndWait(func() {
			if err := win.ShowView(c.view); err != nil {
				t.Fatal(err)
			}
			bs := buttons(win.tabs.Selected().Content)
			if len(bs[c.button]) == 0 || !bs[c.button][0].Disabled() {
				t.Errorf("%s view: %q enabled or missing", c.view, c.button)
			}
		})
	}
	fyne.DoAndWait(func() {
		_ = win.ShowView("drivers")
		dv := win.shown["drivers"].(*driversView)
		if len(dv.sliders) == 0 {
			t.Fatal("the sample has no drivers")
		}
		for name, s := range dv.sliders {
			if !s.Disabled() || !dv.entries[name].Disabled() {
				t.Errorf("driver %s is editable", name)
			}
		}
		_ = win.ShowView("simulation")
		if win.shown["simulation"].(*simView).run.Disabled() {
			t.Error("simulation's Run is disabled")
		}
	})
}

// checkReadOnlyRefusals: edits by shortcut, and one that reaches the
// session anyway, say the read-only message in the status line and open
// no dialog.
func checkReadOnlyRefusals(t *testing.T, win *Window) {
	ctrl := fyne.KeyModifierShortcutDefault
	overlay := func() fyne.CanvasObject { return win.win.Canvas().Overlays().Top() }
	for _, s := range []fyne.Shortcut{&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: ctrl}, &fyne.ShortcutUndo{},
		&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: ctrl}, &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: ctrl | fyne.KeyModifierShift}} {
		fyne.DoAndWait(func() {
			win.setStatus("")
			if !win.runShortcut(s) {
				t.Fatalf("shortcut %s not registered", s.ShortcutName())
			}
			if !strings.HasPrefix(win.status.Text, readOnlyMessage) {
				t.Errorf("shortcut %s: status %q, want the read-only message", s.ShortcutName(), win.status.Text)
			}
			if overlay() != nil {
				t.Errorf("shortcut %s opened a dialog", s.ShortcutName())
			}
		})
	}
	fyne.DoAndWait(func() {
		win.setStatus("")
		d := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
		win.bar.onAsOfChanged(&d)
		if !strings.HasPrefix(win.status.Text, readOnlyMessage) || overlay() != nil {
			t.Errorf("an edit through the session: status %q, dialog %v", win.status.Text, overlay())
		}
	})
}

// A writable window leaves the controls alone: no badge, New and the
// inspector enabled.
func TestWritableWindowHasNoReadOnlyMode(t *testing.T) {
	a := test.NewTempApp(t)
	ses, err := OpenSession(a, pgtest.Fresh(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ses.Store().Close()
	w := a.NewWindow("test")
	win := startWindow(a, w, ses, Config{})
	fyne.DoAndWait(func() {
		if win.ro != nil {
			t.Error("read-only mode on a writable database")
		}
		ses.Select(ses.Portfolio.Initiatives[0].ID)
		if bs := buttons(w.Content()); len(bs["New"]) == 0 || bs["New"][0].Disabled() || win.insp.sigma.Disabled() {
			t.Error("editing controls disabled on a writable database")
		}
	})
}

package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/ui/report"
)

// pressKey delivers a key as fyne's desktop driver does: to the focused
// object, or to the canvas's key handler when nothing has the focus.
func pressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// Escape cancels every dialog the window opens, as its Cancel (No, Close)
// button would: the file dialogs of Import, Export and the report's
// Choose file… (fyne's, which take no key; Export's opens with the focus
// in its name field), the report's form, the snapshot's name, New
// portfolio, Delete portfolio, Preferences, Help, an error, the date
// picker's calendar, and the inspector's Decide… and Log learning. Nothing is done by the cancel (no snapshot taken,
// no portfolio deleted).
func TestEscapeClosesEveryDialog(t *testing.T) {
	win, ses := newTestWindow(t)
	win.win.Resize(fyne.NewSize(1200, 800))
	c := win.win.Canvas()
	snaps, name := len(ses.Portfolio.Snapshots), ses.Portfolio.Name
	for _, d := range []struct {
		name string
		open func()
	}{
		{"Import", win.bar.onImport},
		{"Export", win.bar.onExport},
		{"Export report", win.onExportReport},
		{"report file", func() { win.chooseReportFile(report.ProfileBoard, nil) }},
		{"Take snapshot", win.bar.onSnapshot},
		{"New portfolio", win.bar.onNew},
		{"Delete portfolio", win.bar.onDelete},
		{"Preferences", win.bar.onPreferences},
		{"Help", win.bar.onHelp},
		{"error", func() { win.showError(errTest) }},
		{"calendar", win.bar.asOf.openCalendar},
	} {
		d.open()
		if c.Overlays().Top() == nil {
			t.Fatalf("%s: no dialog opened", d.name)
		}
		pressKey(c, fyne.KeyEscape)
		if top := c.Overlays().Top(); top != nil {
			t.Errorf("%s: Escape left the dialog open (focus %T)", d.name, c.Focused())
			for c.Overlays().Top() != nil {
				c.Overlays().Top().Hide()
				c.Overlays().Remove(c.Overlays().Top())
			}
		}
	}
	if len(ses.Portfolio.Snapshots) != snaps || ses.Portfolio.Name != name {
		t.Errorf("a cancel did something: %d snapshots (had %d), portfolio %q", len(ses.Portfolio.Snapshots), snaps, name)
	}
	// The inspector's Decide… and Log learning.
	iw, ises, _ := inspectFirst(t)
	decisions, learned := len(ises.Portfolio.Decisions), len(ises.Portfolio.Learning)
	ic := iw.win.Canvas()
	for name, open := range map[string]func(){"Decide": iw.insp.onRecordDecision, "Log learning": iw.insp.onLogLearning} {
		open()
		if ic.Overlays().Top() == nil {
			t.Fatalf("%s: no dialog opened", name)
		}
		pressKey(ic, fyne.KeyEscape)
		if ic.Overlays().Top() != nil {
			t.Errorf("%s: Escape left the dialog open", name)
		}
	}
	if len(ises.Portfolio.Decisions) != decisions || len(ises.Portfolio.Learning) != learned {
		t.Error("a cancelled inspector dialog recorded something")
	}
}

// Escape cancels a dialog also when the focus is in one of its fields
// (after a click or Tab into it): the inspector's Decide… and Log
// learning, whose rationale fields are multi-line, and Preferences. A
// plain fyne entry keeps the key, so these are the app's entries.
func TestEscapeInADialogField(t *testing.T) {
	iw, ises, _ := inspectFirst(t)
	ic := iw.win.Canvas()
	decisions, learned := len(ises.Portfolio.Decisions), len(ises.Portfolio.Learning)
	for _, d := range []struct {
		name string
		open func()
	}{{"Decide", iw.insp.onRecordDecision}, {"Log learning", iw.insp.onLogLearning}, {"Preferences", iw.bar.onPreferences}} {
		d.open()
		top := ic.Overlays().Top()
		if top == nil {
			t.Fatalf("%s: no dialog opened", d.name)
		}
		var fields []fyne.Focusable
		walkRendered(top, func(o fyne.CanvasObject) bool {
			switch e := o.(type) {
			case *appEntry:
				fields = append(fields, e)
				return false
			case *widget.Entry:
				fields = append(fields, e)
				return false
			}
			return true
		})
		if len(fields) == 0 {
			t.Fatalf("%s: no text field found", d.name)
		}
		ic.Focus(fields[0])
		test.Type(fields[0], "abc")
		pressKey(ic, fyne.KeyEscape)
		if ic.Overlays().Top() != nil {
			t.Errorf("%s: Escape with the focus in its field (%T) left the dialog open", d.name, fields[0])
			for ic.Overlays().Top() != nil {
				ic.Overlays().Top().Hide()
				ic.Overlays().Remove(ic.Overlays().Top())
			}
		}
	}
	if len(ises.Portfolio.Decisions) != decisions || len(ises.Portfolio.Learning) != learned {
		t.Error("a cancelled dialog recorded something")
	}
}

// The Export dialog opens without the focus in its name field, so Escape
// reaches the window; the first key typed goes into the field, which has
// the focus from then on.
func TestExportNameTakesTyping(t *testing.T) {
	win, _ := newTestWindow(t)
	win.win.Resize(fyne.NewSize(1200, 800))
	c := win.win.Canvas()
	win.bar.onExport()
	if c.Focused() != nil {
		t.Fatalf("the save dialog opened with the focus in %T", c.Focused())
	}
	c.OnTypedRune()('x')
	e, ok := c.Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("after a key the focus is in %T, want the name field", c.Focused())
	}
	if !strings.Contains(e.Text, "x") || !strings.Contains(e.Text, ".json") {
		t.Errorf("the name field reads %q", e.Text)
	}
	test.Type(e, "y")
	if !strings.Contains(e.Text, "xy") {
		t.Errorf("typing on: %q", e.Text)
	}
}

// errTest is an error for a dialog to show.
var errTest = testError("something went wrong")

type testError string

func (e testError) Error() string { return string(e) }

// TestEscapeClosesTheOpeningNotice: the notice shown when something was
// found at opening (here a database file left unfinished at its creation,
// 100 zero bytes, made anew) closes with Escape like every other dialog;
// it took only its OK button.
func TestEscapeClosesTheOpeningNotice(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "cut.db")
	if err := os.WriteFile(path, make([]byte, 100), 0o600); err != nil {
		t.Fatal(err)
	}
	ses, err := OpenSession(a, path)
	if err != nil {
		t.Fatal(err)
	}
	q := newQuitter()
	q.exit = func(int) {}
	win := startWindowWith(a, a.NewWindow("test"), ses, Config{}, q)
	t.Cleanup(func() { q.closeSession(ses) })
	c := win.win.Canvas()
	if c.Overlays().Top() == nil {
		t.Fatal("no notice about the unfinished file")
	}
	pressKey(c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Escape left the opening notice open")
	}
}

// TestEnterConfirmsAQuestion: Enter presses a question's primary button,
// as in every desktop dialog (here Delete portfolio's Yes: the portfolio
// is deleted); Escape still cancels one. Enter did nothing.
func TestEnterConfirmsAQuestion(t *testing.T) {
	win, ses := newTestWindow(t)
	c := win.win.Canvas()
	if err := ses.Duplicate("Second"); err != nil { // not the last portfolio
		t.Fatal(err)
	}
	name := ses.Portfolio.Name
	win.bar.onDelete()
	if c.Overlays().Top() == nil {
		t.Fatal("no question opened")
	}
	pressKey(c, fyne.KeyEscape)
	if c.Overlays().Top() != nil || ses.Portfolio == nil || ses.Portfolio.Name != name {
		t.Fatal("Escape did not cancel the question, or deleted")
	}
	win.bar.onDelete()
	pressKey(c, fyne.KeyReturn)
	if c.Overlays().Top() != nil {
		t.Fatalf("Enter left the question open (focus %T)", c.Focused())
	}
	l, err := ses.Store().List()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range l {
		if s.Name == name {
			t.Fatalf("Enter on Delete portfolio: %q is still in the database", name)
		}
	}
}

package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store"
)

// newTestSession opens a fresh database under t.TempDir holding the SCRM
// sample.
func newTestSession(t testing.TB) *Session {
	t.Helper()
	return sessionWith(t, modeltest.Sample(t))
}

// sessionWith opens a fresh database under t.TempDir holding p.
func sessionWith(t testing.TB, p *model.Portfolio) *Session {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "test.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	ses, err := NewSession(s, p.Name)
	if err != nil {
		t.Fatal(err)
	}
	return ses
}

// windowOn builds the main window on ses in a new test app at 1360x860.
func windowOn(t testing.TB, ses *Session) *Window {
	t.Helper()
	return mountWindow(test.NewTempApp(t), ses, "", fyne.NewSize(1360, 860))
}

// narrowWindow builds the main window on ses in a new test app at the
// size a 1024x700 screen opens it (921x630, 90% of the screen).
func narrowWindow(t testing.TB, ses *Session) *Window {
	t.Helper()
	return mountWindow(test.NewTempApp(t), ses, "", fyne.NewSize(921, 630))
}

// mountWindow builds the main window on ses in a, in theme mode ("" for
// the preference), at size (zero: as made).
func mountWindow(a fyne.App, ses *Session, mode string, size fyne.Size) *Window {
	w := a.NewWindow("test")
	win := newWindowThemed(a, w, ses, mode)
	w.SetContent(win.Content())
	if !size.IsZero() {
		w.Resize(size)
	}
	return win
}

func TestWindowListsSampleInitiatives(t *testing.T) {
	win, ses := newTestWindow(t)

	want := len(ses.Portfolio.Initiatives)
	if got := len(win.list.rows); got != want {
		t.Fatalf("the list shows %d rows, want %d", got, want)
	}
	// Every initiative's name and region appear in the table's cells.
	seen := map[string]bool{}
	for _, r := range win.list.rows {
		seen[initiativeColumns[0].cell(r)] = true
		if r.Err != nil {
			t.Errorf("%s: %v", r.Name, r.Err)
		}
		if r.Position.Region < 1 || r.Position.Region > 6 {
			t.Errorf("%s: region %d", r.Name, r.Position.Region)
		}
	}
	for _, in := range ses.Portfolio.Initiatives {
		if !seen[in.Name] {
			t.Errorf("initiative %q is not listed", in.Name)
		}
	}
}

func TestSearchFiltersTheList(t *testing.T) {
	win, ses := newTestWindow(t)

	test.Type(win.list.search, "listening")
	if got := len(win.list.rows); got != 2 {
		names := []string{}
		for _, r := range win.list.rows {
			names = append(names, r.Name)
		}
		t.Fatalf("searching %q shows %d rows %v, want the 2 listening tools", "listening", got, names)
	}
	win.list.search.SetText("")
	if got := len(win.list.rows); got != len(ses.Portfolio.Initiatives) {
		t.Fatalf("clearing the search shows %d rows", got)
	}
}

func TestSelectingARowSelectsTheInitiative(t *testing.T) {
	win, ses := newTestWindow(t)

	win.list.table.Select(widget.TableCellID{Row: 3, Col: 0})
	if want := win.list.rows[3].ID; ses.Selected != want {
		t.Fatalf("selected %q, want %q", ses.Selected, want)
	}
}

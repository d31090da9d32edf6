package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store"
)

// readOnlyFileSession opens a database file holding the sample read-only.
func readOnlyFileSession(t *testing.T) *Session {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := modeltest.Sample(t)
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	ses, err := NewSession(ro, p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !ses.Store().ReadOnly() {
		t.Fatal("the session is not read-only")
	}
	return ses
}

// TestReadOnlyBarOneRowAt1024: in read-only mode the bar stays one row in
// the window of a 1024x700 screen (921x630) and in a 1024x700 window, as
// TestBarOneRowAt1024 checks it writable: its buttons and the read-only
// badge lie on the first row inside the window, and the panes start just
// below. The badge is an icon whose hint, and tap, say the read-only
// message, true of a file (not "your database role"). As a bold
// "Read-only" label it did not fit the 84 the bar leaves at 921, and the
// bar wrapped.
func TestReadOnlyBarOneRowAt1024(t *testing.T) {
	old := tipDelay
	tipDelay = 0
	t.Cleanup(func() { tipDelay = old })
	for _, size := range []fyne.Size{{Width: 921, Height: 630}, {Width: 1024, Height: 700}, {Width: 1296, Height: 810}} {
		win := mountWindow(test.NewTempApp(t), readOnlyFileSession(t), ThemeLight, fyne.NewSize(760, 600))
		win.win.Resize(size)
		if win.ro == nil {
			t.Fatal("no read-only mode")
		}
		if win.bar.layout.twoRows {
			t.Errorf("%v: the read-only bar wraps onto two rows", size)
			continue
		}
		d := fyne.CurrentApp().Driver()
		bs := barButtons(win)
		if len(bs) != 11 || bs["Read-only"] != win.ro.badge {
			t.Fatalf("%v: %d hinted buttons in the bar, want the 10 and the badge: %v", size, len(bs), bs)
		}
		inner := size.Width - 2*4
		rowH := win.bar.undo.Size().Height
		for name, b := range bs {
			pos := d.AbsolutePositionForObject(b)
			if b.Size().Width == 0 || pos.X+b.Size().Width > inner+4+0.5 || pos.Y > 4+0.5 {
				t.Errorf("%v: %s at %v, %v: not on the bar's one row inside the window", size, name, pos, b.Size())
			}
		}
		if y := d.AbsolutePositionForObject(win.splitList).Y; y > 4+rowH+20 {
			t.Errorf("%v: the panes start at y %.0f under a bar %.0f high", size, y, rowH)
		}
		b := win.ro.badge
		c := win.win.Canvas()
		test.MoveMouse(c, d.AbsolutePositionForObject(b).AddXY(b.Size().Width/2, b.Size().Height/2))
		if got := win.bar.tips.shown(); got != readOnlyMessage {
			t.Errorf("%v: the badge's hint %q, want %q", size, got, readOnlyMessage)
		}
		// True of a file as of a PostgreSQL role (it said "your database
		// role may only read" on a file opened read-only).
		if strings.Contains(readOnlyMessage, "role") || !strings.Contains(readOnlyMessage, "only read") {
			t.Errorf("the read-only message %q is not true of a read-only file", readOnlyMessage)
		}
		win.setStatus("")
		if strings.Contains(win.status.Text, "Read-only") {
			t.Fatalf("%v: status %q before the tap", size, win.status.Text)
		}
		test.Tap(b)
		if !strings.HasPrefix(win.status.Text, readOnlyMessage) {
			t.Errorf("%v: tapping the badge: status %q", size, win.status.Text)
		}
	}
}

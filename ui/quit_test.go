package ui

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model/store"
)

// recordExit is a quitter's exit that records the statuses it was called
// with instead of ending the test's process.
type recordExit struct {
	mu    sync.Mutex
	codes []int
	at    []time.Time
}

func (r *recordExit) exit(code int) {
	r.mu.Lock()
	r.codes = append(r.codes, code)
	r.at = append(r.at, time.Now())
	r.mu.Unlock()
}

func (r *recordExit) get() ([]int, []time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.codes...), append([]time.Time(nil), r.at...)
}

// quitWindow opens the sample in a database file and builds the real
// window on it (startWindowWith) with a quitter whose exit is recorded.
func quitWindow(t *testing.T) (*Window, *Session, *quitter, *recordExit, string) {
	t.Helper()
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "quit.db")
	ses, err := OpenSession(a, path)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recordExit{}
	q := newQuitter()
	q.exit = rec.exit
	q.grace, q.closeWait = 200*time.Millisecond, 300*time.Millisecond
	win := startWindowWith(a, a.NewWindow("test"), ses, Config{}, q)
	return win, ses, q, rec, path
}

// nameOnDisk reads initiative id's name from the database file with a
// store of its own, as the CLI's list would after the app ended.
func nameOnDisk(t *testing.T, path, portfolio, id string) string {
	t.Helper()
	s, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("reopening the database after quit: %v", err)
	}
	defer s.Close()
	p, err := s.Load(portfolio)
	if err != nil {
		t.Fatalf("loading %q after quit: %v", portfolio, err)
	}
	return p.Initiative(id).Name
}

// TestCtrlQSavesTheFieldAndClosesTheSession: Ctrl+Q pressed while the
// inspector's name field holds typed text not yet saved (no Enter) saves
// it, closes the session (a late valuation result is dropped) and the
// window; the file reopens with the new name. Before the fix Ctrl+Q did
// nothing at all: no shortcut was bound to it.
func TestCtrlQSavesTheFieldAndClosesTheSession(t *testing.T) {
	win, ses, q, rec, path := quitWindow(t)
	id := ses.Portfolio.Initiatives[0].ID
	ses.Select(id)
	c := win.win.Canvas()
	c.Focus(win.insp.name)
	retype(win.insp.name, "Typed just before quitting")
	if got := ses.Portfolio.Initiative(id).Name; got == "Typed just before quitting" {
		t.Fatal("the name was saved before the quit: the test checks nothing")
	}
	press(win, "Q", ctrl)
	if !ses.closed.Load() {
		t.Fatal("Ctrl+Q did not close the session")
	}
	q.mu.Lock()
	closing, asked := q.closing, q.asked
	q.mu.Unlock()
	if !closing || !asked {
		t.Fatalf("Ctrl+Q: closing %v, watchdog %v; want both", closing, asked)
	}
	if got := nameOnDisk(t, path, ses.Portfolio.Name, id); got != "Typed just before quitting" {
		t.Fatalf("after Ctrl+Q the file holds the name %q, want the typed one", got)
	}
	// The watchdog fires once, with status 0, about grace after the quit.
	time.Sleep(q.grace + 200*time.Millisecond)
	if codes, _ := rec.get(); len(codes) != 1 || codes[0] != 0 {
		t.Fatalf("watchdog exits %v, want one exit(0)", codes)
	}
}

// TestQuitMenuItemIsTheApps: the Portfolio menu ends with the app's own
// Quit (fyne's bare one would end the loop without saving or closing),
// labelled with its shortcut.
func TestQuitMenuItemIsTheApps(t *testing.T) {
	win, ses, _, _, _ := quitWindow(t)
	m := win.win.MainMenu()
	items := m.Items[0].Items
	last := items[len(items)-1]
	if !last.IsQuit || last.Label != "Quit\tCtrl+Q" {
		t.Fatalf("the Portfolio menu ends with %q (IsQuit %v)", last.Label, last.IsQuit)
	}
	last.Action()
	if !ses.closed.Load() {
		t.Fatal("the menu's Quit did not close the session")
	}
}

// TestSignalQuitsThroughTheWindow: SIGINT or SIGTERM (onSignal, as the
// signal goroutine calls it) quits as Ctrl+Q does: the typed field is
// saved and the session closed; before the window exists it exits at
// once with status 1.
func TestSignalQuitsThroughTheWindow(t *testing.T) {
	win, ses, q, _, path := quitWindow(t)
	id := ses.Portfolio.Initiatives[1].ID
	ses.Select(id)
	win.win.Canvas().Focus(win.insp.name)
	retype(win.insp.name, "Typed before SIGTERM")
	q.onSignal() // fyne/test runs the fyne.Do at once
	if !ses.closed.Load() {
		t.Fatal("a signal did not close the session")
	}
	if got := nameOnDisk(t, path, ses.Portfolio.Name, id); got != "Typed before SIGTERM" {
		t.Fatalf("after the signal the file holds %q", got)
	}

	rec := &recordExit{}
	early := newQuitter()
	early.exit = rec.exit
	early.grace = time.Hour
	early.onSignal()
	if codes, _ := rec.get(); len(codes) != 1 || codes[0] != 1 {
		t.Fatalf("a signal before the window: exits %v, want exit(1) at once", codes)
	}
}

// TestQuitWatchdog: when fyne's shutdown hangs the watchdog ends the
// process grace after the quit; a session Close that has begun is waited
// for (up to closeWait), and the watchdog starts once however often a
// quit is asked for.
func TestQuitWatchdog(t *testing.T) {
	rec := &recordExit{}
	q := newQuitter()
	q.exit = rec.exit
	q.grace, q.closeWait = 50*time.Millisecond, 5*time.Second
	q.closing = true // a Close running on the UI goroutine
	start := time.Now()
	q.watch()
	q.watch()
	time.Sleep(300 * time.Millisecond)
	if codes, _ := rec.get(); len(codes) != 0 {
		t.Fatalf("the watchdog exited %v while the Close was running", codes)
	}
	closedAt := time.Now()
	close(q.closed)
	deadline := time.Now().Add(5 * time.Second)
	for {
		codes, at := rec.get()
		if len(codes) > 0 {
			if len(codes) != 1 || codes[0] != 0 || at[0].Before(closedAt) || at[0].Sub(start) < q.grace {
				t.Fatalf("watchdog exits %v at %v after the start", codes, at[0].Sub(start))
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the watchdog never exited")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if codes, _ := rec.get(); len(codes) != 1 {
		t.Fatalf("the watchdog exited %d times", len(codes))
	}
}

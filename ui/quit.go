package ui

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
)

// How the app ends. Every way out goes through one quitter:
//
//   - Ctrl+Q and the Portfolio menu's Quit, and the window's close button
//     (its close intercept), call Window.Quit on the UI goroutine: the
//     focused field loses the focus (a commitEntry saves what was typed in
//     it, as leaving it does), then the window closes; its OnClosed
//     remembers the window's size, stops watching the database and closes
//     the session (Session.Close: the background valuation is cancelled,
//     the solved boundaries written, the database closed). Fyne quits when
//     its master window is gone.
//   - SIGINT and SIGTERM: the quitter catches them itself and asks the UI
//     goroutine for the same Window.Quit. Fyne's own handler (it calls the
//     driver's Quit, which ends the event loop without closing the
//     window, so OnClosed never ran) is replaced once the app runs.
//   - Whatever ended the event loop, Run closes the session again after
//     ShowAndRun returns (a second Close does nothing).
//
// And a watchdog: once a quit was asked for, the process exits at the
// latest quitGrace later, after the session's Close when it has begun
// (at most quitCloseWait more). Fyne's shutdown can hang: a function
// queued for the UI goroutine in the moment its event loop ends is never
// run, and a goroutine waiting on it (the lifecycle's event queue, which
// Run waits for) waits for ever; and a UI goroutine busy in a long
// redraw answers late. Every edit is saved when it is made (one
// transaction each), so exiting then loses nothing.

// quitGrace is how long a quit may take before the watchdog ends the
// process.
const quitGrace = time.Second

// quitCloseWait is how much longer the watchdog waits for a session Close
// that has begun (the boundaries' write, at most one transaction).
const quitCloseWait = 2 * time.Second

// quitter ends the app: see the comment above.
type quitter struct {
	// exit ends the process (os.Exit; tests record the status).
	exit func(int)
	// grace and closeWait are quitGrace and quitCloseWait (tests shorten
	// them).
	grace, closeWait time.Duration

	mu sync.Mutex
	// asked is set when a quit was asked for (the watchdog runs).
	asked bool
	// closing is set when the session's Close has begun, closed is closed
	// when it has ended.
	closing bool
	closed  chan struct{}
	// win is the window to quit, nil until it is built (a signal before
	// then ends the process at once: nothing has been shown or edited).
	win *Window
	// sigs receives SIGINT and SIGTERM (catchSignals).
	sigs chan os.Signal
}

// processQuitter is the app's quitter (Run's); CatchSignals starts its
// signal handling at the very start of main.
var processQuitter = newQuitter()

// CatchSignals makes SIGINT and SIGTERM quit the app cleanly from now on
// (main calls it first: a shell that starts the app in the background
// has it ignore SIGINT until a handler is set, and the database is opened
// before the window exists). Before the window is built a signal ends
// the process at once with status 1; after, it quits as Ctrl+Q does.
func CatchSignals() { processQuitter.catchSignals() }

// newQuitter returns a quitter that ends the process with os.Exit.
func newQuitter() *quitter {
	return &quitter{exit: os.Exit, grace: quitGrace, closeWait: quitCloseWait, closed: make(chan struct{})}
}

// setWindow makes win the window a quit closes (UI goroutine).
func (q *quitter) setWindow(win *Window) {
	q.mu.Lock()
	q.win = win
	q.mu.Unlock()
	win.quit = q
}

// catchSignals starts catching SIGINT and SIGTERM. Called again once the
// app runs (takeSignals), it also removes fyne's handler.
func (q *quitter) catchSignals() {
	if q.sigs != nil {
		return
	}
	q.sigs = make(chan os.Signal, 2)
	signal.Notify(q.sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		for range q.sigs {
			q.onSignal()
		}
	}()
}

// takeSignals makes the quitter the only handler of SIGINT and SIGTERM:
// signal.Reset removes every handler (fyne's too, which its driver set
// when the app began to run), then the quitter's is set again.
func (q *quitter) takeSignals() {
	signal.Reset(syscall.SIGINT, syscall.SIGTERM)
	signal.Notify(q.sigs, syscall.SIGINT, syscall.SIGTERM)
}

// onSignal quits on SIGINT or SIGTERM (signal goroutine): the window's
// Quit on the UI goroutine, the watchdog meanwhile. Before the window is
// built the process ends at once.
func (q *quitter) onSignal() {
	q.mu.Lock()
	win := q.win
	q.mu.Unlock()
	q.watch()
	if win == nil {
		q.exit(1)
		return
	}
	fyne.Do(win.Quit)
}

// watch starts the watchdog, once: quitGrace after the first quit asked
// for, the process exits (waiting up to closeWait for a Close that has
// begun to end).
func (q *quitter) watch() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.asked {
		return
	}
	q.asked = true
	time.AfterFunc(q.grace, func() {
		q.mu.Lock()
		closing := q.closing
		q.mu.Unlock()
		if closing {
			select {
			case <-q.closed:
			case <-time.After(q.closeWait):
			}
		}
		q.exit(0)
	})
}

// closeSession closes ses once (UI goroutine, or the main goroutine after
// the event loop ended) and reports the end to the watchdog.
func (q *quitter) closeSession(ses *Session) {
	q.mu.Lock()
	if q.closing {
		q.mu.Unlock()
		return
	}
	q.closing = true
	q.mu.Unlock()
	defer close(q.closed)
	if err := ses.Close(); err != nil {
		fyne.LogError("closing the database", err)
	}
}

// Quit ends the app as Ctrl+Q, the Portfolio menu's Quit, the window's
// close button and SIGINT/SIGTERM do (UI goroutine): the field being
// edited is saved (it loses the focus, as leaving it saves it), then the
// window closes, its session with it, and the app ends. The watchdog
// ends the process quitGrace later if fyne's shutdown has not.
func (w *Window) Quit() {
	if w.quit != nil {
		w.quit.watch()
	}
	if c := w.win.Canvas(); c != nil && c.Focused() != nil {
		c.Unfocus()
	}
	w.win.Close()
}

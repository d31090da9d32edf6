package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/ui/format"
)

// processStart is when the process started, for the smoke mode's
// start-up figure.
var processStart = time.Now()

// Run builds the main window on a, shows it and runs the app until it quits.
// It returns the process exit status: in smoke mode 0 once the first frame
// has been shown, 1 when anything failed on the way.
func Run(a fyne.App, w fyne.Window, cfg Config) int {
	status := 0
	// SIGINT and SIGTERM quit cleanly from here on (quit.go; main may
	// have started catching them already).
	q := processQuitter
	q.catchSignals()
	// The window and the list come first: the portfolio is valued after
	// the window is shown (startValuing), its values filled in when done.
	ses, err := openSession(a, cfg.DBPath, true)
	if err != nil {
		if cfg.Smoke {
			fmt.Fprintln(os.Stderr, "optionspace:", err)
			return 1
		}
		restored := false
		showFatal(a, w, err, func() {
			// The damaged file was restored from its backup: open it.
			ses, err := OpenSession(a, cfg.DBPath)
			if err != nil {
				showFatal(a, w, err, nil)
				return
			}
			restored = true
			startWindowWith(a, w, ses, cfg, q)
		})
		w.ShowAndRun()
		if restored {
			return 0
		}
		return 1
	}
	win := startWindowWith(a, w, ses, cfg, q)
	if cfg.Select != "" {
		if err := win.SelectByName(cfg.Select); err != nil {
			fmt.Fprintln(os.Stderr, "optionspace:", err)
			if cfg.Smoke {
				return 1
			}
		}
	}
	if cfg.View != "" {
		if err := win.ShowView(cfg.View); err != nil {
			fmt.Fprintln(os.Stderr, "optionspace:", err)
			if cfg.Smoke {
				return 1
			}
		}
	}
	// One start hook (SetOnStarted keeps only the last): wait for the
	// first frame, then value; the tour, or in smoke mode the figures and
	// quit, follow.
	a.Lifecycle().SetOnStarted(func() {
		q.takeSignals() // fyne's handler is set by now
		go func() {
			first, ok := waitFirstFrame(w)
			q.takeSignals() // and surely by now (its goroutine starts with the driver)
			if !ok {
				fmt.Fprintln(os.Stderr, "optionspace: smoke: no frame within 60 s")
				status = 1
				fyne.Do(a.Quit)
				return
			}
			if cfg.Smoke {
				fmt.Printf("optionspace: smoke: first frame %d ms after start\n", first.Milliseconds())
			}
			fyne.Do(func() {
				startValuing(win, func(err error) {
					if cfg.Smoke {
						if err != nil {
							fmt.Fprintln(os.Stderr, "optionspace:", err)
							status = 1
						} else {
							fmt.Printf("optionspace: smoke: values shown %d ms after start\n", time.Since(processStart).Milliseconds())
						}
						a.Quit()
						return
					}
					if !cfg.NoTour {
						win.firstRun()
					}
				})
			})
		}()
	})
	w.ShowAndRun()
	// However the event loop ended (a signal fyne caught first, the smoke
	// mode's quit), the session is closed; after Quit this does nothing.
	q.closeSession(ses)
	return status
}

// valuingText is the status line while a portfolio is valued.
func valuingText(n int) string {
	return "Valuing " + format.Count(n, "initiative", "initiatives") + "…"
}

// valuingStatus is the status line's part while the portfolio is valued:
// "Valuing 1,000 initiatives… 40%", the share of initiatives priced so far
// (rounded down: 100% only when all are), then, while the links, totals
// and drift are worked out, "… 100% · linking…" (at 10,000 initiatives
// that stage takes seconds, and a bare 100% looked stuck).
func valuingStatus(ses *Session) string {
	text := valuingText(len(ses.Portfolio.Initiatives))
	if done, total := ses.ValuingProgress(); total > 0 {
		text += " " + format.PercentN(float64(done*100/total)/100, 0)
		if done == total {
			text += " · linking…"
		}
	}
	return text
}

// startValuing values the window's portfolio off the UI goroutine when
// it is still pending (the status line says "Valuing N initiatives… 40%"),
// fills the list's rows in as their values arrive, the other views when
// all have, and then calls done (UI goroutine) with nil, or with the error
// also shown in a dialog.
func startValuing(win *Window, done func(error)) {
	watchProgress(win)
	win.refreshStatus()
	win.ses.ValueInBackground(func(err error) {
		if err != nil {
			win.showError(err)
		}
		win.refreshStatus()
		done(err)
	})
}

// watchProgress shows each chunk of values of the background valuation as
// it arrives: the status line's share and the list's rows, updated in
// place (the selection and the scroll stay).
func watchProgress(win *Window) {
	win.ses.OnProgress(func() {
		win.refreshStatus()
		win.list.refresh()
		// The map's and the invest chart's own "Valuing…" say the same.
		for _, v := range win.shown {
			if p, ok := v.(interface{ showProgress() }); ok {
				p.showProgress()
			}
		}
	})
}

// startWindow builds the main window on ses and watches the database for
// changes made by another process (the CLI, another window), reloading
// the portfolio when one comes. Closing the window closes the session.
func startWindow(a fyne.App, w fyne.Window, ses *Session, cfg Config) *Window {
	q := newQuitter()
	q.exit = func(int) {} // a test's process is not ended
	return startWindowWith(a, w, ses, cfg, q)
}

// startWindowWith is startWindow with the quitter that ends the app
// (quit.go): Ctrl+Q, the menu's Quit and the window's close button quit
// through it, SIGINT and SIGTERM once it has the window.
func startWindowWith(a fyne.App, w fyne.Window, ses *Session, cfg Config, q *quitter) *Window {
	win := newWindowThemed(a, w, ses, cfg.Theme)
	q.setWindow(win)
	// The window opens at its last size or a share of the screen
	// (windowsize.go) and never changes its own size after. When it is
	// shown already (the damaged-database dialog's small window, before
	// "Restore from backup" opens the portfolio here), it takes that size
	// before the content goes in: set into the small window, the content
	// made Fyne ask for its minimum size first (776x413), and a frame that
	// saw that size asked for it again after our own resize, so the
	// window was left that small (D3, about every second try).
	size := initialWindowSize(a, w)
	if w.Content() != nil {
		w.Resize(size)
	}
	w.SetContent(win.Content())
	w.Resize(size)
	stop := ses.Store().Watch(func(what string) {
		fyne.Do(func() {
			if err := ses.reload(); err != nil {
				win.showError(err)
				return
			}
			win.setStatus("Reloaded: " + what)
		})
	}, func(what string) {
		fyne.Do(func() { win.setStatus(what) })
	})
	// The close button quits as Ctrl+Q does (the edited field is saved
	// first); the window's end closes the session.
	w.SetCloseIntercept(win.Quit)
	w.SetOnClosed(func() {
		rememberWindowSize(a, w)
		stop()
		q.closeSession(ses)
	})
	if f, ok := ses.Store().(storage.File); ok {
		if warn := f.Warning(); warn != "" {
			if b := store.NewestBackup(f.Path()); b != "" {
				warn += "\n\nThe newest valid backup is " + b + "."
			}
			win.showDialog(dialog.NewInformation("Something was found when opening the database", warn, w)) // Escape: OK
		}
	}
	if ses.Store().ReadOnly() {
		win.setStatus(readOnlyMessage)
	}
	return win
}

// waitFirstFrame waits (off the UI goroutine) until the window's canvas
// has a size (it has been laid out and shown) and lets two more turns of
// the event loop pass so a frame is painted. It returns the time since the
// process started, and false when no frame came within 60 s.
func waitFirstFrame(w fyne.Window) (time.Duration, bool) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ready bool
		fyne.DoAndWait(func() { ready = w.Canvas().Size().Width > 0 && w.Content().Visible() })
		if ready {
			break
		}
		if time.Now().After(deadline) {
			return 0, false
		}
		time.Sleep(20 * time.Millisecond)
	}
	fyne.DoAndWait(func() {})
	fyne.DoAndWait(func() {})
	return time.Since(processStart), true
}

// DefaultDBPath returns the app's own database: store.DefaultPath, the
// resolver the CLI shares ($OPTIONSPACE_DB, else the Fyne storage folder of
// AppID), or DatabaseFile in a's storage folder when a has another ID (tests).
func DefaultDBPath(a fyne.App) string {
	if a.UniqueID() == AppID || os.Getenv("OPTIONSPACE_DB") != "" {
		return store.DefaultPath()
	}
	return filepath.Join(a.Storage().RootURI().Path(), DatabaseFile)
}

// OpenSession opens the database at path (the app's own when empty) and
// values its first portfolio. A new database gets the SCRM sample
// portfolio, so first run opens on it.
func OpenSession(a fyne.App, path string) (*Session, error) { return openSession(a, path, false) }

// openSession is OpenSession; with pending the portfolio is not valued
// yet (NewSessionPending: the caller runs ValueInBackground).
func openSession(a fyne.App, path string, pending bool) (*Session, error) {
	if path == "" {
		path = DefaultDBPath(a)
	}
	if storage.IsPostgres(path) {
		return openShared(path, storage.UserName(a.Preferences().String(PrefUserName)), pending)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder for the database %s: %w", path, err)
	}
	s, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
	}
	// Seeded, not created: the first portfolio is not an undo step (Undo
	// at first start must not take the sample away).
	return sessionWithSample(storage.File{Store: s}, s.Seed, pending)
}

// sessionWithSample opens b's first portfolio (newSession), after putting
// the bundled sample portfolio in with add when b holds none and add is
// not nil. b is closed when anything fails.
func sessionWithSample(b storage.Backend, add func(*model.Portfolio) error, pending bool) (*Session, error) {
	ses, err := func() (*Session, error) {
		list, err := b.List()
		if err != nil {
			return nil, err
		}
		if len(list) == 0 && add != nil {
			p, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
			if err != nil {
				return nil, fmt.Errorf("the bundled sample portfolio is invalid: %w", err)
			}
			if err := add(p); err != nil {
				return nil, err
			}
		}
		return newSession(b, pending)
	}()
	if err != nil {
		b.Close()
		return nil, err
	}
	return ses, nil
}

// newSession opens b's first portfolio, valued now or, with pending, later
// (NewSessionPending).
func newSession(b storage.Backend, pending bool) (*Session, error) {
	if pending {
		return NewSessionPending(b, "")
	}
	return NewSessionOn(b, "")
}

// showFatal shows why the database could not be opened, with the way
// out. A damaged file with a valid backup gets "Restore from backup",
// which puts the backup in place (the damaged file is kept aside, never
// overwritten or deleted) and then calls reopen.
func showFatal(a fyne.App, w fyne.Window, err error, reopen func()) {
	msg := err.Error()
	var damaged *store.DamagedError
	canRestore := false
	switch {
	case errors.Is(err, store.ErrLocked):
		msg += "\n\nAnother Option Space window or a script kept the file busy. Wait until it has finished, then start Option Space again."
	case errors.As(err, &damaged):
		if damaged.Backup != "" && reopen != nil {
			canRestore = true
			msg = fmt.Sprintf("The portfolio database %s cannot be read (%v).\n\nThe newest valid backup is %s. Restore from backup puts it in place; the damaged file is kept beside it, renamed, and is never overwritten or deleted.",
				damaged.Path, damaged.Err, damaged.Backup)
		}
	}
	// The message is said once, in the dialog, wrapped in a box of fixed
	// width (a wrapped label alone as the window's content made the window
	// taller than the screen).
	w.SetContent(container.NewCenter(widget.NewLabelWithStyle("Option Space", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})))
	w.Resize(fyne.NewSize(640, 360))
	if !canRestore {
		d := dialog.NewCustom("Option Space cannot open its database", "Quit", messageBox(msg), w)
		d.SetOnClosed(a.Quit)
		a.Lifecycle().SetOnStarted(func() { fyne.Do(d.Show) })
		return
	}
	d := dialog.NewCustomConfirm("The portfolio database is damaged", "Restore from backup", "Quit", messageBox(msg), func(ok bool) {
		if !ok {
			a.Quit()
			return
		}
		r, err := restoreDamaged(damaged.Path)
		if err != nil {
			showFatal(a, w, err, nil)
			fyne.Do(func() { dialog.ShowError(err, w) })
			return
		}
		reopen()
		dialog.ShowInformation("Restored", fmt.Sprintf("Restored from %s.\nThe damaged file is kept as %s.", r.From, r.KeptAs), w)
	}, w)
	a.Lifecycle().SetOnStarted(func() { fyne.Do(d.Show) })
}

// restoreDamaged puts the newest valid backup of path in place
// (store.Restore).
func restoreDamaged(path string) (store.Restored, error) { return store.Restore(path, "") }

// messageBox shows a long message wrapped at a fixed width, scrolling when
// it is taller than the box.
func messageBox(msg string) fyne.CanvasObject {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	return container.NewGridWrap(fyne.NewSize(520, 180), container.NewVScroll(l))
}

// openShared opens a PostgreSQL database shared by a team. A database that
// holds no portfolio yet gets the SCRM sample (as one undoable action).
// user is recorded with every action (the OS user name when empty).
func openShared(url, user string, pending bool) (*Session, error) {
	b, err := storage.Open(url, storage.Options{User: user})
	if err != nil {
		return nil, err
	}
	add := b.Create
	if b.ReadOnly() {
		add = nil
	}
	return sessionWithSample(b, add, pending)
}

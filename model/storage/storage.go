// Package storage opens a portfolio database by its address, a bbolt file
// path (model/store) or a postgres:// URL (model/store/pgstore), behind one
// interface, so that the desktop app and every CLI command work on either.
package storage

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/store/pgstore"
)

// Backend is what the app and the CLI need of a portfolio database. Every
// write is one transaction; Undo and Redo step through the history (in
// PostgreSQL, the user's own actions).
type Backend interface {
	List() ([]store.Summary, error)
	Load(name string) (*model.Portfolio, error)
	Create(p *model.Portfolio) error
	Apply(name, label string, edit func(p *model.Portfolio) error) (*model.Portfolio, error)
	Rename(old, new string) error
	Duplicate(name, newName string) error
	Delete(name string) error
	Undo() (string, error)
	Redo() (string, error)
	// UndoStep and RedoStep take the step PeekUndo or PeekRedo returned
	// only if it is still the next one, in the transaction that takes it;
	// otherwise (another window, process or session of the user took or
	// added a step since) they change nothing and return an error that
	// is store.ErrStepChanged. Front ends take the step they showed with
	// them; Undo and Redo take whatever step is next.
	UndoStep(want store.Step) (string, error)
	RedoStep(want store.Step) (string, error)
	CanUndo() (string, bool)
	CanRedo() (string, bool)
	// PeekUndo and PeekRedo describe the step Undo or Redo would take,
	// with the whole portfolios it would remove.
	PeekUndo() (store.Step, bool)
	PeekRedo() (store.Step, bool)
	Close() error
	// Recent lists the newest actions (at most n), newest first, with who
	// took each (PostgreSQL; "" for a file, which has one user).
	Recent(n int) ([]Action, error)
	// Address is the file path or the URL (password hidden).
	Address() string
	// ReadOnly reports whether writes are refused (a read-only open, or a
	// PostgreSQL role that may only read).
	ReadOnly() bool
	// Watch calls changed (from another goroutine) when another process
	// or user changed the database (reload then), and lost when the
	// connection to a database server was lost (it reconnects by itself
	// and then calls changed), until stop is called.
	Watch(changed, lost func(what string)) (stop func())
}

// Action is one entry of a database's history.
type Action struct {
	Label  string
	Who    string
	At     time.Time
	Undone bool
}

// DecisionActors is what a shared database adds: who recorded each
// decision of a portfolio (by decision ID), from its history. PG has it;
// a file has one user and does not.
type DecisionActors interface {
	DecisionActors(portfolio string) (map[string]Action, error)
}

// Options configure Open.
type Options struct {
	ReadOnly bool
	// BackupAtFirstWrite: a file's backups rotate at its first write, not
	// at Open, so that a refused write changes nothing on disk
	// (store.Options.BackupAtFirstWrite; PostgreSQL has no file backups).
	BackupAtFirstWrite bool
	// User is recorded with every action in PostgreSQL (the OS user name
	// when empty).
	User string
}

// DefaultUser is the name recorded with actions when none is given:
// $OPTIONSPACE_USER when set, else the OS user name (the CLI's).
func DefaultUser() string { return pgstore.DefaultUser() }

// UserName is the app's name for the user: $OPTIONSPACE_USER when set,
// else pref (the "Your name" preference) when not blank, else the OS user
// name. Actions in a shared database are recorded under it, and the
// decision form proposes it as who decided.
func UserName(pref string) string {
	if u := strings.TrimSpace(os.Getenv("OPTIONSPACE_USER")); u != "" {
		return u
	}
	if u := strings.TrimSpace(pref); u != "" {
		return u
	}
	return DefaultUser()
}

// IsPostgres reports whether addr names a PostgreSQL database.
func IsPostgres(addr string) bool { return pgstore.IsURL(addr) }

// Open opens the database at addr.
func Open(addr string, opt Options) (Backend, error) {
	if pgstore.IsURL(addr) {
		s, err := pgstore.Open(context.Background(), addr, pgstore.Options{ReadOnly: opt.ReadOnly, User: opt.User})
		if err != nil {
			return nil, err
		}
		return PG{s}, nil
	}
	s, err := store.Open(addr, store.Options{ReadOnly: opt.ReadOnly, BackupAtFirstWrite: opt.BackupAtFirstWrite})
	if err != nil {
		return nil, err
	}
	return File{s, opt.ReadOnly}, nil
}

// File is a bbolt file behind Backend.
type File struct {
	*store.Store
	readOnly bool
}

// Address returns the file's path.
func (f File) Address() string { return f.Path() }

// ReadOnly reports whether the file was opened read-only, or is a file
// the store may not write (store.Store.ReadOnly).
func (f File) ReadOnly() bool { return f.readOnly || f.Store.ReadOnly() }

// Recent lists the file's undo history (and undone steps), newest first.
func (f File) Recent(n int) ([]Action, error) {
	undo, redo, err := f.History()
	if err != nil {
		return nil, err
	}
	var out []Action
	for i := len(redo) - 1; i >= 0; i-- {
		out = append(out, Action{Label: redo[i].Label, At: redo[i].Time, Undone: true})
	}
	for _, s := range undo {
		out = append(out, Action{Label: s.Label, At: s.Time})
	}
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Watch polls the file for changes by other processes.
func (f File) Watch(changed, _ func(string)) func() {
	return f.Store.Watch(time.Second, func() { changed("the database was changed by another program") })
}

// PG is a PostgreSQL database behind Backend.
type PG struct{ *pgstore.Store }

// Address returns the URL with any password hidden.
func (p PG) Address() string { return p.URL() }

// List returns the portfolios.
func (p PG) List() ([]store.Summary, error) {
	l, err := p.Store.List()
	if err != nil {
		return nil, err
	}
	out := make([]store.Summary, len(l))
	for i, s := range l {
		out[i] = store.Summary{Name: s.Name, Initiatives: s.Initiatives, AsOf: s.AsOf, Modified: s.UpdatedAt}
	}
	return out, nil
}

// Recent lists the newest actions of every user, newest first.
func (p PG) Recent(n int) ([]Action, error) {
	h, err := p.Store.History("", n)
	if err != nil {
		return nil, err
	}
	out := make([]Action, len(h))
	for i, a := range h {
		out[i] = Action{Label: a.Label, Who: a.Actor, At: a.At, Undone: a.Undone}
	}
	return out, nil
}

// DecisionActors returns who recorded each decision of the portfolio, by
// decision ID.
func (p PG) DecisionActors(portfolio string) (map[string]Action, error) {
	m, err := p.Store.DecisionActors(portfolio)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Action, len(m))
	for id, a := range m {
		out[id] = Action{Label: a.Label, Who: a.Actor, At: a.At}
	}
	return out, nil
}

// PeekUndo describes the user's action Undo would revert.
func (p PG) PeekUndo() (store.Step, bool) { return step(p.Store.PeekUndo()) }

// PeekRedo describes the action Redo would re-apply.
func (p PG) PeekRedo() (store.Step, bool) { return step(p.Store.PeekRedo()) }

// UndoStep undoes the user's action want (from PeekUndo) if it is still
// the next one (see Backend).
func (p PG) UndoStep(want store.Step) (string, error) { return p.Store.UndoStep(pgStep(want)) }

// RedoStep redoes the action want (from PeekRedo) if it is still the next
// one.
func (p PG) RedoStep(want store.Step) (string, error) { return p.Store.RedoStep(pgStep(want)) }

// pgStep is the step st (from step) as pgstore names it: its label and,
// from the ID, its number (0, by label only, when st has no ID).
func pgStep(st store.Step) pgstore.Step {
	seq, _ := strconv.ParseInt(st.ID, 10, 64)
	return pgstore.Step{Seq: seq, Label: st.Label}
}

func step(st pgstore.Step, ok bool) (store.Step, bool) {
	out := store.Step{Label: st.Label, Time: st.At, ID: strconv.FormatInt(st.Seq, 10)}
	for name, n := range st.Removes {
		out.Removes = append(out.Removes, store.Removal{Portfolio: name, Initiatives: n})
	}
	return out, ok
}

// Watch listens for other users' changes (LISTEN/NOTIFY).
func (p PG) Watch(changed, lost func(string)) func() {
	ctx, cancel := context.WithCancel(context.Background())
	me := p.User()
	go func() {
		_ = p.Store.Watch(ctx, "", func(c pgstore.Change) {
			switch {
			case c.Label == pgstore.Reconnected:
				changed("reconnected to PostgreSQL")
			case c.Actor != me:
				changed(c.Actor + ": " + c.Label)
			}
		}, func(err error) {
			if lost != nil {
				lost("lost the connection to PostgreSQL (" + err.Error() + "); reconnecting — edits are refused until it is back")
			}
		})
	}()
	return cancel
}

package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/workbook"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Session is the bridge between the domain and the widgets: it holds the
// open database, the current portfolio and its valuation, saves every edit
// as one undoable action and tells the screens when anything changed.
//
// A Session is used from the UI goroutine only; long work copies what it
// needs and reports back through fyne.Do.
type Session struct {
	store storage.Backend
	// Portfolio is the current portfolio as saved; never edit it in place:
	// use Apply.
	Portfolio *model.Portfolio
	// Valuation is the current portfolio's valuation.
	Valuation *portfolio.Valuation
	// saved is the portfolio as saved; it differs from Portfolio while a
	// preview is shown.
	saved    *model.Portfolio
	savedVal *portfolio.Valuation
	// engine holds the saved portfolio's valuation and applies each saved
	// edit incrementally (SetDriver, SetInput, SetLink).
	engine *portfolio.Engine
	// Impact is what the last saved edit moved; nil after an open, undo
	// or redo.
	Impact *portfolio.Impact
	// Selected is the ID of the selected initiative, "" for none.
	Selected string
	// none is set when the database holds no portfolio any more (the
	// undo of the last one's creation): Portfolio is then an empty
	// stand-in with the gone one's name and date, which nothing is saved
	// to (NoPortfolio).
	none bool

	listeners []func(Change)
	// valuing is the portfolio being valued off the UI goroutine
	// (ValueInBackground), nil when none is; valued is called on the UI
	// goroutine when the valuation is shown.
	valuing *model.Portfolio
	valued  func(error)
	// run is the background valuation running (session_stream.go): its
	// cancel and the rows filled in as its chunks arrive; progressed is
	// told when they do (OnProgress).
	run        *valuingRun
	progressed func()
	// spawn runs the valuation's goroutine (go f() when nil; tests run
	// it on their own goroutine, as fyne/test runs fyne.Do at once).
	spawn func(f func())
	// closed is set by Close: a valuation's chunks and result that still
	// arrive are dropped (at shutdown fyne runs a late fyne.Do on the
	// caller's goroutine, the window already gone).
	closed atomic.Bool
	// undo and redo cache CanUndo and CanRedo until the next
	// ChangedPortfolio (each read is a transaction of the store: an open
	// of the file, or a round trip to PostgreSQL; the file store reads the
	// step's label without decoding the action, BenchmarkPeekUndoImport10000).
	undo, redo struct {
		label     string
		ok, known bool
	}
}

// ErrPending is returned by what needs the values (a decision, a snapshot)
// while the portfolio is still being valued at start-up.
var ErrPending = errors.New("the portfolio is still being valued: try again in a moment")

// Change says what changed, so screens redraw only what they must.
type Change int

// The kinds of change.
const (
	// ChangedPortfolio: another portfolio was opened, or the current one
	// was edited, undone or redone.
	ChangedPortfolio Change = iota
	// ChangedSelection: another initiative was selected.
	ChangedSelection
	// ChangedPreview: unsaved values are being previewed (a driver is
	// being dragged); the portfolio and valuation show them.
	ChangedPreview
)

// NewSession opens the named portfolio of s, or the first one when name is
// empty.
func NewSession(s *store.Store, name string) (*Session, error) {
	return NewSessionOn(storage.File{Store: s}, name)
}

// NewSessionOn opens the portfolio name (the first one when empty) of any
// database, a file or PostgreSQL.
func NewSessionOn(s storage.Backend, name string) (*Session, error) {
	ses, err := NewSessionPending(s, name)
	if err != nil {
		return nil, err
	}
	// As open and the background valuation do: the kept boundaries are
	// not solved again (setPortfolio keeps the new ones).
	loadBoundaries(s)
	if err := ses.setPortfolio(ses.saved); err != nil {
		return nil, err
	}
	return ses, nil
}

// NewSessionPending opens the portfolio name (the first one when empty)
// without valuing it: the session shows the portfolio with an empty
// valuation (Pending) until ValueInBackground has run, so the window can
// be shown first.
func NewSessionPending(s storage.Backend, name string) (*Session, error) {
	ses := &Session{store: s}
	if name == "" {
		list, err := s.List()
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, errors.New("the database holds no portfolio")
		}
		name = list[0].Name
	}
	p, err := s.Load(name)
	if err != nil {
		return nil, err
	}
	ses.showPending(p)
	return ses, nil
}

// showPending shows p, as saved, without values: an empty valuation as of
// its date, in which no initiative has a result (Valuation.ByID is nil).
func (s *Session) showPending(p *model.Portfolio) {
	v := &portfolio.Valuation{AsOf: p.AsOf}
	s.engine, s.Impact = nil, nil
	s.Portfolio, s.Valuation, s.saved, s.savedVal = p, v, p, v
}

// Pending reports whether the current portfolio is shown without its
// values because its valuation is still running (ValueInBackground).
func (s *Session) Pending() bool { return s.engine == nil }

// ValueInBackground values the current portfolio on a goroutine and, on
// the UI goroutine (fyne.Do), shows the values, tells the listeners
// (ChangedPortfolio) and calls done with nil, or with the error when the
// portfolio cannot be valued. The values come in chunks: each
// initiative's stand-alone values fill PendingRows as they arrive
// (OnProgress is told, ValuingProgress counts them), the totals, links
// and map when all are done. A portfolio saved meanwhile (an edit made
// while the values were pending) cancels the running valuation and is
// valued instead; an Open, Undo or Redo meanwhile cancels it and values
// synchronously. It does nothing but call done when the session is
// not Pending.
func (s *Session) ValueInBackground(done func(error)) {
	if done == nil {
		done = func(error) {}
	}
	if !s.Pending() {
		done(nil)
		return
	}
	s.valued = done
	s.startValuing(s.saved)
}

// startValuing values p on a goroutine, in chunks (portfolio.NewEngineStream)
// whose stand-alone values fill PendingRows as they arrive, cancelling the
// valuation running before, if any.
func (s *Session) startValuing(p *model.Portfolio) {
	s.cancelValuing()
	ctx, cancel := context.WithCancel(context.Background())
	run := &valuingRun{p: p, cancel: cancel, rows: portfolio.Inputs(p), valued: map[string]bool{}}
	s.valuing, s.run = p, run
	spawn := s.spawn
	if spawn == nil {
		spawn = func(f func()) { go f() }
	}
	spawn(func() {
		loadBoundaries(s.store)
		en, err := portfolio.NewEngineStream(ctx, p, portfolio.Options{WithLinks: true}, 0,
			func(pr portfolio.Progress) { run.post(s, pr) })
		keepBoundaries(s.store)
		fyne.Do(func() { s.finishValuing(p, en, err) })
	})
}

// finishValuing shows the background valuation of p (UI goroutine). A
// valuation that was replaced (an edit meanwhile started another) is
// dropped; one cancelled or of a portfolio edited since is done again.
func (s *Session) finishValuing(p *model.Portfolio, en *portfolio.Engine, err error) {
	if s.closed.Load() || s.valuing != p {
		return
	}
	s.valuing = nil
	if s.run != nil {
		s.run.cancel()
		s.run = nil
	}
	done := s.valued
	switch {
	case !s.Pending():
		// Valued synchronously meanwhile (another portfolio opened).
	case s.saved != p || errors.Is(err, context.Canceled):
		s.startValuing(s.saved) // edited meanwhile
		return
	case err != nil:
		err = fmt.Errorf("valuing %q: %w", p.Name, err)
	default:
		s.engine = en
		s.show(p)
		s.notify(ChangedPortfolio)
	}
	s.valued = nil
	if done != nil {
		done(err)
	}
}

// Close ends the session (UI goroutine, at quit): the background
// valuation, if one runs, is cancelled and its results dropped, the
// solved boundaries are written (flushBoundaries) and the database is
// closed. Every edit was saved when it was made; Close loses none. A
// second Close does nothing.
func (s *Session) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	s.cancelValuing()
	flushBoundaries(s.store)
	return s.store.Close()
}

// Store returns the open database.
func (s *Session) Store() storage.Backend { return s.store }

// OnChange registers f to be called after every change.
func (s *Session) OnChange(f func(Change)) { s.listeners = append(s.listeners, f) }

// OnPortfolioChange registers f to be called after every ChangedPortfolio
// change: the views that show the whole portfolio redraw on it, not on a
// new selection or a preview.
func (s *Session) OnPortfolioChange(f func()) {
	s.OnChange(func(c Change) {
		if c == ChangedPortfolio {
			f()
		}
	})
}

func (s *Session) notify(c Change) {
	if c == ChangedPortfolio {
		s.undo.known, s.redo.known = false, false
	}
	for _, f := range s.listeners {
		f(c)
	}
}

func (s *Session) open(name string) error {
	p, err := s.store.Load(name)
	if err != nil {
		return err
	}
	s.cancelValuing() // valued here: the background one is dropped
	loadBoundaries(s.store)
	if err := s.setPortfolio(p); err != nil {
		return err
	}
	s.none = false
	return nil
}

// NoPortfolio reports whether the database holds no portfolio (the last
// one's creation was undone): the window shows its empty state, and
// edits are refused until New, Import or a redo.
func (s *Session) NoPortfolio() bool { return s.none }

// errNoPortfolio is the refusal of an edit while the database holds no
// portfolio.
var errNoPortfolio = errors.New("no portfolio is open: make one with New… or Import…, or Ctrl+Shift+Z to redo")

// showNone shows the empty state: an empty stand-in for the portfolio
// that is gone, with its name and date, nothing selected.
func (s *Session) showNone() error {
	gone := s.Portfolio
	p := &model.Portfolio{Name: gone.Name, AsOf: gone.AsOf, Tags: append([]string(nil), gone.Tags...)}
	s.cancelValuing()
	if err := s.setPortfolio(p); err != nil {
		return err
	}
	s.none = true
	s.Selected = ""
	s.notify(ChangedPortfolio)
	return nil
}

// Open makes the named portfolio current.
func (s *Session) Open(name string) error {
	if err := s.open(name); err != nil {
		return err
	}
	s.Selected = ""
	s.notify(ChangedPortfolio)
	return nil
}

func (s *Session) setPortfolio(p *model.Portfolio) error {
	en, err := portfolio.NewEngine(p, portfolio.Options{WithLinks: true})
	keepBoundaries(s.store)
	if err != nil {
		return fmt.Errorf("valuing %q: %w", p.Name, err)
	}
	s.engine, s.Impact = en, nil
	s.show(p)
	return nil
}

// show makes p (as saved) and the engine's valuation current.
func (s *Session) show(p *model.Portfolio) {
	v := s.engine.Valuation().Clone()
	s.Portfolio, s.Valuation, s.saved, s.savedVal = p, v, p, v
}

// update brings the engine from the portfolio old to p, both as saved,
// with incremental updates when only driver values, the S, X, sigma or q
// of initiatives, or links changed; anything else is a full valuation.
func (s *Session) update(old, p *model.Portfolio) error {
	if s.Pending() {
		// Still being valued: show p without values; the background
		// valuation of the old portfolio is cancelled and p valued.
		s.Portfolio, s.saved, s.Valuation = p, p, s.savedVal
		s.Impact = nil
		if s.valuing != nil {
			s.startValuing(p)
		}
		return nil
	}
	if im, ok := s.incremental(old, p); ok {
		s.Impact = im
		s.show(p)
		return nil
	}
	before := s.savedVal
	if err := s.setPortfolio(p); err != nil {
		return err
	}
	s.Impact = portfolio.Compare(before, s.Valuation)
	return nil
}

// incremental applies the change from old to p to the engine, and reports
// false (the engine then needs a full valuation) when the change is not
// one it can apply step by step.
func (s *Session) incremental(old, p *model.Portfolio) (*portfolio.Impact, bool) {
	before := s.savedVal
	if !applyIncremental(s.engine, old, p) {
		return nil, false
	}
	return portfolio.Compare(before, s.engine.Valuation()), true
}

// applyIncremental brings en, holding old, to p with incremental updates
// (SetDriver, SetInput, SetLink) when only driver values, the S, X, sigma
// or q of initiatives, or links changed, and reports false when the change
// is anything else or an update failed: en must then be made again.
func applyIncremental(en *portfolio.Engine, old, p *model.Portfolio) bool {
	if old == nil || old.Name != p.Name || !old.AsOf.Equal(p.AsOf.Time) || old.Settings != p.Settings ||
		len(old.Drivers) != len(p.Drivers) || len(old.Initiatives) != len(p.Initiatives) {
		return false
	}
	drivers, ok := driverChanges(old, p)
	if !ok {
		return false
	}
	inputs, ok := inputChanges(old, p)
	if !ok {
		return false
	}
	added, removed := linkDiff(p.Links, old.Links), linkDiff(old.Links, p.Links)
	for _, d := range drivers {
		if _, err := en.SetDriver(d.Name, d.Value); err != nil {
			return false
		}
	}
	for _, in := range inputs {
		if _, err := en.SetInput(in.id, in.field, in.q); err != nil {
			return false
		}
	}
	for _, l := range removed {
		if _, err := en.SetLink(l, true); err != nil {
			return false
		}
	}
	for _, l := range added {
		if _, err := en.SetLink(l, false); err != nil {
			return false
		}
	}
	return true
}

// driverChanges returns the drivers of p whose value differs from old's
// (same length), and false when a driver was renamed or its range moved.
func driverChanges(old, p *model.Portfolio) ([]model.Driver, bool) {
	var out []model.Driver
	for i, d := range p.Drivers {
		o := old.Drivers[i]
		if o.Name != d.Name || o.Low != d.Low || o.High != d.High {
			return nil, false
		}
		if o.Value != d.Value {
			out = append(out, d)
		}
	}
	return out, true
}

// inputChange is one initiative input to set: "S", "X", "sigma" or "q".
type inputChange struct {
	id, field string
	q         model.Quantity
}

// inputChanges returns the S, X, sigma and q that changed from old to p
// (same length), and false when anything else of an initiative changed.
func inputChanges(old, p *model.Portfolio) ([]inputChange, bool) {
	var out []inputChange
	for i := range p.Initiatives {
		a, b := &old.Initiatives[i], &p.Initiatives[i]
		if a.Equal(b) {
			continue
		}
		c := *a
		c.S, c.X, c.Sigma, c.Leakage = b.S, b.X, b.Sigma, b.Leakage
		if !c.Equal(b) {
			return nil, false // more than the pricing inputs changed
		}
		for _, f := range []struct {
			field string
			x, y  model.Quantity
		}{{"S", a.S, b.S}, {"X", a.X, b.X}, {"sigma", a.Sigma, b.Sigma}, {"q", model.Number(a.Leakage), model.Number(b.Leakage)}} {
			if f.x != f.y {
				out = append(out, inputChange{b.ID, f.field, f.y})
			}
		}
	}
	return out, true
}

// linkDiff returns the links of a that are not in b.
func linkDiff(a, b []model.Link) []model.Link {
	in := make(map[model.Link]bool, len(b))
	for _, l := range b {
		in[l] = true
	}
	var out []model.Link
	for _, l := range a {
		if !in[l] {
			out = append(out, l)
		}
	}
	return out
}

// CanUndo returns the label of the action Undo would revert and whether
// there is one (storage.Backend.CanUndo), read from the store once per
// change of the portfolio: every save, undo, redo, open and reload tells
// the listeners ChangedPortfolio and reads it again, while a preview (a
// driver being dragged) does not read the store.
func (s *Session) CanUndo() (string, bool) {
	if !s.undo.known {
		s.undo.label, s.undo.ok = s.store.CanUndo()
		s.undo.known = true
	}
	return s.undo.label, s.undo.ok
}

// CanRedo returns the label of the action Redo would apply again and
// whether there is one (storage.Backend.CanRedo), read from the store once
// per change of the portfolio, as CanUndo.
func (s *Session) CanRedo() (string, bool) {
	if !s.redo.known {
		s.redo.label, s.redo.ok = s.store.CanRedo()
		s.redo.known = true
	}
	return s.redo.label, s.redo.ok
}

// Saved returns the current portfolio as saved (without any preview).
func (s *Session) Saved() *model.Portfolio { return s.saved }

// Apply saves edit as one undoable action labelled label (one store
// transaction) and revalues with one incremental engine update when the
// edit set drivers, inputs or links (else a full valuation); Impact then
// says what moved. When the edit leaves the portfolio invalid nothing is
// saved and the validation error is returned, each problem naming its
// field.
func (s *Session) Apply(label string, edit func(p *model.Portfolio) error) error {
	if s.none {
		return errNoPortfolio
	}
	p, err := s.store.Apply(s.Portfolio.Name, label, edit)
	if err != nil {
		return err
	}
	if err := s.update(s.saved, p); err != nil {
		return err
	}
	if s.Selected != "" && p.Initiative(s.Selected) == nil {
		s.Selected = ""
	}
	s.notify(ChangedPortfolio)
	return nil
}

// Select makes the initiative with the given ID the selected one.
func (s *Session) Select(id string) {
	if id == s.Selected {
		return
	}
	s.Selected = id
	s.notify(ChangedSelection)
}

// SelectedResult returns the valuation of the selected initiative, or nil.
func (s *Session) SelectedResult() *portfolio.InitiativeResult {
	if s.Selected == "" || s.Valuation == nil {
		return nil
	}
	return s.Valuation.ByID(s.Selected)
}

// Names returns the names of the database's portfolios.
func (s *Session) Names() ([]string, error) {
	list, err := s.store.List()
	if err != nil {
		return nil, err
	}
	names := make([]string, len(list))
	for i, p := range list {
		names[i] = p.Name
	}
	return names, nil
}

// reload re-reads the current portfolio after an undo or redo; when it no
// longer exists (a create or rename was undone) the first one is opened.
func (s *Session) reload() error {
	names, err := s.Names()
	if err != nil {
		return err
	}
	name := ""
	for _, n := range names {
		if n == s.Portfolio.Name {
			name = n
		}
	}
	if name == "" {
		if len(names) == 0 {
			return s.showNone()
		}
		name = names[0]
	}
	if err := s.open(name); err != nil {
		return err
	}
	if s.Selected != "" && s.Portfolio.Initiative(s.Selected) == nil {
		s.Selected = ""
	}
	s.notify(ChangedPortfolio)
	return nil
}

// Undo reverts the newest action (of any portfolio) and returns its label.
func (s *Session) Undo() (string, error) {
	label, err := s.store.Undo()
	if err != nil {
		return "", err
	}
	return label, s.reload()
}

// Redo re-applies the newest undone action and returns its label.
func (s *Session) Redo() (string, error) {
	label, err := s.store.Redo()
	if err != nil {
		return "", err
	}
	return label, s.reload()
}

// UndoStep reverts the action want (from PeekUndo) if it is still the
// newest (storage.Backend.UndoStep: another window may have taken or
// added a step since it was shown) and returns its label.
func (s *Session) UndoStep(want store.Step) (string, error) {
	label, err := s.store.UndoStep(want)
	if err != nil {
		return "", err
	}
	return label, s.reload()
}

// RedoStep re-applies the undone action want (from PeekRedo) if it is
// still the next one, as UndoStep.
func (s *Session) RedoStep(want store.Step) (string, error) {
	label, err := s.store.RedoStep(want)
	if err != nil {
		return "", err
	}
	return label, s.reload()
}

// Create stores p as a new portfolio and opens it.
func (s *Session) Create(p *model.Portfolio) error {
	if err := s.store.Create(p); err != nil {
		return err
	}
	return s.Open(p.Name)
}

// NewPortfolio creates an empty portfolio named name, as of asOf, and opens
// it. With scrm it has the SCRM stack's four layers as tags, else the one
// tag "general".
func (s *Session) NewPortfolio(name string, scrm bool, asOf model.Date) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("name: enter a name for the new portfolio")
	}
	p := model.NewSCRMTemplate(name, asOf)
	if !scrm {
		p.Tags = []string{"general"}
	}
	return s.Create(p)
}

// Rename renames the current portfolio.
func (s *Session) Rename(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("name: the new name is empty")
	}
	if name == s.Portfolio.Name {
		return nil
	}
	if err := s.store.Rename(s.Portfolio.Name, name); err != nil {
		return err
	}
	return s.Open(name)
}

// Duplicate copies the current portfolio under name and opens the copy.
func (s *Session) Duplicate(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("name: the copy's name is empty")
	}
	if err := s.store.Duplicate(s.Portfolio.Name, name); err != nil {
		return err
	}
	return s.Open(name)
}

// Delete deletes the current portfolio (undoable) and opens another one. The
// last portfolio cannot be deleted.
func (s *Session) Delete() error {
	names, err := s.Names()
	if err != nil {
		return err
	}
	if len(names) <= 1 {
		return errors.New("this is the only portfolio: create or import another before deleting it")
	}
	old := s.Portfolio.Name
	if err := s.store.Delete(old); err != nil {
		return err
	}
	for _, n := range names {
		if n != old {
			return s.Open(n)
		}
	}
	return nil
}

// UniqueName returns name, or name with " (2)", " (3)" ... appended when
// the database already has a portfolio of that name.
func (s *Session) UniqueName(name string) string {
	names, err := s.Names()
	if err != nil {
		return name
	}
	taken := map[string]bool{}
	for _, n := range names {
		taken[n] = true
	}
	if !taken[name] {
		return name
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s (%d)", name, i); !taken[c] {
			return c
		}
	}
}

// ImportJSON reads a portfolio file and stores it as a new portfolio (renamed
// when its name is taken), then opens it.
func (s *Session) ImportJSON(r io.Reader) error {
	p, err := model.ReadJSON(r)
	if err != nil {
		return err
	}
	if err := formulaErrors(p, 0); err != nil {
		return err
	}
	p.Name = s.UniqueName(p.Name)
	return s.Create(p)
}

// ImportXLSX reads an Excel workbook (model/workbook) and stores it as a
// new portfolio (renamed when its name is taken; named fallback when the
// workbook was not made by Option Space), then opens it. It returns the
// notes on what was ignored.
func (s *Session) ImportXLSX(r io.Reader, fallback string) ([]string, error) {
	imp, err := workbook.Read(r, workbook.Options{Fallback: fallback})
	if err != nil {
		return nil, err
	}
	p := imp.Portfolio
	p.Name = s.UniqueName(p.Name)
	return imp.Notes, s.Create(p)
}

// ExportXLSX writes the current portfolio as an Excel workbook.
func (s *Session) ExportXLSX(w io.Writer) error {
	return workbook.Write(w, s.saved)
}

// formulaErrors checks the formulas of p's initiatives from index from on
// as the inspector does: an import stores nothing that cannot be
// evaluated.
func formulaErrors(p *model.Portfolio, from int) error {
	var errs []error
	for _, fp := range portfolio.CheckFormulas(p) {
		if fp.Index >= from {
			errs = append(errs, fmt.Errorf("initiative %q: %w", p.Initiatives[fp.Index].Name, fp.Err))
		}
	}
	return errors.Join(errs...)
}

// ImportCSV reads an initiative table and adds its rows to the current
// portfolio as one action. Rows whose ID is taken get a new one; every
// problem (with its line and column) refuses the whole file.
func (s *Session) ImportCSV(r io.Reader) (int, error) {
	ins, err := model.ReadCSV(r)
	if err != nil {
		return 0, err
	}
	err = s.Apply(fmt.Sprintf("Import %d initiatives", len(ins)), func(p *model.Portfolio) error {
		from := len(p.Initiatives)
		for _, in := range ins {
			if in.ID == "" || p.Initiative(in.ID) != nil {
				in.ID = p.UniqueID(in.Name)
			}
			p.Initiatives = append(p.Initiatives, in)
		}
		return formulaErrors(p, from)
	})
	return len(ins), err
}

// Export writes the current portfolio as JSON, or its initiative table as
// CSV when csv is set.
func (s *Session) Export(w io.Writer, csv bool) error {
	if csv {
		return model.WriteCSV(w, s.saved)
	}
	return model.WriteJSON(w, s.saved)
}

// Preview shows p and its valuation without saving anything (a driver being
// dragged); the next Apply, Open, Undo or Redo replaces it with the saved
// state.
func (s *Session) Preview(p *model.Portfolio, v *portfolio.Valuation) {
	s.Portfolio, s.Valuation = p, v
	s.notify(ChangedPreview)
}

// Numbers returns the numbers of a valued initiative, as kept with
// decisions and snapshots.
func Numbers(r *portfolio.InitiativeResult) model.Numbers {
	return model.Numbers{S: r.S, X: r.X, T: r.T, Sigma: r.Sigma, Value: r.Position.Value, NPV: r.Position.NPV,
		NPVq: r.Position.NPVq, CumVol: r.Position.CumVol, Region: int(r.Position.Region)}
}

// RecordDecision logs a decision on the initiative id with the numbers of
// today's valuation. Investing or abandoning also sets the initiative's
// status.
func (s *Session) RecordDecision(id string, kind model.DecisionKind, rationale, who string) error {
	if s.Pending() {
		return ErrPending
	}
	r := s.Valuation.ByID(id)
	if r == nil {
		panic("ui: RecordDecision on an unknown initiative " + id)
	}
	if strings.TrimSpace(rationale) == "" {
		return errors.New("rationale: say why, so the decision can be reviewed later")
	}
	d := model.Decision{ID: model.NewID("dec"), Date: model.Today(), Initiative: id, Decision: kind,
		Rationale: strings.TrimSpace(rationale), Who: strings.TrimSpace(who), Numbers: Numbers(r)}
	return s.Apply(fmt.Sprintf("Decide %s: %s", kind, r.Name), func(p *model.Portfolio) error {
		p.Decisions = append(p.Decisions, d)
		in := p.Initiative(id)
		switch kind {
		case model.DecideInvest:
			in.Status = model.StatusInvested
		case model.DecideAbandon:
			in.Status = model.StatusAbandoned
		}
		return nil
	})
}

// TakeSnapshot freezes the current portfolio under label, with every
// initiative's numbers.
func (s *Session) TakeSnapshot(label string) error {
	label = strings.TrimSpace(label)
	if label == "" {
		return errors.New("label: name the snapshot, e.g. \"Q3 review\"")
	}
	if s.Pending() {
		return ErrPending
	}
	cur, val := s.saved, s.savedVal
	snap := model.Snapshot{ID: model.NewID("snap"), Label: label, Taken: model.Today(), AsOf: cur.AsOf,
		Settings: cur.Settings, Numbers: map[string]model.Numbers{}}
	c := cur.Clone()
	snap.Initiatives, snap.Drivers, snap.Links = c.Initiatives, c.Drivers, c.Links
	for i := range val.Initiatives {
		r := &val.Initiatives[i]
		if r.Err == nil {
			snap.Numbers[r.ID] = Numbers(r)
		}
	}
	return s.Apply("Snapshot "+label, func(p *model.Portfolio) error {
		p.Snapshots = append(p.Snapshots, snap)
		return nil
	})
}

// LogLearning records a research step on the initiative id. cost may be
// blank; otherwise it must be a non-negative amount.
func (s *Session) LogLearning(id, learned, cost string) error {
	in := s.Portfolio.Initiative(id)
	if in == nil {
		panic("ui: LogLearning on an unknown initiative " + id)
	}
	if strings.TrimSpace(learned) == "" {
		return errors.New("learned: say what the research showed")
	}
	e := model.LearningEntry{ID: model.NewID("learn"), Date: model.Today(), Initiative: id, Learned: strings.TrimSpace(learned)}
	if strings.TrimSpace(cost) != "" {
		c, err := parseAmount(cost)
		if err != nil || c < 0 {
			return fmt.Errorf("cost: %q is not an amount (e.g. 25k)", cost)
		}
		e.Cost = c
	}
	return s.Apply("Log learning on "+in.Name, func(p *model.Portfolio) error {
		p.Learning = append(p.Learning, e)
		return nil
	})
}

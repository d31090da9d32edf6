package ui

import (
	"errors"
	"fmt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// Session is the bridge between the domain and the widgets: it holds the
// open database, the current portfolio and its valuation, saves every edit
// as one undoable action and tells the screens when anything changed.
//
// A Session is used from the UI goroutine only; long work copies what it
// needs and reports back through fyne.Do.
type Session struct {
	store *store.Store
	// Portfolio is the current portfolio as saved; never edit it in place:
	// use Apply.
	Portfolio *model.Portfolio
	// Valuation is the current portfolio's valuation.
	Valuation *portfolio.Valuation
	// Selected is the ID of the selected initiative, "" for none.
	Selected string

	listeners []func(Change)
}

// Change says what changed, so screens redraw only what they must.
type Change int

// The kinds of change.
const (
	// ChangedPortfolio: another portfolio was opened, or the current one
	// was edited, undone or redone.
	ChangedPortfolio Change = iota
	// ChangedSelection: another initiative was selected.
	ChangedSelection
)

// NewSession opens the named portfolio of s, or the first one when name is
// empty.
func NewSession(s *store.Store, name string) (*Session, error) {
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
	if err := ses.open(name); err != nil {
		return nil, err
	}
	return ses, nil
}

// Store returns the open database.
func (s *Session) Store() *store.Store { return s.store }

// OnChange registers f to be called after every change.
func (s *Session) OnChange(f func(Change)) { s.listeners = append(s.listeners, f) }

func (s *Session) notify(c Change) {
	for _, f := range s.listeners {
		f(c)
	}
}

func (s *Session) open(name string) error {
	p, err := s.store.Load(name)
	if err != nil {
		return err
	}
	return s.setPortfolio(p)
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
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		return fmt.Errorf("valuing %q: %w", p.Name, err)
	}
	s.Portfolio, s.Valuation = p, v
	return nil
}

// Apply saves edit as one undoable action labelled label. When the edit
// leaves the portfolio invalid nothing is saved and the validation error is
// returned, each problem naming its field.
func (s *Session) Apply(label string, edit func(p *model.Portfolio) error) error {
	p, err := s.store.Apply(s.Portfolio.Name, label, edit)
	if err != nil {
		return err
	}
	if err := s.setPortfolio(p); err != nil {
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

package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
)

// Create stores a new portfolio as one undoable action. It refuses an
// existing name and an invalid portfolio.
func (s *Store) Create(p *model.Portfolio) error {
	return s.insert(p, func(tx *bolt.Tx, changes []change) error {
		return commitTx(tx, "create "+p.Name, changes)
	})
}

// insert validates p and, in one transaction that refuses an existing
// name, hands write the changes that add it to the file.
func (s *Store) insert(p *model.Portfolio, write func(tx *bolt.Tx, changes []change) error) error {
	if err := validate(p); err != nil {
		return err
	}
	recs, err := records(p)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if portfolioBucket(tx, p.Name) != nil {
			return fmt.Errorf("%w: %q", ErrExists, p.Name)
		}
		return write(tx, diffTx(tx, "", p.Name, recs))
	})
}

// Apply is one user action on the named portfolio: in one transaction it
// loads the portfolio, runs edit on it, validates the result (writing
// nothing when it is invalid), writes the keys that changed and records the
// action for undo under label. It returns the saved portfolio.
//
// When the file is still at the state this Store's previous Apply left it
// in (same transaction id and the portfolio's modified stamp), the
// portfolio is not decoded again but copied from that Apply; then only
// the items the edit changed (model.Diff) are validated for what they can
// break (model.Portfolio.ValidateEdit, the same answer as Validate),
// encoded, compared with the stored records and copied into the next
// Apply's copy.
func (s *Store) Apply(name, label string, edit func(p *model.Portfolio) error) (*model.Portfolio, error) {
	var saved *model.Portfolio
	err := s.update(func(tx *bolt.Tx) error {
		var p, old *model.Portfolio
		if c := s.cache; c != nil && c.name == name && c.txid == uint64(tx.ID())-1 {
			if pb := portfolioBucket(tx, name); pb != nil && string(pb.Get(kModified)) == c.modified {
				old, p = c.p, c.take()
			}
		}
		s.cache = nil
		if p == nil {
			var err error
			if p, err = loadTx(tx, name); err != nil {
				return err
			}
		}
		if err := edit(p); err != nil {
			return err
		}
		// The portfolio p was edited from is known decoded and valid: the
		// edit is validated and written item by item (model.Diff).
		var e model.Edit
		if old != nil {
			e = model.Diff(old, p)
		}
		if err := validateEdit(p, old, e); err != nil {
			return err
		}
		if p.Name != name && portfolioBucket(tx, p.Name) != nil {
			return fmt.Errorf("%w: %q", ErrExists, p.Name)
		}
		var changes []change
		if old != nil && p.Name == name {
			var err error
			if changes, err = diffCached(portfolioBucket(tx, name), p, e); err != nil {
				return err
			}
		} else {
			recs, err := records(p)
			if err != nil {
				return err
			}
			changes = diffTx(tx, name, p.Name, recs)
		}
		saved = p
		if err := commitTx(tx, label, changes); err != nil {
			return err
		}
		c := &applyCache{txid: uint64(tx.ID()), name: p.Name}
		if old != nil {
			// old is this Store's own copy, shared with nothing: it
			// becomes the copy of p by the items the edit changed.
			p.CopyEdit(old, e)
			c.p = old
		} else {
			c.p = p.Clone()
		}
		c.p.Version = model.FormatVersion
		c.p.Normalize()
		if pb := portfolioBucket(tx, p.Name); pb != nil {
			c.modified = string(pb.Get(kModified))
		}
		c.prepare()
		s.onCommit = func() { s.cache = c }
		return nil
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// applyCache is the portfolio as the last Apply saved it, decoded (as
// loadTx would return it), with the file's transaction id after that Apply
// and the portfolio's modified stamp.
//
// The next Apply edits a deep copy of p. prepare makes it on its own
// goroutine while the transaction commits (its fsync) and the caller goes
// on; take waits for it. Nothing writes p in between: only the next Apply
// does (CopyEdit), after take.
type applyCache struct {
	txid     uint64
	name     string
	modified string
	p        *model.Portfolio
	spare    *model.Portfolio // a deep copy of p, once ready is closed
	ready    chan struct{}
}

// prepare starts the copy of p for the next edit.
func (c *applyCache) prepare() {
	c.ready = make(chan struct{})
	go func() {
		c.spare = c.p.Clone()
		close(c.ready)
	}()
}

// take returns the copy of p prepared for this edit (or a new one), to be
// edited; it may be called once.
func (c *applyCache) take() *model.Portfolio {
	if c.ready == nil {
		return c.p.Clone()
	}
	<-c.ready
	q := c.spare
	c.spare, c.ready = nil, nil
	return q
}

// Rename renames a portfolio (undoable).
func (s *Store) Rename(old, new string) error {
	_, err := s.Apply(old, fmt.Sprintf("rename %s to %s", old, new), func(p *model.Portfolio) error {
		p.Name = new
		return nil
	})
	return err
}

// Duplicate copies a portfolio under a new name (undoable).
func (s *Store) Duplicate(name, newName string) error {
	return s.update(func(tx *bolt.Tx) error {
		p, err := loadTx(tx, name)
		if err != nil {
			return err
		}
		p.Name = newName
		if err := validate(p); err != nil {
			return err
		}
		if portfolioBucket(tx, newName) != nil {
			return fmt.Errorf("%w: %q", ErrExists, newName)
		}
		recs, err := records(p)
		if err != nil {
			return err
		}
		return commitTx(tx, fmt.Sprintf("duplicate %s as %s", name, newName), diffTx(tx, "", newName, recs))
	})
}

// Delete deletes a portfolio (undoable).
func (s *Store) Delete(name string) error {
	return s.update(func(tx *bolt.Tx) error {
		if portfolioBucket(tx, name) == nil {
			return fmt.Errorf("%w: %q", ErrNotFound, name)
		}
		var changes []change
		for _, c := range diffTx(tx, name, "\x00deleted", nil) {
			if c.Before != nil {
				changes = append(changes, c)
			}
		}
		return commitTx(tx, "delete "+name, changes)
	})
}

// Undo reverts the newest action and returns its label, whatever it is
// (see UndoStep for the step a user was shown).
func (s *Store) Undo() (string, error) { return s.step(bUndo, bRedo, false, nil) }

// Redo re-applies the newest undone action and returns its label,
// whatever it is (see RedoStep).
func (s *Store) Redo() (string, error) { return s.step(bRedo, bUndo, true, nil) }

// UndoStep reverts the newest action if it is still want (from PeekUndo:
// the same Step.ID, or with an empty ID the same label), and returns its
// label. When another window or program has undone, redone or added an
// action since want was read, it changes nothing and returns an error
// that is ErrStepChanged, naming both steps: the check and the step are
// one transaction.
func (s *Store) UndoStep(want Step) (string, error) { return s.step(bUndo, bRedo, false, &want) }

// RedoStep re-applies the newest undone action if it is still want (from
// PeekRedo), as UndoStep.
func (s *Store) RedoStep(want Step) (string, error) { return s.step(bRedo, bUndo, true, &want) }

func (s *Store) step(from, to []byte, forward bool, want *Step) (string, error) {
	var label string
	err := s.update(func(tx *bolt.Tx) error {
		if want != nil {
			if err := stepChanged(tx.Bucket(from), forward, *want); err != nil {
				return err
			}
		}
		a, err := pop(tx.Bucket(from))
		if err != nil {
			return err
		}
		if a == nil {
			if forward {
				return ErrNothingToRedo
			}
			return ErrNothingToUndo
		}
		label = a.Label
		if err := applyTx(tx, a.Changes, forward); err != nil {
			return err
		}
		return push(tx, to, *a)
	})
	return label, err
}

// stepChanged returns an ErrStepChanged error when the newest step of b
// is not want.
func stepChanged(b *bolt.Bucket, forward bool, want Step) error {
	verb, none := "undo", "nothing to undo"
	if forward {
		verb, none = "redo", "nothing to redo"
	}
	k, v := b.Cursor().Last()
	if k == nil {
		return fmt.Errorf("%w: %s %q was shown, and now there is %s", ErrStepChanged, verb, want.Label, none)
	}
	now, err := stepOf(k, v, forward)
	if err != nil {
		return recordErr{decodeErr("the newest step of the undo history", err)}
	}
	if now.Label != want.Label || (want.ID != "" && now.ID != want.ID) {
		if now.Label == want.Label {
			return fmt.Errorf("%w: %s %q was shown, and now the step to %s is another action of that name", ErrStepChanged, verb, want.Label, verb)
		}
		return fmt.Errorf("%w: %s %q was shown, and now the step to %s is %q", ErrStepChanged, verb, want.Label, verb, now.Label)
	}
	return nil
}

// Seed stores p as a new portfolio without an undo step: the first
// portfolio of a new database (the bundled sample), which Undo must not
// take away. It refuses an existing name and an invalid portfolio.
func (s *Store) Seed(p *model.Portfolio) error {
	return s.insert(p, func(tx *bolt.Tx, changes []change) error {
		return applyTx(tx, changes, true)
	})
}

// CanUndo returns the label of the action Undo would revert.
func (s *Store) CanUndo() (string, bool) {
	st, ok := s.PeekUndo()
	return st.Label, ok
}

// CanRedo returns the label of the action Redo would re-apply.
func (s *Store) CanRedo() (string, bool) {
	st, ok := s.PeekRedo()
	return st.Label, ok
}

// Step describes an action in the undo or redo history.
type Step struct {
	Label string    `json:"label"`
	Time  time.Time `json:"time"`
	// ID identifies the step in its history (opaque): UndoStep and
	// RedoStep take the step only while it is still the one shown.
	ID string `json:"-"`
	// Removes names the whole portfolios that taking this step (undoing
	// it, for the undo history; redoing it, for the redo history) would
	// remove, with the number of initiatives each holds.
	Removes []Removal `json:"removes,omitempty"`
}

// Removal is a whole portfolio a step would remove.
type Removal struct {
	Portfolio   string `json:"portfolio"`
	Initiatives int    `json:"initiatives"`
}

// PeekUndo describes the action Undo would revert.
func (s *Store) PeekUndo() (Step, bool) { return s.peek(bUndo, false) }

// PeekRedo describes the action Redo would re-apply.
func (s *Store) PeekRedo() (Step, bool) { return s.peek(bRedo, true) }

func (s *Store) peek(bucket []byte, forward bool) (st Step, ok bool) {
	s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil
		}
		k, v := b.Cursor().Last()
		if v == nil {
			return nil
		}
		var err error
		st, err = stepOf(k, v, forward)
		ok = err == nil
		return nil
	})
	return st, ok
}

// stepOf describes the action record v stored under key k; forward says
// which way it would be taken. A record of this build is described from
// its head (readHead) without decoding its changes.
func stepOf(k, v []byte, forward bool) (Step, error) {
	a, ok := readHead(v)
	if !ok {
		if err := json.Unmarshal(v, &a); err != nil {
			return Step{}, err
		}
		// A record of an older build: no ID of its own, so the list's
		// key and the time stand for one (the key is not reused while
		// the record is in the list).
		a.ID = fmt.Sprintf("k%x@%s", k, a.Time)
	}
	return a.step(forward), nil
}

// History lists the undo history (newest first) and the redo history
// (the next Redo first).
func (s *Store) History() (undo, redo []Step, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		for _, h := range []struct {
			b       []byte
			forward bool
			out     *[]Step
		}{{bUndo, false, &undo}, {bRedo, true, &redo}} {
			b := tx.Bucket(h.b)
			if b == nil {
				continue
			}
			c := b.Cursor()
			for k, v := c.Last(); k != nil; k, v = c.Prev() {
				st, err := stepOf(k, v, h.forward)
				if err != nil {
					return recordErr{decodeErr("a step of the undo history", err)}
				}
				*h.out = append(*h.out, st)
			}
		}
		return nil
	})
	return undo, redo, err
}

// step describes a; forward says which way it would be taken.
func (a *action) step(forward bool) Step {
	st := Step{Label: a.Label, ID: a.ID}
	st.Time, _ = time.Parse(time.RFC3339, a.Time)
	switch {
	case a.Removes != nil && forward:
		st.Removes = a.Removes.Redo
	case a.Removes != nil:
		st.Removes = a.Removes.Undo
	default:
		st.Removes = a.removals(forward)
	}
	return st
}

// removals computes from a's changes the whole portfolios taking it
// (forward: redoing it; else undoing it) removes.
func (a *action) removals(forward bool) []Removal {
	var out []Removal
	gone := map[string]bool{}
	count := map[string]int{}
	for _, c := range a.Changes {
		now, then := c.Before, c.After // taking the step forward: Before -> After
		if !forward {
			now, then = c.After, c.Before
		}
		if c.Bucket == "" && c.Key == string(kHead) && now != nil && then == nil {
			gone[c.Portfolio] = true
		}
		if c.Bucket == "initiatives" && now != nil && then == nil {
			count[c.Portfolio]++
		}
	}
	for _, c := range a.Changes {
		if gone[c.Portfolio] {
			out = append(out, Removal{Portfolio: c.Portfolio, Initiatives: count[c.Portfolio]})
			delete(gone, c.Portfolio)
		}
	}
	return out
}

// validateEdit validates p, edited from old (nil when unknown) with the
// changes e (model.Diff): only what the edit can break when old is known
// (model.Portfolio.ValidateEdit, which answers as Validate does).
func validateEdit(p, old *model.Portfolio, e model.Edit) error {
	if old == nil || p.Name == "" {
		return validate(p)
	}
	return p.ValidateEdit(old, e)
}

// validate runs the model's validation when it has one.
func validate(p *model.Portfolio) error {
	if p.Name == "" {
		return errors.New("the portfolio has no name")
	}
	if v, ok := any(p).(interface{ Validate() error }); ok {
		return v.Validate()
	}
	return nil
}

package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestPeekReadsTheHeadOfTheRecord: the newest undo record's changes are
// not decoded to describe it: with the bytes of its changes made
// unreadable, PeekUndo, CanUndo and History still give its label, time
// and removed portfolio (what the record held before), while Undo, which
// needs them, reports the damage.
func TestPeekReadsTheHeadOfTheRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s := openWith(t, path, Options{NoSync: true, Backups: -1}, modeltest.Sample(t))
	want, ok := s.PeekUndo()
	if !ok || len(want.Removes) != 1 || want.Removes[0].Initiatives != 13 || want.ID == "" {
		t.Fatalf("peek %+v %v", want, ok)
	}
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bUndo)
		k, v := b.Cursor().Last()
		i := strings.Index(string(v), `"changes":[`)
		if i < 0 {
			return fmt.Errorf("no changes in %.200s", v)
		}
		bad := append([]byte(string(v[:i+len(`"changes":[`)])), "not JSON"...)
		return b.Put(k, bad)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := s.PeekUndo(); !ok || got.Label != want.Label || !got.Time.Equal(want.Time) || got.ID != want.ID ||
		len(got.Removes) != 1 || got.Removes[0] != want.Removes[0] {
		t.Errorf("peek of a record with unreadable changes: %+v %v, want %+v", got, ok, want)
	}
	if l, ok := s.CanUndo(); !ok || l != want.Label {
		t.Errorf("CanUndo %q %v", l, ok)
	}
	if undo, _, err := s.History(); err != nil || len(undo) != 1 || undo[0].Label != want.Label {
		t.Errorf("history %+v, %v", undo, err)
	}
	var de *DamagedError
	if _, err := s.Undo(); !errors.As(err, &de) {
		t.Errorf("undo of a record with unreadable changes: %v, want a *DamagedError", err)
	}
}

// oldAction is an undo record as builds before the record's head (id,
// removes) wrote it, in the same schema.
type oldAction struct {
	Label   string   `json:"label"`
	Time    string   `json:"time"`
	Changes []change `json:"changes"`
}

// TestOldUndoRecordsAreRead: undo records of an older build (no id or
// removes) are described by decoding them whole, with the same label and
// removals, taken by UndoStep and RedoStep, and rewritten with a head when
// they move to the other list.
func TestOldUndoRecordsAreRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	p := modeltest.Sample(t)
	s := openWith(t, path, Options{NoSync: true, Backups: -1}, p)
	if _, err := s.Apply(p.Name, "edit S", func(q *model.Portfolio) error { q.Initiatives[0].S = model.Number(123); return nil }); err != nil {
		t.Fatal(err)
	}
	newUndo, _, err := s.History()
	if err != nil {
		t.Fatal(err)
	}
	// Rewrite both records as the older build wrote them.
	err = s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bUndo)
		return b.ForEach(func(k, v []byte) error {
			var a action
			if err := json.Unmarshal(v, &a); err != nil {
				return err
			}
			old, err := json.Marshal(oldAction{a.Label, a.Time, a.Changes})
			if err != nil {
				return err
			}
			return b.Put(k, old)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.view(func(tx *bolt.Tx) error {
		_, v := tx.Bucket(bUndo).Cursor().Last()
		if _, ok := readHead(v); ok {
			t.Error("readHead took an old record for a new one")
		}
		return nil
	})
	undo, _, err := s.History()
	if err != nil || len(undo) != 2 {
		t.Fatalf("history of old records %+v, %v", undo, err)
	}
	for i := range undo {
		if undo[i].Label != newUndo[i].Label || fmt.Sprint(undo[i].Removes) != fmt.Sprint(newUndo[i].Removes) || undo[i].ID == "" {
			t.Errorf("old record %d: %+v, want %+v", i, undo[i], newUndo[i])
		}
	}
	st, _ := s.PeekUndo()
	if l, err := s.UndoStep(st); err != nil || l != "edit S" {
		t.Fatalf("UndoStep of an old record: %q, %v", l, err)
	}
	r, ok := s.PeekRedo()
	if !ok || r.Label != "edit S" || !strings.HasPrefix(r.ID, "t") {
		t.Errorf("the undone old record was not rewritten with a head: %+v", r)
	}
	if l, err := s.RedoStep(r); err != nil || l != "edit S" {
		t.Fatalf("RedoStep: %q, %v", l, err)
	}
	if q, _ := s.Load(p.Name); q.Initiatives[0].S.Value != 123 {
		t.Errorf("after undo and redo S = %g, want 123", q.Initiatives[0].S.Value)
	}
}

// twoWindows creates the sample in a new database and opens it twice, as
// two windows or processes do: a created it, b opened it afterwards.
func twoWindows(t *testing.T) (p *model.Portfolio, a, b *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	p = modeltest.Sample(t)
	a = openWith(t, path, Options{NoSync: true, Backups: -1}, p)
	b, err := Open(path, Options{NoSync: true, Backups: -1})
	if err != nil {
		t.Fatal(err)
	}
	return p, a, b
}

// TestUndoStepRefusesAnotherStep: UndoStep and RedoStep take the step
// shown and refuse, changing nothing, with ErrStepChanged naming both,
// when another Store of the file (another window) has since added an
// action, taken the step, or recorded another action of the same label.
func TestUndoStepRefusesAnotherStep(t *testing.T) {
	p, a, b := twoWindows(t)
	edit := func(s *Store, label string, v float64) {
		t.Helper()
		if _, err := s.Apply(p.Name, label, func(q *model.Portfolio) error { q.Initiatives[0].S = model.Number(v); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	s0 := func(s *Store) float64 {
		q, err := s.Load(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		return q.Initiatives[0].S.Value
	}
	edit(a, "edit A", 1)
	shown, _ := a.PeekUndo()
	edit(b, "edit B", 2)
	if _, err := a.UndoStep(shown); !errors.Is(err, ErrStepChanged) || !strings.Contains(err.Error(), `undo "edit A" was shown, and now the step to undo is "edit B"`) {
		t.Fatalf("undo after another window's action: %v", err)
	}
	if s0(a) != 2 {
		t.Fatal("a refused undo changed the portfolio")
	}

	// The same label, another action.
	shown, _ = a.PeekUndo()
	edit(b, "edit B", 3)
	if _, err := a.UndoStep(shown); !errors.Is(err, ErrStepChanged) || !strings.Contains(err.Error(), "another action of that name") {
		t.Fatalf("undo of a same-named newer action: %v", err)
	}

	// Taken by the other window: nothing left of it to take.
	shown, _ = a.PeekUndo()
	if _, err := b.UndoStep(shown); err != nil {
		t.Fatal(err)
	}
	if _, err := a.UndoStep(shown); !errors.Is(err, ErrStepChanged) {
		t.Fatalf("undo of a step the other window took: %v", err)
	}
	if s0(a) != 2 {
		t.Fatalf("S = %g after one undo of 3, want 2", s0(a))
	}
	redo, _ := a.PeekRedo()
	if _, err := b.RedoStep(redo); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RedoStep(redo); !errors.Is(err, ErrStepChanged) || !strings.Contains(err.Error(), "now there is nothing to redo") {
		t.Fatalf("redo of a step the other window took: %v", err)
	}
	if s0(a) != 3 {
		t.Fatalf("S = %g after the redo, want 3", s0(a))
	}
	// By label only (an empty ID): the newest action of that label.
	if l, err := a.UndoStep(Step{Label: "edit B"}); err != nil || l != "edit B" {
		t.Fatalf("undo by label: %q, %v", l, err)
	}
}

// TestUndoStepRaceTwoWindows races two Stores of one file (two windows or
// processes: each transaction takes the file's lock) that were shown the
// same step and both take it at once, round after round: exactly one undo
// happens per round, the other is refused with ErrStepChanged, and the
// portfolio is each time at the state before the undone action.
func TestUndoStepRaceTwoWindows(t *testing.T) {
	const rounds = 20
	p, a, b := twoWindows(t)
	for i := 1; i <= rounds; i++ {
		if _, err := a.Apply(p.Name, fmt.Sprintf("set S %d", i), func(q *model.Portfolio) error { q.Initiatives[0].S = model.Number(float64(i)); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	for i := rounds; i >= 1; i-- {
		shown, ok := a.PeekUndo()
		if other, _ := b.PeekUndo(); !ok || shown.ID != other.ID || shown.Label != fmt.Sprintf("set S %d", i) {
			t.Fatalf("round %d: the windows see %+v and %+v", i, shown, other)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for j, s := range []*Store{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[j] = s.UndoStep(shown)
			}()
		}
		wg.Wait()
		var took, refused int
		for _, err := range errs {
			switch {
			case err == nil:
				took++
			case errors.Is(err, ErrStepChanged):
				refused++
			default:
				t.Fatalf("round %d: %v", i, err)
			}
		}
		if took != 1 || refused != 1 {
			t.Fatalf("round %d: %d undos taken, %d refused (%v), want one of each", i, took, refused, errs)
		}
		q, err := b.Load(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		if want := float64(i - 1); i > 1 && q.Initiatives[0].S.Value != want {
			t.Fatalf("round %d: S = %g, want %g", i, q.Initiatives[0].S.Value, want)
		}
	}
	if _, redo, _ := a.History(); len(redo) != rounds {
		t.Errorf("%d steps to redo, want %d", len(redo), rounds)
	}
}

package pgstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
)

// TestUndoWaitsForTheTopStep: a plain Undo (Redo) that finds the actor's
// top step held by another session's transaction waits for it, then takes
// the step that is on top once that session is done: the next older one
// when the other session undid (redid) the top, the top itself when it
// rolled back; a conditional UndoStep names the step now on top. The
// worry was that SELECT ... ORDER BY seq LIMIT 1 FOR UPDATE finds nothing
// once the row it waited for no longer matches, saying "nothing to undo"
// although older steps remain: PostgreSQL locks (and rechecks) below the
// LIMIT and goes on to the next row, and this test holds it to that.
func TestUndoWaitsForTheTopStep(t *testing.T) {
	u, ana, p := withSample(t, "Ana")
	other := openAs(t, u, "Ana") // another window of the same user
	ctx := context.Background()
	leak := func(i int) float64 { return 0.111 * float64(i+1) } // none of the sample's
	for i, l := range []string{"e1", "e2", "e3"} {
		id := p.Initiatives[i].ID
		if _, err := ana.Apply(p.Name, l, func(q *model.Portfolio) error { q.Initiative(id).Leakage = leak(i); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// hold runs stmt on the top step (redo false: the newest action not
	// undone; true: the oldest undone) in another session's transaction,
	// starts Undo (Redo) on ana, or step when not nil, and ends that
	// transaction after the step has had time to block on it: commit or
	// roll back.
	hold := func(redo, commit bool, stmt string, step ...func() (string, error)) (string, error) {
		t.Helper()
		tx, err := other.pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback(ctx) }()
		var seq int64
		if err := tx.QueryRow(ctx, nextStep(redo, "seq"), nextStepMode, "Ana", redo).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, stmt, seq); err != nil {
			t.Fatal(err)
		}
		type res struct {
			label string
			err   error
		}
		done := make(chan res, 1)
		go func() {
			var r res
			if len(step) > 0 {
				r.label, r.err = step[0]()
			} else if redo {
				r.label, r.err = ana.Redo()
			} else {
				r.label, r.err = ana.Undo()
			}
			done <- r
		}()
		select {
		case r := <-done:
			t.Fatalf("redo %v: the step did not wait for the held top step: %q %v", redo, r.label, r.err)
		case <-time.After(300 * time.Millisecond):
		}
		if commit {
			err = tx.Commit(ctx)
		} else {
			err = tx.Rollback(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
		r := <-done
		return r.label, r.err
	}
	// The other session's statements mark a step undone or redone
	// without writing its rows, as if it were killed halfway: each case
	// then takes a step whose rows are as it left them.
	//
	// Another session locks e3 (the top) and lets go: Undo takes e3.
	if l, err := hold(false, false, `SELECT 1 FROM actions WHERE seq = $1 FOR UPDATE`); err != nil || l != "e3" {
		t.Errorf("undo while another session holds e3 and rolls back: %q %v, want e3", l, err)
	}
	// Another session undoes e2 meanwhile: this Undo takes e1.
	if l, err := hold(false, true, `UPDATE actions SET undone = true WHERE seq = $1`); err != nil || l != "e1" {
		t.Errorf("undo while another session undoes e2: %q %v, want e1", l, err)
	}
	// Undone now, oldest first (the order Redo takes them): e1, e2, e3.
	// Another session holds e1 and lets go: Redo takes e1.
	if l, err := hold(true, false, `SELECT 1 FROM actions WHERE seq = $1 FOR UPDATE`); err != nil || l != "e1" {
		t.Errorf("redo while another session holds e1 and rolls back: %q %v, want e1", l, err)
	}
	// Another session redoes e2 meanwhile: this Redo takes e3.
	if l, err := hold(true, true, `UPDATE actions SET undone = false WHERE seq = $1`); err != nil || l != "e3" {
		t.Errorf("redo while another session redoes e2: %q %v, want e3", l, err)
	}
	// Nothing is left to redo, and everything is as e1, e2 and e3 left it.
	if l, err := ana.Redo(); err == nil {
		t.Errorf("redo with nothing undone: %q", l)
	}
	got, err := ana.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if q := got.Initiative(p.Initiatives[i].ID).Leakage; q != leak(i) {
			t.Errorf("%s: q = %v, want %v", p.Initiatives[i].Name, q, leak(i))
		}
	}
	// UndoStep of e3 as shown, while another session undoes e3: refused,
	// naming the step now on top.
	want, ok := ana.PeekUndo()
	if !ok || want.Label != "e3" {
		t.Fatalf("PeekUndo %+v %v, want e3", want, ok)
	}
	_, err = hold(false, true, `UPDATE actions SET undone = true WHERE seq = $1`, func() (string, error) { return ana.UndoStep(want) })
	if !errors.Is(err, store.ErrStepChanged) || !strings.Contains(err.Error(), `now the step to undo is "e2"`) {
		t.Errorf("UndoStep of e3 while another session undoes it: %v, want it changed to e2", err)
	}
}

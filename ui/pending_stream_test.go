package ui

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// manualRun makes ses value its saved portfolio as startValuing does, but
// with the chunks handed in by the test (feed) instead of a goroutine, so
// what the window shows between chunks can be read without a race. It
// returns the run, the engine's chunks of size chunk and the finished
// engine.
func manualRun(t *testing.T, ses *Session, chunk int) (*valuingRun, context.Context, []portfolio.Progress, *portfolio.Engine) {
	t.Helper()
	p := ses.Saved()
	ctx, cancel := context.WithCancel(context.Background())
	run := &valuingRun{p: p, cancel: cancel, rows: portfolio.Inputs(p), valued: map[string]bool{}}
	ses.valuing, ses.run = p, run
	var steps []portfolio.Progress
	en, err := portfolio.NewEngineStream(context.Background(), p, portfolio.Options{WithLinks: true}, chunk,
		func(pr portfolio.Progress) { steps = append(steps, pr) })
	if err != nil {
		t.Fatal(err)
	}
	return run, ctx, steps, en
}

// feed hands the chunks to the session as the valuation goroutine does.
func feed(ses *Session, run *valuingRun, steps ...portfolio.Progress) {
	for _, pr := range steps {
		run.queue = append(run.queue, pr)
		ses.drainProgress(run)
	}
}

// TestValuesFillInAsTheyArrive (issue 19): while a 200-initiative
// portfolio is valued in chunks, the status line says how far it is
// ("Valuing 200 initiatives… 25%"), the list's rows of the initiatives
// valued so far show their values and regions (equal to a one-piece
// valuation's) and the others "…", in the same order; no portfolio value
// is shown before the end; when done the valuation is bit-identical to
// Evaluate's, and a chunk of a run that is over is dropped.
func TestValuesFillInAsTheyArrive(t *testing.T) {
	base := sessionWith(t, modeltest.Large(200, 50, 5))
	ses, err := NewSessionPending(base.Store(), "")
	if err != nil {
		t.Fatal(err)
	}
	win := windowOn(t, ses)
	watchProgress(win)
	l := win.list
	ref, err := portfolio.Evaluate(ses.Saved().Clone(), portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	run, _, steps, en := manualRun(t, ses, 25)
	if len(steps) != 8 {
		t.Fatalf("%d chunks of 25 for 200 initiatives, want 8", len(steps))
	}
	ses.Select(l.rows[len(l.rows)/2].ID)
	var order []string
	for _, r := range l.rows {
		order = append(order, r.ID)
	}
	valCol, regCol := columnOf(t, "Value"), columnOf(t, "Region")
	check := func(wantValued int, wantStatus string) {
		t.Helper()
		if got := win.status.Text; !strings.Contains(got, wantStatus) || strings.Contains(got, "portfolio value") {
			t.Fatalf("status %q: want %q and no portfolio value", got, wantStatus)
		}
		if !sameIDs(order, l.rows) {
			t.Fatal("the rows were reordered while the values arrived")
		}
		valued := 0
		for i, r := range l.rows {
			want := ref.ByID(r.ID)
			gotV, gotR := cellText(l, i, valCol), cellText(l, i, regCol)
			if ses.PendingValued(r.ID) {
				valued++
				if gotV != money(want.Position.Value) || gotR != regionLabel(want) {
					t.Fatalf("row %d %s: %q, %q; want %q, %q", i, r.Name, gotV, gotR, money(want.Position.Value), regionLabel(want))
				}
			} else if gotV != pendingCell || gotR != pendingCell {
				t.Fatalf("row %d %s not valued yet: %q, %q; want %q", i, r.Name, gotV, gotR, pendingCell)
			}
		}
		if valued != wantValued {
			t.Fatalf("%d rows valued, want %d", valued, wantValued)
		}
	}
	check(0, "Valuing 200 initiatives… 0%")
	feed(ses, run, steps[:2]...)
	check(50, "Valuing 200 initiatives… 25%")
	if !ses.Pending() || ses.Valuation.Total != 0 {
		t.Fatal("the portfolio's value was shown before the valuation was done")
	}
	feed(ses, run, steps[2:]...)
	check(200, "Valuing 200 initiatives… 100% · linking…")
	ses.finishValuing(ses.Saved(), en, nil)
	if ses.Pending() || ses.run != nil {
		t.Fatal("still pending after the valuation")
	}
	if !reflect.DeepEqual(ses.Valuation, ref) {
		t.Fatalf("the streamed valuation differs from Evaluate's: total %v, want %v", ses.Valuation.Total, ref.Total)
	}
	if !sameIDs(order, l.rows) || ses.Selected != order[len(order)/2] {
		t.Fatal("the values' arrival moved the rows or the selection")
	}
	if got := win.status.Text; !strings.Contains(got, "portfolio value") {
		t.Fatalf("status after valuing: %q", got)
	}
	feed(ses, run, steps[0]) // a late chunk of the finished run: dropped
	if ses.PendingRows() != nil || ses.Pending() {
		t.Fatal("a late chunk changed the shown valuation")
	}
}

// TestEditCancelsTheBackgroundValuation (issue 19): an edit while the
// portfolio is valued cancels that valuation and values the edited
// portfolio (whose values are then shown); the old one's chunks and result
// are dropped. An Open meanwhile cancels it too.
func TestEditCancelsTheBackgroundValuation(t *testing.T) {
	ses := newPendingSession(t)
	win := windowOn(t, ses)
	watchProgress(win)
	old := ses.Saved()
	run, ctx, steps, stale := manualRun(t, ses, 4)
	done := make(chan error, 1)
	ses.valued = func(err error) { done <- err }
	var next func()
	ses.spawn = func(f func()) { next = f }
	feed(ses, run, steps[0])
	setDriverSaved(t, ses, "members", 150000)
	if !errors.Is(ctx.Err(), context.Canceled) || next == nil || ses.run == run || ses.run.p != ses.Saved() {
		t.Fatal("the valuation of the portfolio before the edit was not cancelled and replaced")
	}
	next() // the new valuation, on this goroutine (fyne/test runs fyne.Do at once)
	waitDone(t, done)
	sameValues(t, ses)
	v := ses.Valuation
	feed(ses, run, steps[1:]...)
	ses.finishValuing(old, stale, nil)
	if ses.Valuation != v || ses.Pending() {
		t.Fatal("the cancelled valuation's chunks or result were shown")
	}

	ses2 := newPendingSession(t)
	_, ctx2, _, _ := manualRun(t, ses2, 0)
	if err := ses2.Open(ses2.Saved().Name); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(ctx2.Err(), context.Canceled) || ses2.Pending() {
		t.Fatal("an Open did not cancel the background valuation")
	}
}

package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// valuingRun is one background valuation (Session.startValuing): the
// portfolio it values, its cancel, and the rows shown while it runs.
//
// Its goroutine hands the engine's chunks (portfolio.Progress, immutable
// copies) to the UI goroutine through queue: one fyne.Do drains every
// chunk queued since, so a slow UI goroutine is never behind by more than
// one call. rows, valued and done belong to the UI goroutine.
type valuingRun struct {
	p      *model.Portfolio
	cancel context.CancelFunc

	mu     sync.Mutex
	queue  []portfolio.Progress
	posted bool

	// rows are p's initiatives in order: their inputs (portfolio.Inputs)
	// until their chunk arrives, then their stand-alone results; valued
	// says which have arrived, done how many.
	rows   []portfolio.InitiativeResult
	valued map[string]bool
	done   int
}

// post queues pr for the UI goroutine (valuation goroutine).
func (r *valuingRun) post(s *Session, pr portfolio.Progress) {
	r.mu.Lock()
	r.queue = append(r.queue, pr)
	post := !r.posted
	r.posted = true
	r.mu.Unlock()
	if post {
		// Outside the lock: a driver may run f at once (fyne/test does).
		fyne.Do(func() { s.drainProgress(r) })
	}
}

// drainProgress fills the chunks queued for r into its rows and tells the
// progress listener (UI goroutine). A run that is no longer the session's
// (cancelled, replaced) is dropped.
func (s *Session) drainProgress(r *valuingRun) {
	r.mu.Lock()
	q := r.queue
	r.queue, r.posted = nil, false
	r.mu.Unlock()
	if s.closed.Load() || s.run != r || !s.Pending() {
		return
	}
	for _, pr := range q {
		for k, i := range pr.Index {
			r.rows[i] = pr.Results[k]
			r.valued[pr.Results[k].ID] = true
		}
		r.done = max(r.done, pr.Valued)
	}
	if s.progressed != nil {
		s.progressed()
	}
}

// cancelValuing stops the running background valuation, if any, between
// two chunks; its result, if it still comes, is dropped (finishValuing).
func (s *Session) cancelValuing() {
	if s.run != nil {
		s.run.cancel()
	}
}

// PendingRows returns, while the current portfolio is being valued in the
// background (Pending), its initiatives in order: each one's inputs until
// its values arrive, then its stand-alone result (value, NPVq, σ√t,
// region: final, those of the finished valuation). What depends on other
// initiatives (follow-on values, exclusions, the totals, the map) is not
// in them: it is shown when the whole valuation is done. nil when not
// pending or nothing is being valued.
func (s *Session) PendingRows() []portfolio.InitiativeResult {
	if !s.Pending() || s.run == nil || s.run.p != s.saved {
		return nil
	}
	return s.run.rows
}

// PendingValued reports whether initiative id's values have arrived while
// the portfolio is valued (see PendingRows); false when not pending.
func (s *Session) PendingValued(id string) bool {
	return s.Pending() && s.run != nil && s.run.valued[id]
}

// ValuingProgress returns how many of the portfolio's initiatives the
// background valuation has priced so far, and of how many; 0, 0 when none
// runs.
func (s *Session) ValuingProgress() (done, total int) {
	if !s.Pending() || s.run == nil {
		return 0, 0
	}
	return s.run.done, len(s.run.rows)
}

// OnProgress sets f to be called (UI goroutine) each time values of a
// background valuation arrive (PendingRows, ValuingProgress); the finished
// valuation is a ChangedPortfolio as before.
func (s *Session) OnProgress(f func()) { s.progressed = f }

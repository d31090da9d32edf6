package portfolio

import (
	"context"
	"errors"
	"slices"

	"github.com/optionspace/optionspace/model"
)

// Progress is one step of a streamed valuation (NewEngineStream): the
// initiatives priced since the step before.
//
// Results[k] is the result of initiative Index[k] (its position in the
// portfolio's order). Each is a copy the receiver may keep and read on
// any goroutine: its resolved inputs, Position (value, NPV, NPVq, σ√t,
// region, method), deadline flags and Err are final, bit for bit those of
// the finished valuation. What depends on other initiatives is not known
// before every initiative is priced, so FollowOn, WithFollowOns,
// ExcludedBy and CountedIn are zero, and the totals, problems and links
// come only with the finished Engine: a front end shows stand-alone
// values as they arrive and the portfolio's value when it is done.
type Progress struct {
	Index   []int
	Results []InitiativeResult
	// Valued is how many initiatives have been priced so far, of Total.
	Valued, Total int
}

// StreamChunk returns the number of initiatives NewEngineStream prices per
// step when asked for 0: about 64 steps, at least 16 initiatives each.
func StreamChunk(n int) int { return max(16, (n+63)/64) }

// NewEngineStream values a deep copy of p as NewEngine does, chunk
// initiatives at a time (StreamChunk when chunk <= 0), in the portfolio's
// order, and calls progress (when not nil) on this goroutine after each
// chunk with its results. Links, problems and totals are worked out once
// every initiative is priced, so the Engine's valuation is identical to
// NewEngine's. Between chunks it stops when ctx is done and returns
// ctx's error (nil Engine).
func NewEngineStream(ctx context.Context, p *model.Portfolio, opt Options, chunk int, progress func(Progress)) (*Engine, error) {
	if p == nil {
		return nil, errors.New("portfolio: no portfolio to value")
	}
	e, err := newEvaluator(p.Clone(), opt)
	if err != nil {
		return nil, err
	}
	if err := e.stream(ctx, chunk, progress); err != nil {
		return nil, err
	}
	return &Engine{e: e}, nil
}

// stream values every initiative (full), pricing chunk at a time and
// reporting each chunk to progress; see NewEngineStream.
func (e *evaluator) stream(ctx context.Context, chunk int, progress func(Progress)) error {
	all := e.begin()
	n := len(all)
	for _, i := range all {
		e.v.Initiatives[i] = e.resolve(i)
	}
	if chunk <= 0 {
		chunk = StreamChunk(n)
	}
	for lo := 0; lo < n; lo += chunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		hi := min(lo+chunk, n)
		priceAll(e.v.Initiatives, all[lo:hi], e.p.Settings.Thresholds, e.opt.Steps, e.opt.Workers, e.opt.PayoffRange)
		if progress != nil {
			progress(Progress{Index: slices.Clone(all[lo:hi]), Results: slices.Clone(e.v.Initiatives[lo:hi]), Valued: hi, Total: n})
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if e.opt.WithLinks && n > 0 {
		prefetchCompounds(e.links, e.v, e.opt.Workers)
	}
	e.finish()
	return nil
}

package portfolio

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestEngineStreamSameAsOnePiece: a valuation streamed in chunks of any
// size ends bit-identical to NewEngine's one-piece valuation and to
// Evaluate's (every field, by reflect.DeepEqual), and its steps cover
// every initiative once, in order, each result's stand-alone numbers
// already those of the finished valuation and its link numbers zero.
func TestEngineStreamSameAsOnePiece(t *testing.T) {
	ports := map[string]*model.Portfolio{
		"sample": modeltest.Sample(t),
		"hand":   handPortfolio(),
		"random": modeltest.Random(rand.New(rand.NewPCG(3, 5)), 80),
		"large":  modeltest.Large(300, 100, 10),
	}
	for name, p := range ports {
		for _, opt := range []Options{{WithLinks: true}, {}} {
			ref, err := Evaluate(p.Clone(), opt)
			if err != nil {
				t.Fatal(err)
			}
			one, err := NewEngine(p, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(one.Valuation(), ref) {
				t.Fatalf("%s: NewEngine and Evaluate differ", name)
			}
			for _, chunk := range []int{0, 1, 7, len(p.Initiatives) + 5} {
				next := 0
				en, err := NewEngineStream(context.Background(), p, opt, chunk, func(pr Progress) {
					if pr.Total != len(p.Initiatives) || len(pr.Index) != len(pr.Results) || len(pr.Index) == 0 {
						t.Fatalf("%s chunk %d: step %+v of %d initiatives", name, chunk, pr.Index, len(p.Initiatives))
					}
					for k, i := range pr.Index {
						if i != next {
							t.Fatalf("%s chunk %d: initiative %d reported, want %d", name, chunk, i, next)
						}
						next++
						got, want := &pr.Results[k], &ref.Initiatives[i]
						if got.ID != want.ID || !sameBits(got.Position.Value, want.Position.Value) || !sameBits(got.Position.NPVq, want.Position.NPVq) ||
							!sameBits(got.Position.CumVol, want.Position.CumVol) || got.Position != want.Position || !sameBits(got.S, want.S) ||
							got.DeadlinePassed != want.DeadlinePassed || (got.Err == nil) != (want.Err == nil) {
							t.Fatalf("%s chunk %d: initiative %d streamed %+v, finished %+v", name, chunk, i, got.Position, want.Position)
						}
						if got.FollowOn != 0 || got.WithFollowOns != 0 || got.ExcludedBy != "" || got.CountedIn != "" {
							t.Fatalf("%s chunk %d: initiative %d has link numbers before the end: %+v", name, chunk, i, got)
						}
					}
					if pr.Valued != next {
						t.Fatalf("%s chunk %d: Valued %d after %d initiatives", name, chunk, pr.Valued, next)
					}
				})
				if err != nil {
					t.Fatal(err)
				}
				if next != len(p.Initiatives) {
					t.Fatalf("%s chunk %d: %d initiatives reported, want %d", name, chunk, next, len(p.Initiatives))
				}
				if !reflect.DeepEqual(en.Valuation(), ref) {
					t.Fatalf("%s chunk %d links %v: streamed valuation differs from the one-piece one (total %v, want %v)",
						name, chunk, opt.WithLinks, en.Valuation().Total, ref.Total)
				}
			}
		}
	}
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// TestEngineStreamCancel: a streamed valuation stops at the next chunk
// once its context is cancelled and returns the context's error.
func TestEngineStreamCancel(t *testing.T) {
	p := modeltest.Large(200, 50, 5)
	ctx, cancel := context.WithCancel(context.Background())
	steps := 0
	en, err := NewEngineStream(ctx, p, Options{WithLinks: true}, 10, func(Progress) {
		steps++
		cancel()
	})
	if !errors.Is(err, context.Canceled) || en != nil || steps != 1 {
		t.Fatalf("cancelled after the first step: engine %v, error %v, %d steps; want nil, context.Canceled, 1", en, err, steps)
	}
	if _, err := NewEngineStream(context.Background(), nil, Options{}, 0, nil); err == nil {
		t.Fatal("a nil portfolio streamed without an error")
	}
	if got := StreamChunk(10000); got != 157 {
		t.Fatalf("StreamChunk(10000) = %d, want 157", got)
	}
}

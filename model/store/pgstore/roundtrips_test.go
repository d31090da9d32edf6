package pgstore

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/optionspace/optionspace/model"
)

// roundTrips counts the statements and pipelines a pool sends: one round
// trip each.
type roundTrips struct{ n atomic.Int64 }

func (c *roundTrips) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *roundTrips) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
func (c *roundTrips) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *roundTrips) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}
func (c *roundTrips) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData)     {}

// TestOneActionRoundTrips: an action on one initiative of a cached
// portfolio of 1,000 takes 6 round trips, whatever the portfolio's size:
// the state token read, BEGIN, the locks with the row checks, the rows
// written with the token, the log with its NOTIFY, COMMIT (11 before the
// state token and the pipelines).
func TestOneActionRoundTrips(t *testing.T) {
	u := testURL(t)
	s := openAs(t, u, "counted")
	cfg, err := pgxpool.ParseConfig(u)
	if err != nil {
		t.Fatal(err)
	}
	c := &roundTrips{}
	cfg.ConnConfig.Tracer = c
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.pool.Close()
	s.pool = pool // closed by s.Close
	p := big(t, 1000)
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(p.Name); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		c.n.Store(0)
		v := 0.123 + 0.01*float64(i)
		if _, err := s.Apply(p.Name, "edit", func(q *model.Portfolio) error { q.Initiatives[10*i].Leakage = v; return nil }); err != nil {
			t.Fatal(err)
		}
		if n := c.n.Load(); n != 6 {
			t.Fatalf("action %d: %d round trips, want 6", i, n)
		}
	}
}

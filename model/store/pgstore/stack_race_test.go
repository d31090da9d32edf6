package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store"
)

// logRow is one row of the actions table.
type logRow struct {
	seq       int64
	portfolio string
	actor     string
	undone    bool
	changes   []byte
}

// readLog reads the whole action log in one statement (one snapshot), by
// seq.
func readLog(ctx context.Context, s *Store) ([]logRow, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, portfolio, actor, undone, changes FROM actions ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []logRow
	for rows.Next() {
		var r logRow
		if err := rows.Scan(&r.seq, &r.portfolio, &r.actor, &r.undone, &r.changes); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// stackBroken returns, for the first actor whose history is not a stack
// (an undone action below one in effect), a description; "" when every
// actor's undone actions are the newest of theirs, as Undo and Redo
// assume (Redo takes the oldest undone one, which must be the one just
// above the newest in effect).
func stackBroken(log []logRow) string {
	undoneSeen := map[string]int64{} // actor -> the oldest undone seq seen so far
	for _, r := range log {
		if r.undone {
			if _, ok := undoneSeen[r.actor]; !ok {
				undoneSeen[r.actor] = r.seq
			}
			continue
		}
		if u, ok := undoneSeen[r.actor]; ok {
			return fmt.Sprintf("%s: action #%d is undone below #%d, which is in effect", r.actor, u, r.seq)
		}
	}
	return ""
}

// replayLog applies the changes of the actions in effect, in seq order,
// to an empty database: portfolio settings (meta) by name and initiatives
// (their position and document) by portfolio and id, each document as
// canonical JSON.
func replayLog(t *testing.T, log []logRow) (meta map[string]string, ins map[[2]string]string) {
	t.Helper()
	meta, ins = map[string]string{}, map[[2]string]string{}
	for _, r := range log {
		if r.undone {
			continue
		}
		var ch struct {
			Rows []rowChange `json:"rows"`
		}
		if err := json.Unmarshal(r.changes, &ch); err != nil {
			t.Fatalf("action #%d: %v", r.seq, err)
		}
		for _, c := range ch.Rows {
			switch c.Kind {
			case "meta":
				if c.After == nil {
					delete(meta, r.portfolio)
				} else {
					meta[r.portfolio] = canonical(t, c.After)
				}
			case "initiative":
				k := [2]string{r.portfolio, c.ID}
				if c.After == nil {
					delete(ins, k)
				} else {
					ins[k] = fmt.Sprintf("%d %s", c.AfterPos, canonical(t, c.After))
				}
			default:
				t.Fatalf("action #%d: a %q row, which this test does not replay", r.seq, c.Kind)
			}
		}
	}
	return meta, ins
}

// dbState reads the portfolios and initiatives rows as replayLog gives
// them.
func dbState(t *testing.T, s *Store) (meta map[string]string, ins map[[2]string]string) {
	t.Helper()
	ctx := context.Background()
	meta, ins = map[string]string{}, map[[2]string]string{}
	rows, err := s.pool.Query(ctx, `SELECT name, meta FROM portfolios`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var m []byte
		if err := rows.Scan(&name, &m); err != nil {
			t.Fatal(err)
		}
		meta[name] = canonical(t, m)
	}
	rows.Close()
	rows, err = s.pool.Query(ctx, `SELECT portfolio, id, pos, doc FROM initiatives`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p, id string
		var pos int
		var doc []byte
		if err := rows.Scan(&p, &id, &pos, &doc); err != nil {
			t.Fatal(err)
		}
		ins[[2]string{p, id}] = fmt.Sprintf("%d %s", pos, canonical(t, doc))
	}
	rows.Close()
	return meta, ins
}

// canonical is JSON with its object keys sorted (as json.Marshal writes a
// map), so that jsonb's own key order does not count.
func canonical(t *testing.T, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestUndoLogStaysAStack races sessions of two users (three sessions, say
// windows, each) doing actions, undos, redos and conditional undos on two
// portfolios for a while. Throughout (a checker reads the log as one
// snapshot again and again) and at the end, each user's history is a
// stack: no undone action lies below one in effect; and at the end the
// database holds what replaying the log's actions in effect, in order,
// from an empty database gives. Before actions and steps were serialised
// per user and portfolio, a step committing beside an action of the same
// user (or an undo beside a redo) left an undone action below a live one.
func TestUndoLogStaysAStack(t *testing.T) {
	u := testURL(t)
	setup := openAs(t, u, "setup")
	p1 := modeltest.Sample(t)
	p2 := modeltest.Sample(t)
	p2.Name = p1.Name + " copy"
	for _, p := range []*model.Portfolio{p1, p2} {
		if err := setup.Create(p); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{p1.Name, p2.Name}
	nIns := len(p1.Initiatives)
	dur := 4 * time.Second
	if testing.Short() {
		dur = time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()

	var broken atomic.Value // string
	var checks atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the checker
		defer wg.Done()
		for ctx.Err() == nil {
			log, err := readLog(context.Background(), setup)
			if err != nil {
				t.Error(err)
				return
			}
			checks.Add(1)
			if b := stackBroken(log); b != "" {
				broken.CompareAndSwap(nil, b)
				return
			}
		}
	}()
	var (
		mu     sync.Mutex
		counts = map[string]int{}
		uniq   atomic.Int64
	)
	count := func(k string) { mu.Lock(); counts[k]++; mu.Unlock() }
	for w := 0; w < 6; w++ {
		user := []string{"ana", "ben"}[w%2]
		s := openAs(t, u, user)
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 17))
			for ctx.Err() == nil {
				var err error
				kind := ""
				switch op := rng.IntN(10); {
				case op < 5:
					kind = "apply"
					name := names[rng.IntN(len(names))]
					i := rng.IntN(nIns)
					v := 0.2 + float64(uniq.Add(1))/1e7 // unique: never a no-op
					_, err = s.Apply(name, fmt.Sprintf("%s sets sigma %d", user, i), func(q *model.Portfolio) error {
						q.Initiatives[i].Sigma = model.Number(v)
						return nil
					})
				case op < 7:
					kind = "undo"
					_, err = s.Undo()
				case op < 9:
					kind = "redo"
					_, err = s.Redo()
				default:
					kind = "undostep"
					st, ok := s.PeekUndo()
					if !ok {
						continue
					}
					_, err = s.UndoStep(st)
				}
				var ce *ConflictError
				switch {
				case err == nil:
					count(kind)
				case errors.As(err, &ce):
					count("conflict")
				case errors.Is(err, store.ErrNothingToUndo), errors.Is(err, store.ErrNothingToRedo):
					count("nothing")
				case errors.Is(err, store.ErrStepChanged):
					count("step changed")
				default:
					t.Errorf("%s by %s: %v", kind, user, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if b, _ := broken.Load().(string); b != "" {
		t.Fatalf("the undo log is not a stack: %s (counts %v)", b, counts)
	}
	log, err := readLog(context.Background(), setup)
	if err != nil {
		t.Fatal(err)
	}
	if b := stackBroken(log); b != "" {
		t.Fatalf("at the end, the undo log is not a stack: %s", b)
	}
	t.Logf("%d actions in the log, %d checks of it; %v", len(log), checks.Load(), counts)
	if counts["apply"] == 0 || counts["undo"]+counts["undostep"] == 0 || counts["redo"] == 0 {
		t.Fatalf("too few of each operation to test anything: %v", counts)
	}
	wantMeta, wantIns := replayLog(t, log)
	gotMeta, gotIns := dbState(t, setup)
	if len(gotMeta) != len(wantMeta) || len(gotIns) != len(wantIns) {
		t.Fatalf("%d portfolios and %d initiatives in the database, the replay gives %d and %d", len(gotMeta), len(gotIns), len(wantMeta), len(wantIns))
	}
	for k, v := range wantMeta {
		if gotMeta[k] != v {
			t.Errorf("portfolio %q: its settings differ from the replay of the log", k)
		}
	}
	var differ []string
	for k, v := range wantIns {
		if gotIns[k] != v {
			differ = append(differ, k[0]+"/"+k[1])
		}
	}
	sort.Strings(differ)
	if len(differ) > 0 {
		t.Errorf("%d initiatives differ from the replay of the log: %v", len(differ), differ)
	}
	// The replay is not the start: the race changed something.
	startMeta, startIns := replayLog(t, log[:2])
	same := len(startIns) == len(gotIns)
	for k, v := range startIns {
		same = same && gotIns[k] == v
	}
	if same && len(startMeta) == len(gotMeta) {
		t.Error("the database is as created: the actions changed nothing")
	}
}

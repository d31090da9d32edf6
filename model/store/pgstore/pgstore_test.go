package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/model/store/pgstore/pgtest"
)

func testURL(t testing.TB) string { return pgtest.Fresh(t) }

func openAs(t testing.TB, u, user string) *Store {
	t.Helper()
	s, err := Open(context.Background(), u, Options{User: user})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// withSample opens a fresh database as user, with the sample portfolio
// created by that user.
func withSample(t *testing.T, user string) (u string, s *Store, p *model.Portfolio) {
	t.Helper()
	u = testURL(t)
	s = openAs(t, u, user)
	p = modeltest.Sample(t)
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	return u, s, p
}

// mustExec runs the statements on s in order, failing t on the first
// error.
func mustExec(t *testing.T, s *Store, statements ...string) {
	t.Helper()
	for _, q := range statements {
		if _, err := s.pool.Exec(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// dropRolesAtEnd drops the roles, and what they own, when t ends.
func dropRolesAtEnd(t *testing.T, s *Store, roles ...string) {
	t.Cleanup(func() {
		for _, r := range roles {
			_, _ = s.pool.Exec(context.Background(), "DROP OWNED BY "+r)
			_, _ = s.pool.Exec(context.Background(), "DROP ROLE IF EXISTS "+r)
		}
	})
}

// asRole returns the database URL u with role as its user.
func asRole(u, role string) string {
	ru, _ := url.Parse(u)
	ru.User = url.User(role)
	return ru.String()
}

func TestRoundTripIsLossless(t *testing.T) {
	u, s, p := withSample(t, "ana")
	got, err := s.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if modeltest.JSON(t, got) != modeltest.JSON(t, p) {
		t.Fatal("the portfolio read back differs from the one written")
	}
	list, err := s.List()
	if err != nil || len(list) != 1 || list[0].Initiatives != len(p.Initiatives) || list[0].UpdatedBy != "ana" {
		t.Fatalf("list %+v, %v", list, err)
	}
	if err := s.Create(p); !errors.Is(err, store.ErrExists) || !strings.Contains(err.Error(), p.Name) {
		t.Fatalf("second create: %v", err)
	}
	// Reopening runs no migration twice.
	s2 := openAs(t, u, "ana")
	if _, err := s2.Load(p.Name); err != nil {
		t.Fatal(err)
	}
}

// Two people editing different initiatives both succeed; the same
// initiative gives the second a conflict naming who changed it, and nothing
// of the refused edit is written.
func TestConcurrentEditsNoLostUpdate(t *testing.T) {
	u, ana, p := withSample(t, "Ana")
	ben := openAs(t, u, "Ben")
	name := p.Name
	pilot, rollout := p.Initiatives[0].ID, p.Initiatives[1].ID
	setSigma := func(id string, v float64) func(*model.Portfolio) error {
		return func(q *model.Portfolio) error {
			q.Initiative(id).Sigma = model.Number(v)
			return nil
		}
	}
	// Ben loads, Ana edits the pilot, Ben edits the rollout: both succeed.
	if _, err := ana.Apply(name, "Edit pilot", setSigma(pilot, 0.31)); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.Apply(name, "Edit rollout", setSigma(rollout, 0.41)); err != nil {
		t.Fatal(err)
	}
	got, _ := ana.Load(name)
	if got.Initiative(pilot).Sigma.Value != 0.31 || got.Initiative(rollout).Sigma.Value != 0.41 {
		t.Fatalf("sigmas %v %v", got.Initiative(pilot).Sigma, got.Initiative(rollout).Sigma)
	}
	// Ben's edit of the pilot races Ana's: Ben's edit function runs on the
	// state he loaded, Ana commits in between.
	_, err := ben.Apply(name, "Edit pilot too", func(q *model.Portfolio) error {
		if _, err := ana.Apply(name, "Ana again", setSigma(pilot, 0.33)); err != nil {
			return err
		}
		q.Initiative(pilot).Sigma = model.Number(0.5)
		return nil
	})
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Who != "Ana" || ce.What != p.Initiatives[0].Name {
		t.Fatalf("err = %v, want a conflict naming Ana and %q", err, p.Initiatives[0].Name)
	}
	if !strings.Contains(err.Error(), "Ana changed Customer community pilot at") || !strings.Contains(err.Error(), "was not applied") {
		t.Errorf("message %q", err)
	}
	got, _ = ben.Load(name)
	if got.Initiative(pilot).Sigma.Value != 0.33 {
		t.Fatalf("pilot σ = %v, want Ana's 0.33", got.Initiative(pilot).Sigma)
	}
}

// Undo undoes the actor's own last action; if someone changed the same rows
// since, it is refused; Redo redoes.
func TestUndoOwnActions(t *testing.T) {
	u, ana, p := withSample(t, "Ana")
	ben := openAs(t, u, "Ben")
	id := p.Initiatives[2].ID
	if _, ok := ben.CanUndo(); ok {
		t.Fatal("Ben can undo though he did nothing")
	}
	if _, err := ana.Apply(p.Name, "Ana edits", func(q *model.Portfolio) error { q.Initiative(id).Leakage = 0.07; return nil }); err != nil {
		t.Fatal(err)
	}
	if l, ok := ana.CanUndo(); !ok || l != "Ana edits" {
		t.Fatalf("CanUndo %q %v", l, ok)
	}
	if _, err := ben.Apply(p.Name, "Ben edits", func(q *model.Portfolio) error { q.Initiative(id).Leakage = 0.09; return nil }); err != nil {
		t.Fatal(err)
	}
	_, err := ana.Undo()
	var ce *ConflictError
	if !errors.As(err, &ce) || ce.Who != "Ben" {
		t.Fatalf("undo over Ben's change: %v", err)
	}
	// Ben undoes his own; then Ana's undo goes through.
	if l, err := ben.Undo(); err != nil || l != "Ben edits" {
		t.Fatalf("Ben's undo %q %v", l, err)
	}
	if _, err := ana.Undo(); err != nil {
		t.Fatal(err)
	}
	got, _ := ana.Load(p.Name)
	if got.Initiative(id).Leakage != p.Initiatives[2].Leakage {
		t.Fatalf("q = %v after the undos", got.Initiative(id).Leakage)
	}
	if _, err := ana.Redo(); err != nil {
		t.Fatal(err)
	}
	got, _ = ana.Load(p.Name)
	if got.Initiative(id).Leakage != 0.07 {
		t.Fatalf("q = %v after redo", got.Initiative(id).Leakage)
	}
	// Delete, undo brings the portfolio back whole; rename and undo.
	if err := ana.Delete(p.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := ana.Load(p.Name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("load after delete: %v", err)
	}
	if _, err := ana.Undo(); err != nil {
		t.Fatal(err)
	}
	got, err = ana.Load(p.Name)
	if err != nil || len(got.Initiatives) != len(p.Initiatives) {
		t.Fatalf("after undoing the delete: %v", err)
	}
	if err := ana.Rename(p.Name, "Renamed"); err != nil {
		t.Fatal(err)
	}
	if got, err := ana.Load("Renamed"); err != nil || got.Name != "Renamed" {
		t.Fatalf("renamed: %v", err)
	}
	if _, err := ana.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := ana.Load(p.Name); err != nil {
		t.Fatalf("undo rename: %v", err)
	}
	hist, err := ana.History(p.Name, 50)
	if err != nil || len(hist) < 4 || hist[0].Actor != "Ana" {
		t.Fatalf("history %+v %v", hist, err)
	}
}

// A role with SELECT only opens read-only: it loads, and every write says
// it is read-only.
func TestReadOnlyRole(t *testing.T) {
	u, s, p := withSample(t, "ana")
	role := fmt.Sprintf("reader_%d", time.Now().UnixNano())
	ctx := context.Background()
	mustExec(t, s, "CREATE ROLE "+role+" LOGIN", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+role)
	dropRolesAtEnd(t, s, role)
	r, err := Open(ctx, asRole(u, role), Options{User: "viewer"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.ReadOnly() {
		t.Fatal("a SELECT-only role opened writable")
	}
	if _, err := r.Load(p.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Apply(p.Name, "x", func(*model.Portfolio) error { return nil }); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("apply: %v", err)
	}
}

// A change by one store reaches a watcher on another connection within 1 s
// (median over 50 changes).
func TestWatchSeesChangesLive(t *testing.T) {
	w, a, p, ctx := watchPair(t)
	got := make(chan Change, 100)
	ready := make(chan struct{})
	go func() { _ = w.WatchReady(ctx, p.Name, func() { close(ready) }, func(c Change) { got <- c }, nil) }()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatal("the watch did not listen within 30 s")
	}
	var lat []time.Duration
	id := p.Initiatives[0].ID
	for i := 0; i < 50; i++ {
		start := time.Now()
		v := 0.2 + float64(i)/1000
		if _, err := a.Apply(p.Name, fmt.Sprintf("edit %d", i), func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(v); return nil }); err != nil {
			t.Fatal(err)
		}
		select {
		case c := <-got:
			if c.Actor != "ana" || c.Label != fmt.Sprintf("edit %d", i) {
				t.Fatalf("change %+v", c)
			}
			lat = append(lat, time.Since(start))
		case <-time.After(30 * time.Second):
			t.Fatalf("change %d never reached the watcher within 30 s", i)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if med := lat[len(lat)/2]; med > time.Second {
		t.Fatalf("median latency %v", med)
	} else {
		t.Logf("apply + notify latency: median %v, max %v over %d changes", med, lat[len(lat)-1], len(lat))
	}
}

// writerProcess is the body of a child process (see runWriters): it makes
// steps random actions on one portfolio and prints the label of each one
// acknowledged, and "conflict" for each refused.
func writerProcess(url, name string, w, steps int) {
	s, err := Open(context.Background(), url, Options{User: fmt.Sprintf("w%d", w)})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	rng := rand.New(rand.NewPCG(uint64(w), 9))
	for i := 0; i < steps; i++ {
		label := fmt.Sprintf("w%d-%d", w, i)
		k := rng.IntN(4)                    // few initiatives: many conflicts
		v := 0.1 + float64(w*steps+i)/10000 // unique: no action is a no-op
		_, err := s.Apply(name, label, func(q *model.Portfolio) error {
			q.Initiatives[k].Sigma = model.Number(v)
			return nil
		})
		var ce *ConflictError
		switch {
		case err == nil:
			fmt.Println("ack", label)
		case errors.As(err, &ce):
			fmt.Println("conflict")
		default:
			fmt.Println("error", err)
			os.Exit(3)
		}
	}
	os.Exit(0)
}

// TestMain runs the child processes of the multi-process tests.
func TestMain(m *testing.M) {
	if spec := os.Getenv("PGSTORE_CHILD"); spec != "" {
		var kind, url, name string
		var w, steps int
		parts := strings.SplitN(spec, "\x1f", 5)
		kind, url, name = parts[0], parts[1], parts[2]
		w, _ = strconv.Atoi(parts[3])
		steps, _ = strconv.Atoi(parts[4])
		switch kind {
		case "writer":
			writerProcess(url, name, w, steps)
		case "group":
			groupWriter(url, name)
		}
		os.Exit(2)
	}
	os.Exit(m.Run())
}

func child(t *testing.T, kind, url, name string, w, steps int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PGSTORE_CHILD="+strings.Join([]string{kind, url, name, strconv.Itoa(w), strconv.Itoa(steps)}, "\x1f"))
	return cmd
}

// Four processes make 200 random actions each on one portfolio, conflicts
// expected and counted: afterwards every acknowledged action is in the log,
// and replaying the log's changes from the start gives the database's
// state.
func TestConcurrentWritersReplay(t *testing.T) {
	u, first, p := withSample(t, "w0")
	start := modeltest.JSON(t, p)
	const writers, steps = 4, 200
	acked := map[string]bool{}
	conflicts := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		cmd := child(t, "writer", u, p.Name, w, steps)
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := cmd.Output()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("writer: %v: %s", err, out)
			}
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				switch {
				case strings.HasPrefix(l, "ack "):
					acked[strings.TrimPrefix(l, "ack ")] = true
				case l == "conflict":
					conflicts++
				default:
					t.Errorf("writer said %q", l)
				}
			}
		}()
	}
	wg.Wait()
	ctx := context.Background()
	rows, err := first.pool.Query(ctx, `SELECT label, changes FROM actions WHERE label LIKE 'w%-%' ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	logged := map[string]bool{}
	replayed := modeltest.Sample(t)
	for rows.Next() {
		var l string
		var cj []byte
		if err := rows.Scan(&l, &cj); err != nil {
			t.Fatal(err)
		}
		logged[l] = true
		var ch struct {
			Rows []rowChange `json:"rows"`
		}
		if err := json.Unmarshal(cj, &ch); err != nil {
			t.Fatal(err)
		}
		for _, r := range ch.Rows {
			var after model.Initiative
			if err := json.Unmarshal(r.After, &after); err != nil {
				t.Fatal(err)
			}
			*replayed.Initiative(r.ID) = after
		}
	}
	rows.Close()
	for l := range acked {
		if !logged[l] {
			t.Errorf("acknowledged action %s is not in the log", l)
		}
	}
	if len(logged) != len(acked) {
		t.Errorf("%d actions logged, %d acknowledged", len(logged), len(acked))
	}
	final, _ := first.Load(p.Name)
	if modeltest.JSON(t, final) != modeltest.JSON(t, replayed) {
		t.Fatal("the database state differs from the replay of the acknowledged actions")
	}
	if modeltest.JSON(t, final) == start {
		t.Fatal("nothing changed")
	}
	t.Logf("%d processes x %d actions: %d acknowledged, %d conflicts", writers, steps, len(acked), conflicts)
	if conflicts == 0 || len(acked)+conflicts != writers*steps {
		t.Errorf("%d acknowledged + %d conflicts, want %d in all and some conflicts", len(acked), conflicts, writers*steps)
	}
}

// groupWriter sets the σ of the first five initiatives to one new value per
// action, for ever (until killed).
func groupWriter(url, name string) {
	s, err := Open(context.Background(), url, Options{User: "killed"})
	if err != nil {
		os.Exit(3)
	}
	for i := 1; ; i++ {
		v := 0.1 + float64(i%20000)/100000
		if _, err := s.Apply(name, "group", func(q *model.Portfolio) error {
			for k := 0; k < 5; k++ {
				q.Initiatives[k].Sigma = model.Number(v)
			}
			return nil
		}); err != nil {
			os.Exit(3)
		}
	}
}

// kill -9 of a writer mid-action leaves nothing half-written: every action
// changes five initiatives together, and after each kill the five agree.
func TestKilledWriterLeavesNothingHalfWritten(t *testing.T) {
	u, s, p := withSample(t, "check")
	for round := 0; round < 8; round++ {
		cmd := child(t, "group", u, p.Name, 0, 0)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+rand.IntN(250)) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		got, err := s.Load(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		for k := 1; k < 5; k++ {
			if got.Initiatives[k].Sigma != got.Initiatives[0].Sigma {
				t.Fatalf("round %d: initiative %d has σ %v, initiative 0 has %v: an action was half-written", round, k, got.Initiatives[k].Sigma, got.Initiatives[0].Sigma)
			}
		}
	}
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM actions WHERE label = 'group'`).Scan(&n); err != nil || n == 0 {
		t.Fatalf("the killed writers made no action (%d, %v)", n, err)
	}
}

func BenchmarkLoad1000(b *testing.B) {
	s, p := benchStore(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Load(p.Name); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAction1000(b *testing.B) {
	s, p := benchStore(b)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		benchEdit(b, s, p, i)
	}
}

// benchStore is a fresh database of the benchmark's own holding big(1000).
func benchStore(b *testing.B) (*Store, *model.Portfolio) {
	s := openAs(b, testURL(b), "bench")
	p := big(b, 1000)
	if err := s.Create(p); err != nil {
		b.Fatal(err)
	}
	return s, p
}

// benchEdit is the i-th action of a benchmark on big(1000): one
// initiative's volatility changed.
func benchEdit(b *testing.B, s *Store, p *model.Portfolio, i int) {
	v := 0.1 + float64(i%500)/1000
	if _, err := s.Apply(p.Name, "bench", func(q *model.Portfolio) error { q.Initiatives[i%1000].Sigma = model.Number(v); return nil }); err != nil {
		b.Fatal(err)
	}
}

// big is the sample with its initiatives repeated to n.
func big(t testing.TB, n int) *model.Portfolio {
	p := modeltest.Sample(t)
	base := p.Initiatives
	p.Links = nil
	p.Initiatives = nil
	for i := 0; i < n; i++ {
		in := base[i%len(base)]
		in.ID = fmt.Sprintf("%s-%d", in.ID, i)
		in.Name = fmt.Sprintf("%s %d", in.Name, i)
		p.Initiatives = append(p.Initiatives, in)
	}
	return p
}

// BenchmarkLoadCold1000 reads the whole portfolio (no cached state).
func BenchmarkLoadCold1000(b *testing.B) {
	s, p := benchStore(b)
	b.ReportAllocs()
	for b.Loop() {
		s.mu.Lock()
		clear(s.cache)
		s.mu.Unlock()
		if _, err := s.Load(p.Name); err != nil {
			b.Fatal(err)
		}
	}
}

// PeekUndo says when undoing would remove a whole portfolio (a create), and
// PeekRedo when redoing would (a delete).
func TestPeekNamesWhatGoes(t *testing.T) {
	s := openAs(t, testURL(t), "ana")
	if _, ok := s.PeekUndo(); ok {
		t.Fatal("something to undo in a new database")
	}
	p := modeltest.Sample(t)
	if err := s.Create(p); err != nil {
		t.Fatal(err)
	}
	st, ok := s.PeekUndo()
	if !ok || st.Removes[p.Name] != 13 || st.Actor != "ana" {
		t.Fatalf("peek after create: %+v %v", st, ok)
	}
	if err := s.Delete(p.Name); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.PeekUndo(); len(st.Removes) != 0 {
		t.Fatalf("undoing a delete removes nothing, got %+v", st)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if st, ok := s.PeekRedo(); !ok || st.Removes[p.Name] != 13 {
		t.Fatalf("redoing the delete removes the portfolio: %+v %v", st, ok)
	}
}

// A watch whose connection the server drops (pg_terminate_backend, as on a
// server restart) reports the loss, listens again, says it reconnected
// (so the app reloads) and goes on reporting changes.
func TestWatchReconnects(t *testing.T) {
	w, a, p, ctx := watchPair(t)
	got := make(chan Change, 10)
	lost := make(chan error, 10)
	go func() { _ = w.Watch(ctx, p.Name, func(c Change) { got <- c }, func(err error) { lost <- err }) }()
	waitListening(t, a)
	if _, err := a.pool.Exec(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`); err != nil {
		t.Fatal(err)
	}
	select {
	case <-lost:
	case <-time.After(30 * time.Second):
		t.Fatal("the lost connection was not reported")
	}
	select {
	case c := <-got:
		if c.Label != Reconnected {
			t.Fatalf("first change after the loss %+v, want %q", c, Reconnected)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no reconnection")
	}
	id := p.Initiatives[0].ID
	if _, err := a.Apply(p.Name, "after the restart", func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(0.33); return nil }); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-got:
		if c.Label != "after the restart" || c.Actor != "ana" {
			t.Fatalf("change %+v", c)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("changes stopped after the reconnection")
	}
}

// watchPair opens a watcher and Ana's store on a fresh database holding the
// sample, with a context cancelled when the test ends.
func watchPair(t *testing.T) (w, a *Store, p *model.Portfolio, ctx context.Context) {
	t.Helper()
	u, a, p := withSample(t, "ana")
	w = openAs(t, u, "watcher")
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return w, a, p, ctx
}

// The server restarted under a running store (a real stop and start of a
// server of the test's own): the watch reports the lost connection; an
// edit and an undo made while the server is down are refused with a
// message that says the connection was lost and nothing was written; when
// the server is back the watch says it reconnected, nothing of the refused
// edit is in the database, and the same edit then succeeds and is heard.
func TestServerRestartedUnderARunningStore(t *testing.T) {
	srv := pgtest.OwnServer(t)
	a, w := openAs(t, srv.URL, "ana"), openAs(t, srv.URL, "watcher")
	p := modeltest.Sample(t)
	if err := a.Create(p); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan Change, 100)
	lost := make(chan error, 100)
	go func() { _ = w.Watch(ctx, p.Name, func(c Change) { got <- c }, func(err error) { lost <- err }) }()
	waitListening(t, a)
	srv.Stop(t)
	select {
	case err := <-lost:
		t.Logf("the watch reported: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("the stopped server was not reported within 30 s")
	}
	id := p.Initiatives[0].ID
	edit := func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(0.37); return nil }
	_, err := a.Apply(p.Name, "Edit while down", edit)
	if err == nil || !strings.Contains(err.Error(), "lost the connection to PostgreSQL") || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("an edit while the server is down: %v, want the lost-connection message", err)
	}
	if _, err := a.Undo(); err == nil || !strings.Contains(err.Error(), "lost the connection to PostgreSQL") {
		t.Fatalf("an undo while the server is down: %v", err)
	}
	srv.Start(t)
	deadline := time.After(60 * time.Second)
	for reconnected := false; !reconnected; {
		select {
		case c := <-got:
			reconnected = c.Label == Reconnected
		case <-lost: // retries while the server starts
		case <-deadline:
			t.Fatal("the watch did not reconnect within 60 s of the server's start")
		}
	}
	b := openAs(t, srv.URL, "check")
	now, err := b.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if modeltest.JSON(t, now) != modeltest.JSON(t, p) {
		t.Fatal("the database changed while the server was down")
	}
	if l, ok := a.CanUndo(); !ok || l != "Create "+p.Name {
		t.Fatalf("CanUndo after the restart %q %v: the refused edit must not be in the history", l, ok)
	}
	if _, err := a.Apply(p.Name, "Edit after the restart", edit); err != nil {
		t.Fatalf("the edit after the restart: %v", err)
	}
	for {
		select {
		case c := <-got:
			if c.Label == "Edit after the restart" {
				if now, _ := b.Load(p.Name); now.Initiative(id).Sigma.Value != 0.37 {
					t.Fatalf("σ = %v after the edit", now.Initiative(id).Sigma)
				}
				return
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the edit after the restart was not heard by the watch")
		}
	}
}

// waitListening waits until some session of the database LISTENs.
func waitListening(t *testing.T, s *Store) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int
		err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`).Scan(&n)
		if err == nil && n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no LISTEN within 30 s (%v)", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The README's GRANTs work as it says: a member of the editing role opens
// writable and creates, edits, undoes and deletes; a member of the reading
// role opens read-only, loads, and every write says it is read-only.
func TestREADMEGrants(t *testing.T) {
	u, owner, p := withSample(t, "owner")
	n := time.Now().UnixNano()
	editors, readers := fmt.Sprintf("strategists_%d", n), fmt.Sprintf("board_%d", n)
	ana, carla := fmt.Sprintf("ana_%d", n), fmt.Sprintf("carla_%d", n)
	mustExec(t, owner,
		// As in the README.
		"CREATE ROLE "+editors,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "+editors,
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "+editors,
		"CREATE ROLE "+readers,
		"GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+readers,
		"CREATE ROLE "+ana+" LOGIN IN ROLE "+editors,
		"CREATE ROLE "+carla+" LOGIN IN ROLE "+readers)
	dropRolesAtEnd(t, owner, ana, carla, editors, readers)
	a := openAs(t, asRole(u, ana), "Ana")
	if a.ReadOnly() {
		t.Fatal("a member of the editing role opened read-only")
	}
	id := p.Initiatives[0].ID
	if _, err := a.Apply(p.Name, "Ana edits", func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(0.3); return nil }); err != nil {
		t.Fatalf("edit: %v", err)
	}
	if _, err := a.Undo(); err != nil {
		t.Fatalf("undo: %v", err)
	}
	q := modeltest.Sample(t)
	q.Name = "Ana's"
	if err := a.Create(q); err != nil {
		t.Fatalf("create: %v", err)
	}
	if err := a.Delete(q.Name); err != nil {
		t.Fatalf("delete: %v", err)
	}
	c := openAs(t, asRole(u, carla), "Carla")
	if !c.ReadOnly() {
		t.Fatal("a member of the reading role opened writable")
	}
	if _, err := c.Load(p.Name); err != nil {
		t.Fatal(err)
	}
	if h, err := c.History("", 10); err != nil || len(h) == 0 {
		t.Fatalf("history for a reader: %v", err)
	}
	if _, err := c.Apply(p.Name, "x", func(q *model.Portfolio) error { q.Description = "x"; return nil }); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a reader's edit: %v", err)
	}
	if err := c.Create(q); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a reader's create: %v", err)
	}
}

// DecisionActors names who recorded each decision: the creator for those
// that came with the portfolio, the one who added a decision for it (not
// who reviewed it later), none once undone, again after a redo, and after
// a rename.
func TestDecisionActors(t *testing.T) {
	u := testURL(t)
	ana, ben, carla := openAs(t, u, "Ana"), openAs(t, u, "Ben"), openAs(t, u, "Carla")
	p := modeltest.Sample(t)
	p.Decisions = append(p.Decisions, model.Decision{ID: "dec-ana", Date: p.AsOf, Initiative: p.Initiatives[0].ID, Decision: model.DecideInvest, Rationale: "go"})
	if err := ana.Create(p); err != nil {
		t.Fatal(err)
	}
	d := model.Decision{ID: "dec-ben", Date: p.AsOf, Initiative: p.Initiatives[1].ID, Decision: model.DecideWait, Rationale: "not yet", Who: "typed name"}
	if _, err := ben.Apply(p.Name, "Decide wait: rollout", func(q *model.Portfolio) error { q.Decisions = append(q.Decisions, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := carla.Apply(p.Name, "Review", func(q *model.Portfolio) error {
		q.Decisions[len(q.Decisions)-1].Review = "right call"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	check := func(name string, wantBen bool) {
		t.Helper()
		m, err := ana.DecisionActors(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Decisions) == 0 {
			t.Fatal("no decision came with the portfolio")
		}
		for _, old := range p.Decisions {
			if a, ok := m[old.ID]; !ok || a.Actor != "Ana" || !strings.HasPrefix(a.Label, "Create ") {
				t.Errorf("decision %s of the created portfolio: %+v %v, want Ana's create", old.ID, a, ok)
			}
		}
		a, ok := m[d.ID]
		if ok != wantBen || (ok && (a.Actor != "Ben" || a.Label != "Decide wait: rollout" || a.At.IsZero())) {
			t.Errorf("Ben's decision: %+v %v, want it %v", a, ok, wantBen)
		}
	}
	check(p.Name, true)
	if _, err := carla.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := ben.Undo(); err != nil {
		t.Fatal(err)
	}
	check(p.Name, false)
	if _, err := ben.Redo(); err != nil {
		t.Fatal(err)
	}
	check(p.Name, true)
	if err := ana.Rename(p.Name, "Renamed"); err != nil {
		t.Fatal(err)
	}
	check("Renamed", true)
}

// BenchmarkActionLongHistory is BenchmarkAction1000 on a database whose
// history already holds 20,000 actions of other users (a team's year):
// finding the user's own undone actions and the next undo step must not
// read the whole history.
func BenchmarkActionLongHistory(b *testing.B) {
	s, p := benchStore(b)
	if _, err := s.pool.Exec(context.Background(), `INSERT INTO actions (portfolio, label, actor, changes, undone)
		SELECT $1, 'old ' || g, 'user' || (g % 7), jsonb_build_object('rows', jsonb_build_array(jsonb_build_object('kind', 'initiative', 'id', 'x', 'after', repeat('x', 400)))), g % 10 = 0
		FROM generate_series(1, 20000) g`, p.Name); err != nil {
		b.Fatal(err)
	}
	if _, err := s.pool.Exec(context.Background(), `ANALYZE actions`); err != nil {
		b.Fatal(err)
	}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		benchEdit(b, s, p, i)
		if _, ok := s.CanRedo(); ok {
			b.Fatal("redo after an action")
		}
	}
}

// A database of schema version 1 is brought to the current version,
// stepwise, by the first open of a role that may create tables; a
// read-only open and a role without CREATE say what to do instead, and
// nothing is lost.
func TestMigrateFromVersion1(t *testing.T) {
	u, owner, p := withSample(t, "owner")
	ctx := context.Background()
	editor := fmt.Sprintf("editor_%d", time.Now().UnixNano())
	mustExec(t, owner,
		// Back to version 1: what 0002 to 0004 added is gone.
		"DROP INDEX actions_by_user", "DROP TABLE caches", "ALTER TABLE portfolios DROP COLUMN state",
		"DELETE FROM schema_migrations WHERE version > 1",
		"CREATE ROLE "+editor+" LOGIN",
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "+editor,
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "+editor)
	dropRolesAtEnd(t, owner, editor)
	if SchemaVersion() < 4 {
		t.Fatalf("SchemaVersion %d", SchemaVersion())
	}
	if _, err := Open(ctx, u, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "has schema version 1 and needs") {
		t.Fatalf("a read-only open of version 1: %v", err)
	}
	eu := asRole(u, editor)
	if _, err := Open(ctx, eu, Options{}); err == nil || !strings.Contains(err.Error(), "open it once as its owner") {
		t.Fatalf("an open of version 1 by a role without CREATE: %v", err)
	}
	again := openAs(t, u, "owner")
	var v int
	var idx, caches, state bool
	if err := again.pool.QueryRow(ctx, `SELECT max(version), to_regclass('actions_by_user') IS NOT NULL, to_regclass('caches') IS NOT NULL,
		EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'portfolios' AND column_name = 'state') FROM schema_migrations`).Scan(&v, &idx, &caches, &state); err != nil || v != SchemaVersion() || !idx || !caches || !state {
		t.Fatalf("after the owner's open: version %d, index %v, caches table %v, state column %v, %v", v, idx, caches, state, err)
	}
	got, err := again.Load(p.Name)
	if err != nil || modeltest.JSON(t, got) != modeltest.JSON(t, p) {
		t.Fatalf("the portfolio after the migration: %v", err)
	}
	if l, ok := again.CanUndo(); !ok || l != "Create "+p.Name {
		t.Fatalf("the history after the migration: %q %v", l, ok)
	}
	ed, err := Open(ctx, eu, Options{})
	if err != nil {
		t.Fatalf("the editor after the migration: %v", err)
	}
	ed.Close()
}

// BenchmarkCreate1000 creates a 1,000-initiative portfolio (an import or a
// copy) per op.
func BenchmarkCreate1000(b *testing.B) {
	s := openAs(b, testURL(b), "bench")
	p := big(b, 1000)
	i := 0
	for b.Loop() {
		i++
		p.Name = fmt.Sprintf("Big %d", i)
		if err := s.Create(p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestListInByteOrder: List orders by name byte by byte, as the file store
// does, whatever the database's collation: under an ICU collation (the
// usual en-US kind) ORDER BY p.name alone puts "apple" before "Banana".
func TestListInByteOrder(t *testing.T) {
	s := openAs(t, testURL(t), "ana")
	var icu int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_collation WHERE collname = 'und-x-icu'`).Scan(&icu); err != nil || icu == 0 {
		t.Skipf("this server has no ICU collation (%v)", err)
	}
	for _, name := range []string{"apple", "Banana", "cherry"} {
		p := modeltest.Sample(t)
		p.Name = name
		if err := s.Create(p); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(t, s, `ALTER TABLE portfolios ALTER COLUMN name TYPE text COLLATE "und-x-icu"`)
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range list {
		got = append(got, l.Name)
	}
	if want := []string{"Banana", "apple", "cherry"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("List gave %v, want %v (byte order, as the file store)", got, want)
	}
}

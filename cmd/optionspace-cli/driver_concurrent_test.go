package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// TestDriverSetConcurrentBeforeAfter: parallel `driver set` runs on one
// database each print the portfolio value of the state their change was
// applied to and of the result, so in the order of the history each run's
// total_before is the previous run's total_after (the first's the value of
// the database as it was), and the last's total_after is what the saved
// database values to. A few rounds of runs started together, since one
// round may happen not to interleave.
func TestDriverSetConcurrentBeforeAfter(t *testing.T) {
	db, _ := sampleDB(t)
	name := func() string {
		st := openStore(t, db, store.Options{ReadOnly: true})
		l, _ := st.List()
		return l[0].Name
	}()
	total := func() float64 {
		en, err := portfolio.NewEngine(loadFrom(t, db, name), portfolio.Options{WithLinks: true})
		if err != nil {
			t.Fatal(err)
		}
		return en.Valuation().Total
	}
	const n, rounds = 12, 5
	wrong := 0
	for round := range rounds {
		wrong += driverRound(t, db, n, round, total)
		if t.Failed() {
			break
		}
	}
	if wrong > 0 {
		t.Logf("%d of %d runs printed a wrong total_before", wrong, n*rounds)
	}
}

// driverRound starts n `driver set members` runs at once and checks their
// before and after values against the history; it returns how many were
// wrong.
func driverRound(t *testing.T, db string, n, round int, total func() float64) (wrong int) {
	t.Helper()
	start := total()
	results := make(map[string]impactOut, n) // by history label
	var mu sync.Mutex
	var wg sync.WaitGroup
	begin := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-begin
			v := fmt.Sprint(60000 + 1000*i + 10*round)
			code, out, errOut := cli("driver", "--db", db, "set", "members", v, "--format", "json")
			if code != 0 {
				t.Errorf("set %s: exit %d: %s", v, code, errOut)
				return
			}
			var j impactOut
			if err := json.Unmarshal([]byte(out), &j); err != nil {
				t.Errorf("set %s: %v\n%s", v, err, out)
				return
			}
			mu.Lock()
			results["Set driver members to "+v] = j
			mu.Unlock()
		}()
	}
	close(begin)
	wg.Wait()
	if t.Failed() {
		return 0
	}
	st := openStore(t, db, store.Options{ReadOnly: true})
	undo, _, err := st.History()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(undo) < n {
		t.Fatalf("history has %d steps, want at least %d", len(undo), n)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	prev := start
	for k := n - 1; k >= 0; k-- { // oldest of the n first
		j, ok := results[undo[k].Label]
		if !ok {
			t.Fatalf("history step %q is not one of the runs", undo[k].Label)
		}
		if !near(j.TotalBefore, prev) {
			wrong++
			t.Errorf("%s: total_before %.6f, want %.6f (the previous action's total_after)", undo[k].Label, j.TotalBefore, prev)
		}
		prev = j.TotalAfter
	}
	if got := total(); !near(prev, got) {
		t.Errorf("the last run's total_after %.6f, the saved database values to %.6f", prev, got)
	}
	return wrong
}

// staleLoad is a database whose Load says the portfolio is not there,
// as a Load does just before another process creates it.
type staleLoad struct{ storage.Backend }

func (staleLoad) Load(string) (*model.Portfolio, error) { return nil, store.ErrNotFound }

// TestImportTableNameTakenMeanwhile: a CSV import into a portfolio that
// another process creates between the import's Load and its Create merges
// the rows into that portfolio (the latest state) instead of failing.
func TestImportTableNameTakenMeanwhile(t *testing.T) {
	db, p := sampleDB(t)
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	table, err := model.ReadCSVTable(strings.NewReader(csvHeader + "a1,Alpha 1,community,defer,100,50,0.2,2027-01-01,0\n"))
	if err != nil {
		t.Fatal(err)
	}
	added, updated, err := importTable(staleLoad{st}, p.Name, model.Today(), table)
	if err != nil || added != 1 || updated != 0 {
		t.Fatalf("import: %d added, %d updated, %v", added, updated, err)
	}
	if got := loadFrom(t, db, p.Name); len(got.Initiatives) != len(p.Initiatives)+1 {
		t.Errorf("%d initiatives, want %d", len(got.Initiatives), len(p.Initiatives)+1)
	}
}

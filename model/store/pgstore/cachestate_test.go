package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// sameState fails unless the store's cached state of the portfolio is
// what a fresh read of the database gives: the portfolio, the settings'
// version and state token, and every row's version, position, document
// (compared as JSON values: the cache keeps what it wrote, the database
// its jsonb text) and initiative.
func sameState(t *testing.T, s *Store, name, step string) {
	t.Helper()
	c := s.cached(name)
	if c == nil {
		t.Fatalf("%s: nothing cached", step)
	}
	want, err := s.load(context.Background(), s.pool, name)
	if err != nil {
		t.Fatal(err)
	}
	if modeltest.JSON(t, c.p) != modeltest.JSON(t, want.p) {
		t.Fatalf("%s: the cached portfolio is not the database's", step)
	}
	if c.metaVer != want.metaVer || c.state != want.state || !jsonEqual(c.meta, want.meta) {
		t.Fatalf("%s: cached settings version %d, token %d; the database's %d, %d (settings equal: %v)",
			step, c.metaVer, c.state, want.metaVer, want.state, jsonEqual(c.meta, want.meta))
	}
	if c.dense != want.dense {
		t.Fatalf("%s: cached rows dense %v, the database's %v", step, c.dense, want.dense)
	}
	if len(c.rows) != len(want.rows) {
		t.Fatalf("%s: %d rows cached, %d in the database", step, len(c.rows), len(want.rows))
	}
	for id, w := range want.rows {
		r := c.rows[id]
		switch {
		case r == nil:
			t.Fatalf("%s: row %s not cached", step, id)
		case r.ver != w.ver || r.pos != w.pos:
			t.Fatalf("%s: row %s cached at version %d, position %d; the database's %d, %d", step, id, r.ver, r.pos, w.ver, w.pos)
		case !jsonEqual(r.doc, w.doc):
			t.Fatalf("%s: row %s: the cached document is not the database's", step, id)
		case !reflect.DeepEqual(r.in, w.in):
			t.Fatalf("%s: row %s: the cached initiative is not the database's", step, id)
		}
	}
}

// TestOwnActionsKeepTheCacheExact: after each of a store's own actions
// (a row changed, several, one added, removed, two swapped, the settings
// changed, an undo, a redo) its cached state equals a fresh read of the
// database, and after an action or step that found nothing else written
// since its state was read, the next Load reads no row (the cached state
// is the one the action left, kept as is).
func TestOwnActionsKeepTheCacheExact(t *testing.T) {
	u := testURL(t)
	ana := openAs(t, u, "ana")
	p := big(t, 40)
	if err := ana.Create(p); err != nil {
		t.Fatal(err)
	}
	if _, err := ana.Load(p.Name); err != nil {
		t.Fatal(err)
	}
	sameState(t, ana, p.Name, "loaded")
	edits := append(rowEdits(), []namedEdit{
		{"added at the end", func(q *model.Portfolio) {
			in := q.Initiatives[4]
			in.ID, in.Name = "new-two", "New two"
			q.Initiatives = append(q.Initiatives, in)
		}},
		{"removed the last", func(q *model.Portfolio) { q.Initiatives = q.Initiatives[:len(q.Initiatives)-1] }},
		{"settings", func(q *model.Portfolio) { q.Description = "changed by ana" }},
		{"settings and a row", func(q *model.Portfolio) {
			q.Description = "changed again"
			q.Initiatives[20].Sigma = model.Number(0.22)
		}},
		{"a row with no change", func(q *model.Portfolio) {}},
	}...)
	for _, e := range edits {
		if _, err := ana.Apply(p.Name, e.name, func(q *model.Portfolio) error { e.edit(q); return nil }); err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		sameState(t, ana, p.Name, e.name)
		kept := ana.cached(p.Name)
		if _, err := ana.Load(p.Name); err != nil {
			t.Fatal(err)
		}
		if ana.cached(p.Name) != kept {
			t.Fatalf("%s: the Load after the store's own action read rows again", e.name)
		}
	}
	// An edit that changes everything it can reach, deep down, and then
	// fails: the copy it was given (the spare one made after the last
	// action) shares nothing with the cached state.
	refused := errors.New("refused")
	for range 2 {
		if _, err := ana.Apply(p.Name, "refused", func(q *model.Portfolio) error {
			q.Description = "scribbled"
			for i := range q.Initiatives {
				in := &q.Initiatives[i]
				in.Name, in.Leakage = "scribbled", 0.9
				for j := range in.Assumptions {
					in.Assumptions[j].Value = "scribbled"
				}
				for j := range in.Risks {
					in.Risks[j].Description = "scribbled"
				}
			}
			for i := range q.Drivers {
				q.Drivers[i].Name = "scribbled"
			}
			return refused
		}); !errors.Is(err, refused) {
			t.Fatalf("the refused edit: %v", err)
		}
		sameState(t, ana, p.Name, "a refused edit")
	}
	for _, step := range []struct {
		name string
		do   func() (string, error)
	}{{"undo", ana.Undo}, {"undo again", ana.Undo}, {"redo", ana.Redo}} {
		if _, err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		sameState(t, ana, p.Name, step.name) // as the step left it
		kept := ana.cached(p.Name)
		if _, err := ana.Load(p.Name); err != nil {
			t.Fatal(err)
		}
		if ana.cached(p.Name) != kept {
			t.Fatalf("%s: the Load after the store's own step read rows again", step.name)
		}
	}
	// A step after another session's action refreshes (ben changed a row
	// ana's undo does not touch).
	ben := openAs(t, u, "ben")
	if _, err := ben.Apply(p.Name, "ben", func(q *model.Portfolio) error { q.Initiatives[30].Leakage = 0.0123; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := ana.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := ana.Load(p.Name); err != nil {
		t.Fatal(err)
	}
	sameState(t, ana, p.Name, "undo after ben's action")
	if _, err := ana.Redo(); err != nil {
		t.Fatal(err)
	}
	sameState(t, ana, p.Name, "redo after ben's action")
	if _, err := ana.Apply(p.Name, "after the steps", func(q *model.Portfolio) error { q.Initiatives[0].Leakage = 0.004; return nil }); err != nil {
		t.Fatal(err)
	}
	sameState(t, ana, p.Name, "after the steps")
}

// TestInterleavedSessionsSeeEachOther: two stores (two sessions: ana and
// ben, each with its own cached state) taking turns at actions on one
// portfolio, on the same rows and on others, each see the other's writes
// (their Load is a fresh store's), and an action of ben's committed
// between ana's read of her state and her own transaction (inside her
// edit) is neither lost nor hidden from her cache.
func TestInterleavedSessionsSeeEachOther(t *testing.T) {
	u := testURL(t)
	ana, ben := openAs(t, u, "ana"), openAs(t, u, "ben")
	p := big(t, 30)
	if err := ana.Create(p); err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		want, err := openAs(t, u, "fresh").Load(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []*Store{ana, ben} {
			got, err := s.Load(p.Name)
			if err != nil {
				t.Fatal(err)
			}
			if modeltest.JSON(t, got) != modeltest.JSON(t, want) {
				t.Fatalf("%s: %s reads another portfolio than a fresh store", step, s.User())
			}
			sameState(t, s, p.Name, step+" ("+s.User()+")")
		}
	}
	for i := range 6 {
		v := 0.01 * float64(i+1)
		if _, err := ana.Apply(p.Name, fmt.Sprintf("ana %d", i), func(q *model.Portfolio) error { q.Initiatives[i].Leakage = v; return nil }); err != nil {
			t.Fatal(err)
		}
		if _, err := ben.Apply(p.Name, fmt.Sprintf("ben %d", i), func(q *model.Portfolio) error {
			q.Initiatives[i].Sigma = model.Number(0.2 + v) // the row ana just changed
			q.Initiatives[29-i].Leakage = v
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprintf("turn %d", i))
	}
	// Ben's action commits after ana's state was read for her action and
	// before her transaction: her action goes on (another row), and her
	// cache must not take her state plus her change for the whole truth.
	if _, err := ana.Apply(p.Name, "ana around ben", func(q *model.Portfolio) error {
		if _, err := ben.Apply(p.Name, "ben inside", func(q *model.Portfolio) error { q.Initiatives[12].Leakage = 0.077; return nil }); err != nil {
			return err
		}
		q.Initiatives[13].Leakage = 0.066
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := ana.Load(p.Name)
	if err != nil {
		t.Fatal(err)
	}
	if got.Initiatives[12].Leakage != 0.077 || got.Initiatives[13].Leakage != 0.066 {
		t.Fatalf("after ben's action inside ana's: leakage %v and %v, want 0.077 and 0.066", got.Initiatives[12].Leakage, got.Initiatives[13].Leakage)
	}
	check("ben inside ana")
	// The same, with ben changing the settings: ana's next action on a row
	// sees them.
	if _, err := ana.Apply(p.Name, "ana around ben's settings", func(q *model.Portfolio) error {
		if _, err := ben.Apply(p.Name, "ben's settings", func(q *model.Portfolio) error { q.Description = "ben's"; return nil }); err != nil {
			return err
		}
		q.Initiatives[14].Leakage = 0.055
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	check("ben's settings inside ana")
	if got, _ := ana.Load(p.Name); got.Description != "ben's" {
		t.Fatalf("ana reads the description %q, want ben's", got.Description)
	}
}

// loadedOf is the state a fresh load of p (as created) gives, without a
// database: each row at version 1, at its index, its document as
// marshalled.
func loadedOf(t *testing.T, p *model.Portfolio) *loaded {
	t.Helper()
	meta, docs, order, err := split(p)
	if err != nil {
		t.Fatal(err)
	}
	l := &loaded{p: p.Clone(), meta: meta, rows: map[string]*row{}}
	for i, id := range order {
		r := &row{ver: 1, doc: docs[id], pos: i}
		if err := json.Unmarshal(r.doc, &r.in); err != nil {
			t.Fatal(err)
		}
		l.rows[id] = r
	}
	l.rebuild()
	return l
}

// TestDiffRowsIsDiffAll: the rows diffRows finds from the edit's indices
// alone are those diffAll finds comparing every row (the removed ones in
// any order), for edits of rows, added, removed, moved and reversed
// initiatives, and of the settings.
func TestDiffRowsIsDiffAll(t *testing.T) {
	base := big(t, 25)
	edits := map[string]func(q *model.Portfolio){
		"one row":    func(q *model.Portfolio) { q.Initiatives[7].Leakage = 0.031 },
		"first row":  func(q *model.Portfolio) { q.Initiatives[0].Sigma = model.Number(0.5) },
		"last row":   func(q *model.Portfolio) { q.Initiatives[24].Sigma = model.Number(0.5) },
		"rename one": func(q *model.Portfolio) { q.Initiatives[3].Name = "Another name" },
		"added in the middle": func(q *model.Portfolio) {
			in := q.Initiatives[3]
			in.ID, in.Name = "new-one", "New one"
			q.Initiatives = append(q.Initiatives[:10], append([]model.Initiative{in}, q.Initiatives[10:]...)...)
		},
		"added at the end": func(q *model.Portfolio) {
			in := q.Initiatives[3]
			in.ID, in.Name = "new-one", "New one"
			q.Initiatives = append(q.Initiatives, in)
		},
		"removed the first": func(q *model.Portfolio) { q.Initiatives = q.Initiatives[1:] },
		"removed two":       func(q *model.Portfolio) { q.Initiatives = append(q.Initiatives[:4], q.Initiatives[6:]...) },
		"removed the last":  func(q *model.Portfolio) { q.Initiatives = q.Initiatives[:24] },
		"swapped":           func(q *model.Portfolio) { q.Initiatives[1], q.Initiatives[20] = q.Initiatives[20], q.Initiatives[1] },
		"reversed":          func(q *model.Portfolio) { slices.Reverse(q.Initiatives) },
		"replaced one": func(q *model.Portfolio) {
			q.Initiatives[5].ID, q.Initiatives[5].Name = "other-id", "Other"
		},
		"settings":          func(q *model.Portfolio) { q.Description = "new" },
		"settings and rows": func(q *model.Portfolio) { q.Description = "new"; q.Initiatives[2].Leakage = 0.2 },
	}
	key := func(c rowChange) string {
		return fmt.Sprintf("%s %s %d>%d %s>%s", c.Kind, c.ID, c.BeforePos, c.AfterPos, compactJSON(t, c.Before), compactJSON(t, c.After))
	}
	for name, edit := range edits {
		l := loadedOf(t, base)
		if !l.dense {
			t.Fatal("a state as created is not dense")
		}
		p := l.p.Clone()
		edit(p)
		e := model.Diff(l.p, p)
		meta, metaChanged, changes, checks, err := l.diffRows(p, &e)
		if err != nil {
			t.Fatal(err)
		}
		wMeta, wMetaChanged, wChanges, wChecks, err := l.diffAll(p, &e)
		if err != nil {
			t.Fatal(err)
		}
		if metaChanged != wMetaChanged || !jsonEqual(meta, wMeta) {
			t.Fatalf("%s: settings changed %v, want %v", name, metaChanged, wMetaChanged)
		}
		var got, want []string
		for _, c := range changes {
			got = append(got, key(c))
		}
		for _, c := range wChanges {
			want = append(want, key(c))
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Fatalf("%s: rows\n%q\nwant\n%q", name, got, want)
		}
		slices.SortFunc(checks, func(a, b verCheck) int { return strings.Compare(a.id, b.id) })
		slices.SortFunc(wChecks, func(a, b verCheck) int { return strings.Compare(a.id, b.id) })
		if !slices.Equal(checks, wChecks) {
			t.Fatalf("%s: checks %v, want %v", name, checks, wChecks)
		}
	}
}

func compactJSON(t *testing.T, b []byte) string {
	t.Helper()
	if b == nil {
		return "nil"
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

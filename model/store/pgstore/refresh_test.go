package pgstore

import (
	"fmt"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestRefreshSeesOthersRows: a store whose state is cached reads another
// user's changes of rows (one, several), added, removed and reordered
// initiatives as a fresh store reads the whole portfolio (refresh reads
// only the rows whose version moved, and puts changed rows in place when
// none moved).
func TestRefreshSeesOthersRows(t *testing.T) {
	u := testURL(t)
	ana, ben := openAs(t, u, "ana"), openAs(t, u, "ben")
	p := big(t, 30)
	if err := ana.Create(p); err != nil {
		t.Fatal(err)
	}
	check := func(step string) {
		t.Helper()
		got, err := ana.Load(p.Name) // cached, refreshed
		if err != nil {
			t.Fatal(err)
		}
		want, err := openAs(t, u, "fresh").Load(p.Name) // read whole
		if err != nil {
			t.Fatal(err)
		}
		if modeltest.JSON(t, got) != modeltest.JSON(t, want) {
			t.Fatalf("%s: the cached store reads another portfolio than a fresh one", step)
		}
	}
	check("created")
	edits := rowEdits()
	for i, e := range edits {
		if _, err := ben.Apply(p.Name, fmt.Sprintf("ben %d", i), func(q *model.Portfolio) error { e.edit(q); return nil }); err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		check(e.name)
		// ana's own action on the refreshed state, read back.
		if _, err := ana.Apply(p.Name, fmt.Sprintf("ana %d", i), func(q *model.Portfolio) error {
			q.Initiatives[len(q.Initiatives)-1].Leakage = 0.001 * float64(i+1)
			return nil
		}); err != nil {
			t.Fatalf("after %s: %v", e.name, err)
		}
		check("ana after " + e.name)
	}
}

// namedEdit is one edit of a test portfolio, by name.
type namedEdit struct {
	name string
	edit func(q *model.Portfolio)
}

// rowEdits are edits of a test portfolio of at least 30 initiatives that
// change, add, remove and move rows: what a cached state must follow.
func rowEdits() []namedEdit {
	return []namedEdit{
		{"one row", func(q *model.Portfolio) { q.Initiatives[7].Leakage = 0.031 }},
		{"three rows", func(q *model.Portfolio) {
			for _, i := range []int{0, 15, 29} {
				q.Initiatives[i].Sigma = model.Number(0.41)
			}
		}},
		{"added", func(q *model.Portfolio) {
			in := q.Initiatives[3]
			in.ID, in.Name = "new-one", "New one"
			q.Initiatives = append(q.Initiatives[:10], append([]model.Initiative{in}, q.Initiatives[10:]...)...)
		}},
		{"removed", func(q *model.Portfolio) { q.Initiatives = append(q.Initiatives[:4], q.Initiatives[5:]...) }},
		{"swapped", func(q *model.Portfolio) { q.Initiatives[1], q.Initiatives[2] = q.Initiatives[2], q.Initiatives[1] }},
		{"changed and moved", func(q *model.Portfolio) {
			q.Initiatives[6].Leakage = 0.052
			q.Initiatives[6], q.Initiatives[20] = q.Initiatives[20], q.Initiatives[6]
		}},
	}
}

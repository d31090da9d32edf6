package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
)

func TestDriverSetDatabase(t *testing.T) {
	db, _ := sampleDB(t)
	out := mustCLI(t, "driver", "--db", db, "set", "members", "150000", "--format", "json")
	var j impactOut
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err, out)
	}
	// members feeds only the rollout's S; the pilot gates it, so both move.
	ids := []string{}
	for _, m := range j.Moved {
		ids = append(ids, m.ID)
	}
	if len(j.Moved) != 2 || !strings.Contains(strings.Join(ids, ","), "community-rollout") || !(j.TotalAfter > j.TotalBefore) {
		t.Errorf("moved %v, totals %g -> %g", ids, j.TotalBefore, j.TotalAfter)
	}
	// Saved: the database now holds the new value, and undo restores it.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	list, _ := st.List()
	p, err := st.Load(list[0].Name)
	if err != nil || p.Driver("members").Value != 150000 {
		t.Errorf("saved value %v (%v)", p.Driver("members"), err)
	}
	if label, ok := st.CanUndo(); !ok || !strings.Contains(label, "members") {
		t.Errorf("undo label %q", label)
	}
	st.Close()

	if code, out, _ := cli("driver", "--db", db, "set", "members", "160000"); code != 0 || !strings.Contains(out, "Customer community rollout") || !strings.Contains(out, "Portfolio value") {
		t.Errorf("table: %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"set", "members"}, 2},
		{[]string{"set", "members", "lots"}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"set", "members", "1"}, 1}, // outside [low, high]
		{[]string{"set", "nobody", "1"}, 1},  // unknown driver
	} {
		if code, _, errOut := cli(append([]string{"driver", "--db", db}, c.args...)...); code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, code, c.code, errOut)
		}
	}
	if code, out, _ := cli("driver", "--db", db, "list"); code != 0 || !strings.Contains(out, "160000") {
		t.Errorf("list: %d\n%s", code, out)
	}
}

func TestDriverSetFile(t *testing.T) {
	in := chartSampleFile(t)
	mustCLI(t, "driver", "--file", in, "set", "value_per_member", "70")
	if code, out, _ := cli("driver", "--file", in, "list", "--format", "json"); code != 0 || !strings.Contains(out, `"value": 70`) {
		t.Errorf("file not saved:\n%s", out)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
)

func TestDriverSetDatabase(t *testing.T) {
	in := chartSampleFile(t)
	db := filepath.Join(t.TempDir(), "p.db")
	var out, errb bytes.Buffer
	if code := run([]string{"import", "--db", db, in}, &out, &errb); code != 0 {
		t.Fatalf("import: %d %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"driver", "--db", db, "set", "members", "150000", "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("driver set: %d %s", code, errb.String())
	}
	var j struct {
		TotalBefore float64 `json:"total_before"`
		TotalAfter  float64 `json:"total_after"`
		Moved       []struct {
			ID     string `json:"id"`
			Before struct {
				Value  float64 `json:"value"`
				Region int     `json:"region"`
			} `json:"before"`
			After struct {
				Value  float64 `json:"value"`
				Region int     `json:"region"`
			} `json:"after"`
		} `json:"moved"`
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatal(err, out.String())
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

	out.Reset()
	if code := run([]string{"driver", "--db", db, "set", "members", "160000"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "Customer community rollout") || !strings.Contains(out.String(), "Portfolio value") {
		t.Errorf("table: %d\n%s", code, out.String())
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
		errb.Reset()
		if code := run(append([]string{"driver", "--db", db}, c.args...), &out, &errb); code != c.code {
			t.Errorf("%v: exit %d, want %d (%s)", c.args, code, c.code, errb.String())
		}
	}
	out.Reset()
	if code := run([]string{"driver", "--db", db, "list"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "160000") {
		t.Errorf("list: %d\n%s", code, out.String())
	}
}

func TestDriverSetFile(t *testing.T) {
	in := chartSampleFile(t)
	var out, errb bytes.Buffer
	if code := run([]string{"driver", "--file", in, "set", "value_per_member", "70"}, &out, &errb); code != 0 {
		t.Fatalf("%d %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"driver", "--file", in, "list", "--format", "json"}, &out, &errb); code != 0 || !strings.Contains(out.String(), `"value": 70`) {
		t.Errorf("file not saved:\n%s", out.String())
	}
}

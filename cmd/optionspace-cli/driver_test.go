package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
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
	st := openStore(t, db, store.Options{})
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
	if code, out, _ := cli("driver", "--db", db, "list"); code != 0 || !strings.Contains(out, "160,000") {
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

// TestDriverListJSON: `driver list --format json` gives each driver as the
// portfolio file has it, less its uncertainty: the file's own driver
// objects (read here as plain JSON) with "uncertainty" removed.
func TestDriverListJSON(t *testing.T) {
	var file struct {
		Drivers []map[string]any `json:"drivers"`
	}
	if err := json.Unmarshal(samples.SCRMNorthwind, &file); err != nil {
		t.Fatal(err)
	}
	uncertain := 0
	for _, d := range file.Drivers {
		if _, ok := d["uncertainty"]; ok {
			uncertain++
			delete(d, "uncertainty")
		}
	}
	if uncertain == 0 {
		t.Fatal("the sample has no driver with an uncertainty: the test would not check that it is left out")
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(mustCLI(t, "driver", "--file", chartSampleFile(t), "list", "--format", "json")), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, file.Drivers) {
		t.Errorf("driver list JSON\n%v\nwant\n%v", got, file.Drivers)
	}
}

// TestNegativeValueIsAnArgument: "driver set NAME -5" reads -5 as the
// value (here outside the driver's range, so it is refused as such), not
// as an unknown flag; a flag's negative value still goes to the flag.
func TestNegativeValueIsAnArgument(t *testing.T) {
	in := chartSampleFile(t)
	code, _, stderr := cli("driver", "--file", in, "set", "value_per_member", "-5")
	if code == 0 || strings.Contains(stderr, "flag provided but not defined") || !strings.Contains(stderr, "value -5 is outside its range") {
		t.Errorf("driver set value_per_member -5: exit %d, stderr %s", code, stderr)
	}
	if out := mustCLI(t, "space", "--S", "100", "--X", "100", "--t", "1", "--sigma", "0.3", "--r", "-0.02", "--q", "0", "--json"); !strings.Contains(out, `"npvq": 0.98`) {
		t.Errorf("space with --r -0.02: %s", out)
	}
}

// TestDriverRangeErrorInDecimals: a value out of range is echoed as typed
// in plain decimals (1000000, not 1e+06).
func TestDriverRangeErrorInDecimals(t *testing.T) {
	in := chartSampleFile(t)
	if code, _, stderr := cli("driver", "--file", in, "set", "value_per_member", "1000000"); code == 0 || !strings.Contains(stderr, "value 1000000 is outside its range") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

// TestCountedInIsAnIDInBothJSONs: `value --format json` and `driver set
// --format json` say the same kind of thing in counted_in, the ID of the
// gate (the sample's link community-pilot gates community-rollout), not
// its name, at the move and in its before/after.
func TestCountedInIsAnIDInBothJSONs(t *testing.T) {
	const gate, followOn = "community-pilot", "community-rollout"
	in := chartSampleFile(t)
	var v struct {
		Initiatives []struct {
			ID        string `json:"id"`
			CountedIn string `json:"counted_in"`
		} `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "value", "--file", in, "--format", "json")), &v); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range v.Initiatives {
		if r.ID == followOn {
			found = true
			if r.CountedIn != gate {
				t.Errorf("value: %s counted_in %q, want %q", followOn, r.CountedIn, gate)
			}
		}
	}
	if !found {
		t.Fatalf("value: no %s", followOn)
	}
	var d struct {
		Moved []struct {
			ID        string `json:"id"`
			CountedIn string `json:"counted_in"`
			Before    struct {
				CountedIn string `json:"counted_in"`
			} `json:"before"`
			After struct {
				CountedIn string `json:"counted_in"`
			} `json:"after"`
		} `json:"moved"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "driver", "--file", in, "set", "members", "150000", "--format", "json")), &d); err != nil {
		t.Fatal(err)
	}
	found = false
	for _, m := range d.Moved {
		if m.ID == followOn {
			found = true
			if m.CountedIn != gate || m.Before.CountedIn != gate || m.After.CountedIn != gate {
				t.Errorf("driver set: %s counted_in %q (before %q, after %q), want %q", followOn, m.CountedIn, m.Before.CountedIn, m.After.CountedIn, gate)
			}
		}
	}
	if !found {
		t.Fatalf("driver set: %s did not move", followOn)
	}
}

// TestDriverTablesFormatNumbers: `driver list` and `driver set` print a
// driver's numbers as the report does (format.Quantity: 120,000, with
// the unit where a sentence names the value: "set to 150,000 members"),
// not raw (120000); `--format json` keeps the raw numbers. The expected
// cells are the sample's drivers written out by hand.
func TestDriverTablesFormatNumbers(t *testing.T) {
	in := chartSampleFile(t)
	out := mustCLI(t, "driver", "--file", in, "list")
	for _, want := range [][]string{
		{"members", "120,000", "60,000", "200,000", "members"},
		{"value_per_member", "55", "30", "80", "EUR"},
		{"social_share", "0.18", "0.1", "0.3", "share"},
		{"cost_per_agent", "150,000", "120,000", "190,000", "EUR"},
	} {
		found := false
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) >= 5 && f[0] == want[0] {
				found = true
				if strings.Join(f[:5], " ") != strings.Join(want, " ") {
					t.Errorf("driver list row %q, want it to start %q", l, strings.Join(want, "  "))
				}
			}
		}
		if !found {
			t.Errorf("driver list has no row for %s:\n%s", want[0], out)
		}
	}
	if js := mustCLI(t, "driver", "--file", in, "list", "--format", "json"); !strings.Contains(js, `"value": 120000`) {
		t.Errorf("driver list JSON lost its raw numbers:\n%s", js)
	}
	for _, c := range []struct{ name, value, want string }{
		{"members", "150000", "driver members set to 150,000 members (saved); 2 initiatives moved"},
		{"value_per_member", "55.5", "driver value_per_member set to 55.5 EUR (saved); 2 initiatives moved"},
		{"social_share", "0.2", "driver social_share set to 0.2 (saved); 1 initiative moved"},
	} {
		if out := mustCLI(t, "driver", "--file", in, "set", c.name, c.value); !strings.Contains(out, c.want) {
			t.Errorf("driver set %s %s: %q, want %q", c.name, c.value, strings.SplitN(out, "\n", 2)[0], c.want)
		}
	}
}

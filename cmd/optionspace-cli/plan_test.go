package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestPlanCommandJSON(t *testing.T) {
	in := chartSampleFile(t)
	out := mustCLI(t, "plan", "--file", in, "--budget", "2,000,000", "--frontier", "--format", "json")
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "budget,frontier,fund,greedy,keep,lapse,rows,spent,value" {
		t.Fatalf("keys %s", got)
	}
	var j planJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Budget != 2e6 || j.Spent > j.Budget || len(j.Fund) == 0 || j.Greedy.Value > j.Value || len(j.Frontier) < 2 {
		t.Fatalf("plan %+v", j)
	}
	// Every open initiative is in exactly one list.
	seen := map[string]int{}
	for _, l := range [][]string{j.Fund, j.Keep, j.Lapse} {
		for _, n := range l {
			seen[n]++
		}
	}
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s listed %d times", n, c)
		}
	}
	// The frontier rises and passes through the plan's value at its spend.
	for k := 1; k < len(j.Frontier); k++ {
		if j.Frontier[k].Value < j.Frontier[k-1].Value || j.Frontier[k].Budget <= j.Frontier[k-1].Budget {
			t.Fatalf("frontier not increasing: %+v", j.Frontier)
		}
	}
	// Never-fund the first funded initiative: it moves out of the plan.
	first := j.Fund[0]
	out = mustCLI(t, "plan", "--file", in, "--budget", "2000000", "--never", first, "--format", "json")
	var j2 planJSON
	if err := json.Unmarshal([]byte(out), &j2); err != nil {
		t.Fatal(err)
	}
	for _, n := range j2.Fund {
		if n == first {
			t.Fatalf("--never %q still funded", first)
		}
	}
	if j2.Value > j.Value+1e-6 || len(j2.Frontier) != 0 {
		t.Fatalf("with --never: %+v", j2)
	}
}

func TestPlanCommandTableAndErrors(t *testing.T) {
	in := chartSampleFile(t)
	if code, out, errOut := cli("plan", "--file", in, "--budget", "500000", "--period", "1y"); code != 0 || !strings.Contains(out, "Greedy ranking by profitability index") {
		t.Fatalf("table: exit %d\n%s%s", code, out, errOut)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{}, 2, "--budget is required"},
		{[]string{"--budget", "-5"}, 2, `--budget "-5": want an amount >= 0`},
		{[]string{"--budget", "lots"}, 2, `--budget "lots": want an amount >= 0`},
		{[]string{"--budget", "1e6", "--period", "soon"}, 2, `period "soon": want months (6m), years (1y) or a date`},
		{[]string{"--budget", "1e6", "--must", "Nope"}, 1, `no open initiative "Nope"`},
		{[]string{"--budget", "1e6", "--format", "xml"}, 2, `--format "xml"`},
		{[]string{"--budget", "1000", "--must", "Customer community rollout"}, 1, "budget 1000: no plan fits the budget"},
	} {
		code, _, errOut := cli(append([]string{"plan", "--file", in}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}

func TestChartFrontier(t *testing.T) {
	in := chartSampleFile(t)
	out := t.TempDir() + "/frontier.svg"
	mustCLI(t, "chart", "frontier", "--file", in, "--budget", "2000000", "-o", out, "--width", "800", "--height", "500")
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte("the plan")) {
		t.Fatalf("frontier SVG: %v", err)
	}
	if code, _, _ := cli("chart", "frontier", "--file", in, "--budget", "x", "-o", out); code != 2 {
		t.Errorf("bad budget: exit %d", code)
	}
}

func TestReportWithBudget(t *testing.T) {
	in := chartSampleFile(t)
	out := t.TempDir() + "/r.pdf"
	mustCLI(t, "report", "--file", in, "--budget", "2000000", "-o", out)
	if code, _, errOut := cli("report", "--file", in, "--budget", "-1", "-o", out); code != 2 || !strings.Contains(errOut, "--budget") {
		t.Errorf("bad budget: exit %d, %s", code, errOut)
	}
}

package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestSimulateCommand(t *testing.T) {
	in := chartSampleFile(t)
	code, out, errOut := cli("simulate", "--file", in, "--paths", "2000", "--seed", "3", "--horizon", "6m", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var j struct {
		Paths       int     `json:"paths"`
		Horizon     float64 `json:"horizon"`
		Mean        float64 `json:"mean"`
		P5          float64 `json:"p5"`
		P50         float64 `json:"p50"`
		P95         float64 `json:"p95"`
		Initiatives []struct {
			Regions map[string]float64 `json:"regions"`
			Expired float64            `json:"past_deadline"`
		} `json:"initiatives"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if j.Paths != 2000 || j.Horizon != 0.5 || !(j.P5 <= j.P50 && j.P50 <= j.P95) || len(j.Initiatives) == 0 {
		t.Errorf("summary %+v", j)
	}
	for _, s := range j.Initiatives {
		sum := s.Expired
		for _, p := range s.Regions {
			sum += p
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("region probabilities sum to %g", sum)
		}
	}
	if errOut != "" {
		t.Errorf("progress written to a non-terminal: %q", errOut)
	}
	if code, out, _ := cli("simulate", "--file", in, "--paths", "500"); code != 0 || !strings.Contains(out, "P95") {
		t.Errorf("table: %d\n%s", code, out)
	}
	for _, bad := range [][]string{{"--horizon", "soon"}, {"--paths", "0"}, {"--format", "xml"}, {"--horizon", "-1y"}} {
		if code, _, _ := cli(append([]string{"simulate", "--file", in}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	for _, c := range []struct {
		s    string
		want float64
	}{{"1y", 1}, {"18m", 1.5}, {"0.25", 0.25}, {"365.25d", 1}} {
		if got, err := parseHorizon(c.s); err != nil || math.Abs(got-c.want) > 1e-12 {
			t.Errorf("parseHorizon(%q) = %g, %v", c.s, got, err)
		}
	}
}

package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/valuation"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestEstimateSampleInitiatives(t *testing.T) {
	for _, name := range []string{"Enterprise social listening suite", "ticket-mining", "knowledge-base"} {
		out := mustCLI(t, "estimate", "--file", sample, "--initiative", name, "--paths", "4000", "--format", "json")
		var got estimateJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if !(got.S > 0) || !(got.Sigma > 0) || got.SigmaSE <= 0 || got.SSE <= 0 || got.Paths != 4000 || got.Seed != 1 {
			t.Errorf("%s: %+v", name, got)
		}
		// The naive estimate never falls below the corrected one by more
		// than noise: it adds the later years' variance.
		if got.SigmaNaive < got.Sigma-3*got.SigmaNaiveSE {
			t.Errorf("%s: naive %.4f below corrected %.4f", name, got.SigmaNaive, got.Sigma)
		}
		if len(got.Table) != got.Years || len(got.LineNames) != 2 {
			t.Errorf("%s: table of %d rows, %d lines", name, len(got.Table), len(got.LineNames))
		}
		// The same seed gives the same numbers.
		if _, again, _ := cli("estimate", "--file", sample, "--initiative", name, "--paths", "4000", "--format", "json"); again != out {
			t.Errorf("%s: a second run differs", name)
		}
	}
}

func TestEstimateErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"estimate", "--file", sample}, 2, "--initiative is required"},
		{[]string{"estimate", "--file", sample, "--initiative", "nope"}, 1, `no initiative named "nope"`},
		{[]string{"estimate", "--file", sample, "--initiative", "retailer-exit"}, 1, "no cash-flow model"},
		{[]string{"estimate", "--file", sample, "--initiative", "knowledge-base", "--paths", "5"}, 2, "--paths 5"},
	} {
		code, _, errOut := cli(c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

// Three points taken from a lognormal give back its σ; S is the
// lognormal's mean (gonum's distuv.LogNormal.Mean, e^(μ+σ²/2)) discounted,
// not its median P50 (8.6% below here); Black-Scholes matches the
// engine's; Datar–Mathews is the discounted triangular payoff. Three
// points of one lognormal print no warning; a P50 far from √(P10·P90)
// does.
func TestVolatilityThreePoint(t *testing.T) {
	ln := distuv.LogNormal{Mu: math.Log(1e6), Sigma: 0.3 * math.Sqrt(2)}
	p10, p50, p90 := ln.Quantile(0.1), ln.Quantile(0.5), ln.Quantile(0.9)
	out := mustCLI(t, "volatility", "--p10", ftoa(p10), "--p50", ftoa(p50), "--p90", ftoa(p90), "--years", "2", "--X", "900000", "--r", "0.04", "--format", "json")
	var got threePointJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if math.Abs(got.Sigma-0.3) > 1e-9 {
		t.Errorf("σ = %.12f, want 0.3", got.Sigma)
	}
	if want := ln.Mean() / (1.04 * 1.04); math.Abs(got.S-want) > 1e-6*want || math.Abs(got.Mean-ln.Mean()) > 1e-6*want {
		t.Errorf("S = %f (mean %f), want %f (mean %f)", got.S, got.Mean, want, ln.Mean())
	}
	if math.Abs(got.ImpliedMedian-p50) > 1e-6*p50 {
		t.Errorf("implied median %f, want P50 %f", got.ImpliedMedian, p50)
	}
	if code, _, errOut := cli("volatility", "--p10", ftoa(p10), "--p50", ftoa(p50), "--p90", ftoa(p90), "--years", "2"); code != 0 || errOut != "" {
		t.Errorf("three points of one lognormal: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := cli("volatility", "--p10", "600", "--p50", "1000", "--p90", "5000", "--years", "1"); code != 0 || !strings.Contains(errOut, "imply a median of 1732.05") {
		t.Errorf("P50 1000 with P10 600, P90 5000: exit %d, stderr %q: want the warning naming the implied median 1732.05", code, errOut)
	}
	bs, _ := valuation.BlackScholes(valuation.Call, valuation.Inputs{S: got.S, X: 900000, T: 2, Sigma: got.Sigma, R: math.Log(1.04)})
	if got.BlackScholes == nil || math.Abs(*got.BlackScholes-bs) > 1e-6 || got.DatarMathews == nil || *got.DatarMathews <= 0 {
		t.Errorf("values %+v", got)
	}
}

func TestVolatilitySeries(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "revenue.csv")
	csv := "\ufeffdate,revenue\n2025-01-01,100\n2025-01-31,110\n2025-04-02,99\n2025-07-02,120.45\n"
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustCLI(t, "volatility", "--series", p, "--format", "json")
	var got struct {
		Method  string  `json:"method"`
		Sigma   float64 `json:"sigma"`
		Returns int     `json:"returns"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Method != "history" || got.Returns != 3 || !(got.Sigma > 0) {
		t.Errorf("%+v", got)
	}
	bad := filepath.Join(dir, "bad.csv")
	_ = os.WriteFile(bad, []byte("date,value\n2025-01-01,100\n2025-13-01,5\n"), 0o644)
	if code, _, errOut := cli("volatility", "--series", bad); code != 1 || !strings.Contains(errOut, "line 3, column 1") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	if code, _, _ := cli("volatility", "--series", p, "--p10", "1"); code != 2 {
		t.Errorf("both modes: exit %d", code)
	}
}

func ftoa(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// TestVolatilitySeriesOutOfOrder: a series whose rows are not in date
// order is sorted (sigma as of the sorted series) with a note naming the
// first row out of order, so that a mistyped date does not pass in
// silence; a series in order gets no note.
func TestVolatilitySeriesOutOfOrder(t *testing.T) {
	dir := t.TempDir()
	sorted := filepath.Join(dir, "sorted.csv")
	shuffled := filepath.Join(dir, "shuffled.csv")
	if err := os.WriteFile(sorted, []byte("date,v\n2025-01-01,100\n2025-02-01,110\n2025-03-01,105\n2025-04-01,120\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shuffled, []byte("date,v\n2025-01-01,100\n2025-03-01,105\n2025-02-01,110\n2025-04-01,120\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, a, errA := cli("volatility", "--series", sorted, "--format", "json")
	if code != 0 || errA != "" {
		t.Fatalf("sorted: exit %d, stderr %q", code, errA)
	}
	code, b, errB := cli("volatility", "--series", shuffled, "--format", "json")
	if code != 0 || !strings.Contains(errB, "not in date order (value 3, dated 2025-02-01, comes after 2025-03-01)") {
		t.Fatalf("shuffled: exit %d, stderr %q: want the note naming value 3", code, errB)
	}
	var ja, jb struct {
		Sigma      float64 `json:"sigma"`
		OutOfOrder int     `json:"out_of_order"`
	}
	if json.Unmarshal([]byte(a), &ja) != nil || json.Unmarshal([]byte(b), &jb) != nil || ja.Sigma != jb.Sigma || ja.OutOfOrder != 0 || jb.OutOfOrder != 3 {
		t.Errorf("sigma %v / %v, out_of_order %d / %d: want the same sigma, 0 and 3", ja.Sigma, jb.Sigma, ja.OutOfOrder, jb.OutOfOrder)
	}
}

package chart

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestFrontierChart(t *testing.T) {
	in := FrontierInput{Unit: "EUR", Budget: 1.5e6,
		Points: []FrontierXY{{0, 2e6}, {4e5, 3e6}, {1.4e6, 3.6e6}, {2e6, 4e6}},
		Plan:   FrontierXY{1.4e6, 3.6e6}, Greedy: FrontierXY{4e5, 3e6}, ShowGreedy: true}
	p, err := Frontier(in, LightStyle())
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != 0 || p.X.Max < 2e6 || p.Y.Min > 2e6 || p.Y.Max < 4e6 {
		t.Errorf("axes x [%g, %g] y [%g, %g] do not hold the frontier", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	var buf bytes.Buffer
	if err := WriteTo(&buf, SVG, p, 640, 400); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Efficient frontier", "the plan", "greedy ranking by PI", "budget spent (EUR)"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("SVG lacks %q", s)
		}
	}
	if _, err := Frontier(FrontierInput{}, LightStyle()); err == nil {
		t.Error("empty frontier drawn")
	}
	if _, err := Frontier(FrontierInput{Points: []FrontierXY{{0, math.NaN()}}}, LightStyle()); err == nil {
		t.Error("NaN drawn")
	}
}

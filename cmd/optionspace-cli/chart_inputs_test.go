package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChartInputErrorsMakeNoFolder: every input error of chart (a flag out
// of its range, a kind that has no workbook, an unknown initiative, a bad
// date or budget) is reported before -o's missing folders are made, so a
// mistyped command leaves no empty folder behind; a good command then
// makes them.
func TestChartInputErrorsMakeNoFolder(t *testing.T) {
	in := chartSampleFile(t)
	const name = "Customer community rollout"
	for _, c := range []struct {
		args []string
		file string
		code int
		want string
	}{
		{[]string{"lattice", "--initiative", name, "--steps", "40"}, "x.png", 2, "--steps 40"},
		{[]string{"lattice", "--initiative", name, "--steps", "0"}, "x.xlsx", 2, "--steps 0"},
		{[]string{"simulation", "--runs", "1"}, "x.png", 2, "--runs 1"},
		{[]string{"space"}, "x.xlsx", 2, "the data of space charts is not written as a workbook"},
		{[]string{"frontier", "--budget", "lots"}, "x.png", 2, `--budget "lots"`},
		{[]string{"payoff", "--initiative", "No such thing"}, "x.png", 1, `initiative "No such thing"`},
		{[]string{"space", "--as-of", "2026-13-01"}, "x.png", 2, "as-of"},
		{[]string{"space", "--width", "10"}, "x.svg", 2, "--width 10"},
		{[]string{"tornado"}, "x.pdf", 2, "needs --initiative"},
	} {
		dir := t.TempDir()
		folder := filepath.Join(dir, "missing", "deeper")
		args := append([]string{"chart"}, c.args...)
		args = append(args, "--file", in, "-o", filepath.Join(folder, c.file))
		code, stdout, stderr := cli(args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.want)
		}
		if stdout != "" {
			t.Errorf("%v: stdout %q, want nothing", c.args, stdout)
		}
		if _, err := os.Stat(filepath.Join(dir, "missing")); !os.IsNotExist(err) {
			t.Errorf("%v: %s/missing exists after an input error (%v); want no folder made", c.args, dir, err)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "missing", "deeper", "x.png")
	if code, _, stderr := cli("chart", "lattice", "--initiative", name, "--steps", "5", "--file", in, "-o", out); code != 0 {
		t.Fatalf("good command: exit %d: %s", code, stderr)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("good command: %s not written (%v)", out, err)
	}
}

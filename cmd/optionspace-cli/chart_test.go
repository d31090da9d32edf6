package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

func TestChartKinds(t *testing.T) {
	in := chartSampleFile(t)
	dir := t.TempDir()
	for _, c := range []struct {
		kind string
		args []string
	}{
		{"space", []string{"--drift", "--by-tag"}},
		{"invest-wait", nil},
		{"tornado", []string{"--initiative", "Customer community rollout"}},
		{"payoff", []string{"--initiative", "Customer community rollout"}},
		{"lattice", []string{"--initiative", "Customer community rollout", "--steps", "5"}},
		{"history", nil},
		{"history", []string{"--initiative", "Customer community rollout"}},
		{"simulation", []string{"--runs", "2000", "--dark"}},
		{"layers", nil},
	} {
		out := filepath.Join(dir, c.kind+".png")
		args := append([]string{"chart", c.kind, "--file", in, "-o", out, "--width", "600", "--height", "400"}, c.args...)
		code, stdout, stderr := cli(args...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", c.kind, code, stderr)
			continue
		}
		if !strings.Contains(stdout, "wrote "+out) {
			t.Errorf("%s: stdout %q", c.kind, stdout)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", c.kind, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 400 {
			t.Errorf("%s: image %v, want 600x400", c.kind, b)
		}
	}
}

func TestChartFormats(t *testing.T) {
	in := chartSampleFile(t)
	dir := t.TempDir()
	for ext, magic := range map[string]string{"svg": "<svg", "pdf": "%PDF-"} {
		out := filepath.Join(dir, "space."+ext)
		mustCLI(t, "chart", "space", "--file", in, "-o", out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b[:min(len(b), 400)], []byte(magic)) {
			t.Errorf("%s: file does not start like %q", ext, magic)
		}
	}
}

func TestChartErrors(t *testing.T) {
	in := chartSampleFile(t)
	out := filepath.Join(t.TempDir(), "x.png")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"chart", "--file", in, "-o", out}, 2, "want one chart KIND"},
		{[]string{"chart", "pie", "--file", in, "-o", out}, 2, `unknown chart kind "pie"`},
		{[]string{"chart", "space", "--file", in}, 2, "-o OUT.png|svg|pdf is required"},
		{[]string{"chart", "space", "--file", in, "-o", "x.gif"}, 2, `unknown extension ".gif"`},
		{[]string{"chart", "tornado", "--file", in, "-o", out}, 2, "needs --initiative"},
		{[]string{"chart", "space", "--file", in, "-o", out, "--width", "10"}, 2, "--width 10"},
		{[]string{"chart", "lattice", "--file", in, "-o", out, "--initiative", "Customer community rollout", "--steps", "40"}, 2, "--steps 40"},
		{[]string{"chart", "payoff", "--file", in, "-o", out, "--initiative", "No such thing"}, 1, `initiative "No such thing"`},
		{[]string{"chart", "space", "--file", in, "-o", out, "--bogus"}, 2, ""},
	} {
		code, _, stderr := cli(c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args[1:], code, stderr, c.code, c.want)
		}
	}
}

// TestChartFromDB reads the portfolio from a database by name.
func TestChartFromDB(t *testing.T) {
	p := modeltest.Sample(t)
	db := newDB(t, p)
	out := filepath.Join(t.TempDir(), "layers.svg")
	mustCLI(t, "chart", "layers", "--db", db, "--portfolio", p.Name, "-o", out)
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("community")) {
		t.Errorf("svg: err %v, %d bytes", err, len(b))
	}
	if code, _, _ := cli("chart", "layers", "--db", db, "--portfolio", "nope", "-o", out); code == 0 {
		t.Error("unknown portfolio: exit 0")
	}
}

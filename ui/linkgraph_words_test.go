package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// endsAtBoundary reports whether a shown line that has no ellipsis is a
// whole number of words of name: name starts (first) or ends (!first)
// with it, and the character on the other side of it is a space or the
// line ends (first) or the name goes on (!first) after a "_", "-" or "/".
func endsAtBoundary(name, line string, first bool) bool {
	joiner := func(b byte) bool { return b == '_' || b == '-' || b == '/' }
	if first {
		if !strings.HasPrefix(name, line) {
			return false
		}
		return len(line) == len(name) || name[len(line)] == ' ' || joiner(line[len(line)-1])
	}
	if !strings.HasSuffix(name, line) {
		return false
	}
	k := len(name) - len(line)
	return k == 0 || name[k-1] == ' ' || joiner(name[k-1])
}

// The links graph writes a name on two lines only at word boundaries: a
// space, or after the "_" of a driver's name ("value_per_" / "member");
// a first word too long for the box is shortened in the middle on one
// line ("val…mber"), never cut across the lines ("value_per_me" / "mber",
// as in the real window at 1024x700). Every line without an ellipsis is
// checked against the name itself, at every box width from 30 to 200 in
// each of the graph's type sizes.
func TestLinksGraphWrapsAtWords(t *testing.T) {
	test.NewTempApp(t)
	p := newTestSession(t).Portfolio
	names := []string{"value_per_member", "cost_per_agent", "social_share", "members",
		"Insight-driven sales", "Route social posts to the contact center", "supercalifragilisticexpialidocious"}
	for _, d := range p.Drivers {
		names = append(names, d.Name)
	}
	for _, in := range p.Initiatives {
		names = append(names, in.Name)
	}
	twoLines := 0
	for _, name := range names {
		for _, size := range []float32{9, 10, 11} {
			for width := float32(30); width <= 200; width += 2 {
				lines := wrapTwo(name, width, size)
				if len(lines) == 0 || len(lines) > 2 {
					t.Fatalf("wrapTwo(%q, %v, %v) = %q", name, width, size, lines)
				}
				if len(lines) == 2 {
					twoLines++
				}
				for k, line := range lines {
					if w := fyne.MeasureText(line, size, fyne.TextStyle{}).Width; w > width {
						t.Errorf("%q at %v/%vpt: line %q is %.1f wide", name, width, size, line, w)
					}
					if strings.Contains(line, "…") {
						continue
					}
					if !endsAtBoundary(name, line, k == 0) {
						t.Errorf("%q at width %v, %vpt: line %d %q breaks a word (%q)", name, width, size, k+1, line, lines)
					}
				}
			}
		}
	}
	if twoLines == 0 {
		t.Fatal("no name took two lines: the widths do not reach the wrapping")
	}
	// The driver's name breaks after an underscore when that fits.
	if got := wrapTwo("value_per_member", fyne.MeasureText("value_per_", 10, fyne.TextStyle{}).Width+1, 10); len(got) != 2 || got[0] != "value_per_" || got[1] != "member" {
		t.Errorf("value_per_member wraps as %q, want [value_per_ member]", got)
	}
}

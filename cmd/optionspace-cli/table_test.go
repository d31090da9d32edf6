package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"text/tabwriter"
)

// TestTableIsTabwriterForASCII: on text of one-column-wide characters the
// table lays out exactly as text/tabwriter (padding 2, spaces, left or
// right aligned), over random tables with ragged rows, empty cells, text
// after the last tab and a last line without a newline.
func TestTableIsTabwriterForASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"", "a", "bb", "Initiative", "1,234,567", "passed", "x y z"}
	for n := range 500 {
		var text strings.Builder
		for range rng.IntN(8) {
			for range rng.IntN(6) {
				text.WriteString(words[rng.IntN(len(words))] + "\t")
			}
			text.WriteString(words[rng.IntN(len(words))])
			text.WriteString("\n")
		}
		if rng.IntN(4) == 0 {
			text.WriteString("tail\tno newline")
		}
		for _, right := range []bool{false, true} {
			var want, got bytes.Buffer
			flags := uint(0)
			if right {
				flags = tabwriter.AlignRight
			}
			tw := tabwriter.NewWriter(&want, 0, 0, 2, ' ', flags)
			fmt.Fprint(tw, text.String())
			if err := tw.Flush(); err != nil {
				t.Fatal(err)
			}
			tb := &table{w: &got, right: right}
			fmt.Fprint(tb, text.String())
			if err := tb.Flush(); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("case %d (right %v) %q:\ngot\n%s\nwant\n%s", n, right, text.String(), got.String(), want.String())
			}
		}
	}
}

// TestTableCountsDisplayWidth: a CJK character takes two terminal columns
// (the Unicode East Asian Width property W/F), so the second column starts
// at the same display column after a Chinese name as after a Latin one;
// tabwriter, counting runes, starts it two columns early per character.
func TestTableCountsDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "供应链": 6, "ＡＢ": 4, "é": 1, "e\u0301": 1, "Ωmega": 5} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
	var b bytes.Buffer
	tb := newTable(&b)
	fmt.Fprint(tb, "Name\tValue\t\n供应链风险\t12\t\nSupplier audit\t3\t\n")
	if err := tb.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "Name            Value  \n" +
		"供应链风险      12     \n" + // 10 columns of name + 6 spaces = 16
		"Supplier audit  3      \n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

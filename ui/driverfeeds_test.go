package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model/modeltest"
)

func TestFeedsText(t *testing.T) {
	names := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("I%d", i)
		}
		return out
	}
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "-"},
		{1, "I0"},
		{6, "I0, I1, I2, I3, I4, I5"},
		{7, "I0, I1, I2, I3, I4, I5 and 1 more (7 initiatives)"},
		{50, "I0, I1, I2, I3, I4, I5 and 44 more (50 initiatives)"},
	} {
		if got := feedsText(names(c.n)); got != c.want {
			t.Errorf("%d names: %q, want %q", c.n, got, c.want)
		}
	}
}

// TestDriverRowNamesAFewInitiatives: in a large portfolio a driver's row
// names six of the initiatives it feeds and counts the rest, instead of a
// wall of names (modeltest.Large(100, 0, 2): driver_0 feeds the ten
// initiatives 0000, 0010, ... 0090).
func TestDriverRowNamesAFewInitiatives(t *testing.T) {
	ses := sessionWith(t, modeltest.Large(100, 0, 2))
	win := windowOn(t, ses)
	if err := win.ShowView("drivers"); err != nil {
		t.Fatal(err)
	}
	var info string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			if strings.HasPrefix(x.Text, "driver_0 · range") {
				info = x.Text
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(win.shown["drivers"].(*driversView).rows)
	if info == "" {
		t.Fatal("no row for driver_0")
	}
	if !strings.HasSuffix(info, "feeds Initiative 0000, Initiative 0010, Initiative 0020, Initiative 0030, Initiative 0040, Initiative 0050 and 4 more (10 initiatives)") {
		t.Errorf("driver_0's row: %q", info)
	}
}

package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model/modeltest"
)

// tourText is the text the shown tour's step reads: its word-wrapped
// label.
func tourText(t *testing.T, win *Window) string {
	t.Helper()
	var got string
	walkRendered(win.tour, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && l.Wrapping == fyne.TextWrapWord {
			got = l.Text
		}
		return true
	})
	if got == "" {
		t.Fatal("the tour shows no text")
	}
	return got
}

// TestTourWelcomeIsTheOpenPortfolios: the tour's first step calls the
// open portfolio the Northwind sample only when it is the sample, with
// its count (13); on another portfolio (1,000 initiatives, opened for the
// first time) it names that one and its count, and says nothing of the
// sample. It read "This is the Northwind SCRM sample: thirteen
// initiatives" on every portfolio.
func TestTourWelcomeIsTheOpenPortfolios(t *testing.T) {
	for _, c := range []struct {
		name      string
		ses       func() *Session
		want, not []string
	}{
		{"sample", func() *Session { return newTestSession(t) },
			[]string{"Northwind SCRM sample", "13 initiatives"}, nil},
		{"large", func() *Session { return sessionWith(t, modeltest.Large(1000, 0, 0)) },
			[]string{"“Large portfolio”", "1,000 initiatives"}, []string{"Northwind", "sample", "thirteen", "13 "}},
	} {
		win := mountWindow(test.NewTempApp(t), c.ses(), "", fyne.NewSize(1024, 700))
		win.showTour()
		got := tourText(t, win)
		for _, s := range c.want {
			if !strings.Contains(got, s) {
				t.Errorf("%s: the tour's welcome %q does not say %q", c.name, got, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(got, s) {
				t.Errorf("%s: the tour's welcome %q says %q", c.name, got, s)
			}
		}
	}
}

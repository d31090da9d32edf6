package ui

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
)

// commitEntry is an entry that reports when its value should be saved: on
// Enter and when it loses focus.
//
// Ctrl+Z while it holds unsaved typing puts back its saved text first (the
// text it was last given by SetText, which the inspector does on every
// load); only the next Ctrl+Z undoes the portfolio's last action.
type commitEntry struct {
	appEntry // the window's shortcuts and F1 work while it has the focus
	onCommit func()
	// base is the text last set by SetText: the saved value.
	base string
}

// SetText sets the text and takes it as the saved value.
func (e *commitEntry) SetText(text string) {
	e.base = text
	e.appEntry.SetText(text)
}

// TypedShortcut implements fyne.Shortcutable: Ctrl+Z with unsaved typing
// undoes the typing (and says so); every other shortcut, and Ctrl+Z on a
// saved field, is the window's.
func (e *commitEntry) TypedShortcut(s fyne.Shortcut) {
	if isUndo(s) && e.Text != e.base {
		e.appEntry.SetText(e.base)
		if w := windowOf(e); w != nil {
			msg := "Undid your typing: the field shows its saved value again"
			if label, ok := w.ses.CanUndo(); ok {
				msg += fmt.Sprintf(" · Ctrl+Z again undoes %q", label)
			}
			w.setStatus(msg)
		}
		return
	}
	e.appEntry.TypedShortcut(s)
}

// isUndo reports whether s is Ctrl+Z (fyne's undo shortcut, or the custom
// one without Shift).
func isUndo(s fyne.Shortcut) bool {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		return true
	case *desktop.CustomShortcut:
		return s.KeyName == fyne.KeyZ && s.Modifier == fyne.KeyModifierShortcutDefault
	}
	return false
}

func newCommitEntry(multiLine bool) *commitEntry {
	e := &commitEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.extend(e)
	e.OnSubmitted = func(string) { e.commit() }
	return e
}

// FocusLost implements fyne.Focusable: leaving the field saves it.
func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
}

func (e *commitEntry) commit() {
	if e.onCommit != nil {
		e.onCommit()
	}
}

// errorLabel is a label for an inline validation message.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// setError shows msg in l, or hides l when msg is "".
func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// errNotNumber is returned by parseAmount for text that is no number.
var errNotNumber = errors.New("not a number")

// parseAmount reads a number as users type it: "1200000", "1,200,000",
// "1.2M", "700k", "2B", "30%" (0.3). Spaces and thousands separators are
// ignored.
func parseAmount(s string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), " ", ""))
	if s == "" {
		return 0, errNotNumber
	}
	mult := 1.0
	switch s[len(s)-1] {
	case 'k', 'K':
		mult = 1e3
	case 'm', 'M':
		mult = 1e6
	case 'b', 'B':
		mult = 1e9
	case '%':
		mult = 0.01
	}
	if mult != 1 {
		s = s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errNotNumber
	}
	return v * mult, nil
}

// formatNumber writes v so that parseAmount reads it back exactly.
func formatNumber(v float64) string {
	if a := math.Abs(v); a == 0 || (a >= 1e-4 && a < 1e15) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// quantityText is a quantity as the form shows it: the formula, or the
// number without exponent.
func quantityText(q model.Quantity) string {
	if q.IsFormula() {
		return q.Formula
	}
	return formatNumber(q.Value)
}

// fieldError formats a validation message for one field.
func fieldError(label, msg string) string {
	return fmt.Sprintf("%s: %s", label, msg)
}

// userWords rewrites a model message in the user's words: quoted
// initiative ids become their names and list positions ("links[6]: ")
// are dropped, so users see names, never ids.
func userWords(p *model.Portfolio, msg string) string {
	if msg == "" || p == nil {
		return msg
	}
	for _, in := range p.Initiatives {
		if in.ID != "" && in.ID != in.Name {
			msg = strings.ReplaceAll(msg, strconv.Quote(in.ID), strconv.Quote(in.Name))
		}
	}
	return listIndex.ReplaceAllString(msg, "")
}

// listIndex matches a model message's list position prefix ("links[6]: ").
var listIndex = regexp.MustCompile(`\b[a-z_]+\[\d+\](\.[a-z_]+)?: `)

package report

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/ui/format"
)

// dash is what an empty field shows.
const dash = "–"

// ellipsis ends text cut to fit.
const ellipsis = "…"

// groupDigits returns the integer n with thousands separators.
func groupDigits(n int64) string { return format.Group(n) }

// formatMoney returns v in full, as everywhere else (format.MoneyFull):
// "€197,413" (no decimals from 100 up, two below), a dash when v is not
// finite.
func formatMoney(v float64, cur string) string { return format.MoneyFull(v, clean(cur)) }

// formatMoneyShort returns v with three significant digits and a k, M or
// B suffix, as everywhere else (format.MoneyCompact): "€197k", "€1.25M";
// a dash when v is not finite.
func formatMoneyShort(v float64, cur string) string { return format.MoneyCompact(v, clean(cur)) }

// formatFloat returns v with d decimals, a dash when not finite.
func formatFloat(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		if math.IsInf(v, 1) {
			return "∞"
		}
		return dash
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	if s == "-0" || strings.TrimLeft(strings.TrimLeft(s, "-"), "0.") == "" && strings.HasPrefix(s, "-") {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// formatPercent returns v as a percentage with d decimals: 0.25 -> "25.0%".
func formatPercent(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return dash
	}
	return formatFloat(100*v, d) + "%"
}

// formatDate returns the ISO date, or a dash for the zero date.
func formatDate(d model.Date) string {
	if d.IsZero() {
		return dash
	}
	return d.String()
}

// formatLongDate returns "1 October 2026", or a dash.
func formatLongDate(d model.Date) string {
	if d.IsZero() {
		return dash
	}
	return d.Format("2 January 2006")
}

// orDash returns the cleaned s, or a dash when it is blank.
func orDash(s string) string {
	s = clean(s)
	if s == "" {
		return dash
	}
	return s
}

// clean makes portfolio text safe to print on one line: valid UTF-8, no
// control characters (tabs and line breaks become spaces), runs of spaces
// collapsed, no leading or trailing space. Characters no embedded font has
// are kept: the writer prints them as a marker (see writer.text).
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// printable returns s as valid UTF-8 with control characters as spaces;
// unlike clean it keeps spacing as it is. Characters no font has are
// kept: writer.text prints them as the marker.
func printable(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// cleanParagraphs is clean for multi-paragraph text: it keeps line breaks
// between paragraphs (blank-line runs collapsed to one break).
func cleanParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n") {
		if p = clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

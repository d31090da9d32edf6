package model

import (
	"encoding/csv"
	"io"
	"strings"
)

// Spreadsheets (Excel, LibreOffice, Google Sheets) run a CSV cell that
// begins with =, +, -, @, a tab or a carriage return as a formula ("CSV
// injection", OWASP). Every CSV the product writes passes its cells through
// EscapeCSVCell, which prefixes such a cell with a single quote, the
// spreadsheet convention for "this is text"; ReadCSV undoes it with
// UnescapeCSVCell, so an export read back is unchanged.
//
// A plain decimal number ("-5", "+1.5e3") is never escaped: spreadsheets
// read it as a number, and numeric columns must stay numbers.
//
// The escaping is a bijection: a cell that already starts with quotes
// followed by a formula character ("'=x") gets one more quote, and
// UnescapeCSVCell removes exactly one quote from a cell that starts with
// one or more quotes followed by a formula character. Any other cell
// (including a hand-written "'hello") is left as it is both ways.

// csvFormulaStart reports whether c makes a spreadsheet read a cell as a
// formula.
func csvFormulaStart(c byte) bool {
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
}

// quotedFormula reports whether s is zero or more single quotes followed
// by a formula character.
func quotedFormula(s string) bool {
	t := strings.TrimLeft(s, "'")
	return t != "" && csvFormulaStart(t[0])
}

// plainNumber reports whether s is a decimal number with an optional sign
// and exponent, as a spreadsheet reads a number.
func plainNumber(s string) bool {
	i := skipSign(s, 0)
	j := skipDigits(s, i)
	digits := j - i
	if j < len(s) && s[j] == '.' {
		i = j + 1
		j = skipDigits(s, i)
		digits += j - i
	}
	if digits == 0 {
		return false
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		i = skipSign(s, j+1)
		if j = skipDigits(s, i); j == i {
			return false // an exponent without digits
		}
	}
	return j == len(s)
}

// skipSign returns the index after an optional + or - at s[i].
func skipSign(s string, i int) int {
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		return i + 1
	}
	return i
}

// skipDigits returns the index after the run of decimal digits from s[i].
func skipDigits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// EscapeCSVCell returns s as a CSV cell that no spreadsheet runs as a
// formula: a cell beginning with =, +, -, @, tab or carriage return (after
// any single quotes) gets a single quote in front; plain numbers and every
// other cell are returned unchanged. UnescapeCSVCell reverses it.
func EscapeCSVCell(s string) string {
	if s == "" || plainNumber(s) || !quotedFormula(s) {
		return s
	}
	return "'" + s
}

// UnescapeCSVCell reverses EscapeCSVCell: one leading single quote is
// removed from a cell of one or more quotes followed by =, +, -, @, tab or
// carriage return. Other cells are returned unchanged.
func UnescapeCSVCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && quotedFormula(s[1:]) && !plainNumber(s[1:]) {
		return s[1:]
	}
	return s
}

// CSVWriter is a csv.Writer that escapes every cell with EscapeCSVCell.
// Every CSV writer of the product uses it (or EscapeCSVCell).
type CSVWriter struct {
	*csv.Writer
	buf []string
}

// NewCSVWriter returns a CSVWriter writing to w.
func NewCSVWriter(w io.Writer) *CSVWriter {
	return &CSVWriter{Writer: csv.NewWriter(w)}
}

// Write writes one record, each cell escaped.
func (w *CSVWriter) Write(record []string) error {
	w.buf = w.buf[:0]
	for _, c := range record {
		w.buf = append(w.buf, EscapeCSVCell(c))
	}
	return w.Writer.Write(w.buf)
}

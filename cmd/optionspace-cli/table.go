package main

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// tablePadding is the space between a table's columns.
const tablePadding = 2

// table is the writer of the commands' table outputs. Text written to it
// is laid out as text/tabwriter lays it out with padding 2 and spaces
// (cells end in a tab; a column is as wide as its widest cell in a block of
// consecutive lines that have that cell; the text after a line's last tab
// is not aligned), but a cell's width is its display width on a terminal
// (displayWidth: a CJK character takes two columns), where tabwriter counts
// runes and misaligns the columns after a Chinese or Japanese name.
type table struct {
	w     io.Writer
	right bool // cells right-aligned (tabwriter.AlignRight)
	buf   bytes.Buffer
}

// Write buffers p; Flush lays out and writes what was written.
func (t *table) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the buffered text laid out in columns and empties the
// buffer.
func (t *table) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	if text == "" {
		return nil
	}
	var lines [][]string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.Split(l, "\t"))
	}
	var out bytes.Buffer
	t.format(&out, lines, nil, 0, len(lines))
	_, err := t.w.Write(out.Bytes())
	return err
}

// format writes lines[line0:line1] with the column widths widths known so
// far: each block of consecutive lines that has a cell in the next column
// gets that column's width (text/tabwriter's algorithm).
func (t *table) format(out *bytes.Buffer, lines [][]string, widths []int, line0, line1 int) {
	column := len(widths)
	for this := line0; this < line1; this++ {
		if column >= len(lines[this])-1 {
			continue
		}
		t.writeLines(out, lines, widths, line0, this)
		line0 = this
		w := 0
		for ; this < line1 && column < len(lines[this])-1; this++ {
			w = max(w, displayWidth(lines[this][column])+tablePadding)
		}
		t.format(out, lines, append(widths[:column:column], w), line0, this)
		line0 = this
	}
	t.writeLines(out, lines, widths, line0, line1)
}

// writeLines writes lines[line0:line1], each cell padded to its column's
// width; the last line of all has no newline (it is what followed the
// last one written).
func (t *table) writeLines(out *bytes.Buffer, lines [][]string, widths []int, line0, line1 int) {
	for i := line0; i < line1; i++ {
		for j, c := range lines[i] {
			pad := 0
			if j < len(widths) {
				pad = widths[j] - displayWidth(c)
			}
			if t.right {
				out.WriteString(strings.Repeat(" ", max(pad, 0)))
				out.WriteString(c)
			} else {
				out.WriteString(c)
				out.WriteString(strings.Repeat(" ", max(pad, 0)))
			}
		}
		if i+1 < len(lines) {
			out.WriteByte('\n')
		}
	}
}

// displayWidth is the number of terminal columns s takes: two for East
// Asian wide and fullwidth characters (golang.org/x/text/width), none for
// combining marks and format characters (a zero-width joiner), one for
// the rest.
func displayWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		case width.LookupRune(r).Kind() == width.EastAsianWide, width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

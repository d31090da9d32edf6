package report

// Table helpers shared by the sections: table, tableWrapped for long text
// and cappedTable, which shows a profile's first rows and says where the
// rest are.

import "fmt"

// column is one column of a table.
type column struct {
	title string
	width float64 // share of the table width (normalised)
	right bool    // right-aligned (numbers)
	// wrap wraps the column's cells (table: at most maxWrapLines lines)
	// instead of cutting them with an ellipsis.
	wrap bool
}

// maxWrapLines bounds a wrapped cell of table.
const maxWrapLines = 4

// tableWrapped is table for few rows with long text: each cell wraps
// within its column (at most 4 lines).
func (w *writer) tableWrapped(cols []column, rows [][]string, swatch func(i int) (rgb, bool)) {
	ws, width := w.columnWidths(cols), w.contentW()
	const pad = 4.0
	w.font("", sizeTable)
	for r, row := range rows {
		cells := make([][]string, len(cols))
		n := 1
		for i := range cols {
			avail := ws[i] - 2*pad
			if i == 0 && swatch != nil {
				avail -= 11
			}
			cells[i] = w.wrap(row[i], avail, 4)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*leadSmall + 6
		w.ensure(h)
		y := w.y()
		if r%2 == 1 {
			w.fillColor(colZebra)
			w.doc.Rect(marginX, y, width, h, "F")
		}
		x := marginX
		for i := range cols {
			tx := x + pad
			if i == 0 && swatch != nil {
				if c, ok := swatch(r); ok {
					w.fillColor(c)
					w.doc.Rect(tx, y+4, 7, 7, "F")
				}
				tx += 11
			}
			w.font("", sizeTable)
			if i == 0 {
				w.font("B", sizeTable)
			}
			w.textColor(colText)
			for j, l := range cells[i] {
				w.text(tx, y+3+sizeTable+float64(j)*leadSmall, l)
			}
			x += ws[i]
		}
		w.setY(y + h)
	}
	w.setY(w.y() + 8)
}

// columnWidths shares the content width among cols in proportion to their
// relative widths.
func (w *writer) columnWidths(cols []column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	width := w.contentW()
	ws := make([]float64, len(cols))
	for i, c := range cols {
		ws[i] = c.width / total * width
	}
	return ws
}

// table writes a table with a tinted header row (repeated after page
// breaks), zebra rows, right-aligned numbers and every cell cut to its
// column with an ellipsis. swatch, when not nil, returns a colour to mark
// a row's first cell with.
func (w *writer) table(cols []column, rows [][]string, swatch func(i int) (rgb, bool)) {
	ws, width := w.columnWidths(cols), w.contentW()
	const pad = 4.0
	headerRow := func() {
		y := w.y()
		w.fillColor(colTint)
		w.doc.Rect(marginX, y, width, rowHeight+2, "F")
		w.font("B", sizeTable)
		w.textColor(colAccent)
		x := marginX
		for i, c := range cols {
			t := w.fit(c.title, ws[i]-2*pad)
			tx := x + pad
			if c.right {
				tx = x + ws[i] - pad - w.width(t)
			}
			w.text(tx, y+rowHeight-3, t)
			x += ws[i]
		}
		w.drawColor(colAccent)
		w.doc.SetLineWidth(0.6)
		w.doc.Line(marginX, y+rowHeight+2, marginX+width, y+rowHeight+2)
		w.setY(y + rowHeight + 2)
	}
	w.ensure(2 * rowHeight)
	headerRow()
	for r, row := range rows {
		lines, h := w.rowLines(cols, ws, row, swatch != nil)
		if w.y()+h > w.bottom() {
			w.newPage(w.pageW() > w.pageH())
			headerRow()
		}
		y := w.y()
		if r%2 == 1 {
			w.fillColor(colZebra)
			w.doc.Rect(marginX, y, width, h, "F")
		}
		x := marginX
		w.font("", sizeTable)
		for i, c := range cols {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			tx := x + pad
			avail := ws[i] - 2*pad
			if i == 0 && swatch != nil {
				if col, ok := swatch(r); ok {
					w.fillColor(col)
					w.doc.Rect(x+pad, y+3.5, 7, 7, "F")
					tx += 11
					avail -= 11
				}
			}
			w.textColor(colText)
			if c.wrap {
				for j, l := range lines[i] {
					w.text(tx, y+rowHeight-4+float64(j)*leadSmall, l)
				}
				x += ws[i]
				continue
			}
			t := w.fit(cell, avail)
			if c.right {
				tx = x + ws[i] - pad - w.width(t)
			}
			w.text(tx, y+rowHeight-4, t)
			x += ws[i]
		}
		w.setY(y + h)
	}
	w.drawColor(colRule)
	w.doc.SetLineWidth(0.4)
	w.doc.Line(marginX, w.y(), marginX+width, w.y())
	w.setY(w.y() + 8)
}

// rowLines wraps the cells of row's wrapping columns (widths ws; the
// first column has a swatch when swatch) and returns them with the row's
// height.
func (w *writer) rowLines(cols []column, ws []float64, row []string, swatch bool) ([][]string, float64) {
	const pad = 4.0
	var lines [][]string
	n := 1
	for i, c := range cols {
		if !c.wrap || i >= len(row) {
			continue
		}
		if lines == nil {
			lines = make([][]string, len(cols))
		}
		avail := ws[i] - 2*pad
		if i == 0 && swatch {
			avail -= 11
		}
		w.font("", sizeTable)
		lines[i] = w.wrap(row[i], avail, maxWrapLines)
		n = max(n, len(lines[i]))
	}
	return lines, rowHeight + float64(n-1)*leadSmall
}

// cutCell reports whether table shortens s in column i of cols (without
// a swatch): a wrapping column past maxWrapLines lines, another past one.
func (w *writer) cutCell(cols []column, i int, s string) bool {
	const pad = 4.0
	avail := w.columnWidths(cols)[i] - 2*pad
	w.font("", sizeTable)
	if cols[i].wrap {
		return len(w.wrap(s, avail, 0)) > maxWrapLines
	}
	return w.width(clean(s)) > avail
}

// cappedTable writes rows, the first limit of them when limit > 0, and
// says how many were left out and where they are.
func (w *writer) cappedTable(cols []column, rows [][]string, swatch func(i int) (rgb, bool), limit int, what string) {
	n := len(rows)
	if limit > 0 && n > limit {
		rows = rows[:limit]
	}
	w.table(cols, rows, swatch)
	if len(rows) < n {
		w.muted(fmt.Sprintf("The first %d of %d %s; the full report (--profile full) and the CSV export list all.", len(rows), n, what))
	}
}

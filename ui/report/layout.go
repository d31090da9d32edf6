package report

import (
	"compress/zlib"
	"fmt"
	"image/color"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
)

// Page geometry in points (A4).
const (
	marginX      = 56.0 // left and right margins
	contentTop   = 72.0 // first line of content below the header
	headerY      = 36.0 // header text baseline
	footerGap    = 36.0 // footer baseline above the page's bottom
	bottomMargin = 64.0 // content stops this far above the page's bottom
)

// rgb is a colour of the report's palette.
type rgb struct{ r, g, b int }

// The palette: a calm navy accent, dark grey text, muted grey, light rules
// and zebra rows.
var (
	colAccent = rgb{31, 58, 95}
	colText   = rgb{33, 37, 41}
	colMuted  = rgb{108, 117, 125}
	colRule   = rgb{206, 212, 218}
	colZebra  = rgb{244, 246, 249}
	colTint   = rgb{228, 234, 242}
	colWhite  = rgb{255, 255, 255}
)

// The type scale, in points: font size and line height.
const (
	sizeCover    = 28.0
	sizeH1       = 18.0
	sizeH2       = 11.5
	sizeBody     = 9.5
	leadBody     = 13.5
	sizeSmall    = 8.0
	leadSmall    = 10.5
	sizeTable    = 8.0
	rowHeight    = 14.0
	sizeHeader   = 7.5
	sizeFigure   = 24.0
	sectionGap   = 16.0
	paragraphGap = 5.0
)

// writer lays the report out on an fpdf document. It keeps the running
// header's texts, the anchors of the table of contents and, in the layout
// pass (dry), draws no charts.
type writer struct {
	doc     *fpdf.Fpdf
	dry     bool
	imgs    int
	header  string // the portfolio name, left of the running header
	section string // the current section, right of the running header
	footer  string // left of the footer
	total   int    // page count from the layout pass (0 in it)
	toc     []tocEntry
	links   map[string]int // anchor -> fpdf link, in the final pass
	// titles, when set, replace the section titles of the full profile
	// (by anchor) for another profile's numbering.
	titles map[string]string
	// style and size are the current font's; fallbacks the fallback
	// fonts registered so far; missing the characters no font had.
	style     string
	size      float64
	fallbacks map[string]bool
	missing   map[rune]bool
	// charts are the chart inputs and recorded charts of the batch of
	// initiative pages being drawn (prefetchPages), by initiative ID; nil
	// or missing: initiativeCharts computes them.
	charts map[string]*pageCharts
	// feed, in the final pass, computes the charts batch by batch
	// (chartFeed); nil: render starts one.
	feed *chartFeed
	// main is the output document; doc is main, or while spool runs the
	// template document the pages are drawn into (spool.go), whose
	// first page is page spoolBase+1 of the output. pageOrient collects
	// the spooled pages' orientations, anchors and pendLinks their anchors
	// and links; forms
	// counts the spooled pages placed.
	main       *fpdf.Fpdf
	spooled    bool
	spoolBase  int
	pageOrient *[]string
	anchors    []pendingAnchor
	pendLinks  []pendingLink
	forms      int
	zw         *zlib.Writer // compresses the spooled pages
	// shareKeys are the sections that may continue the current page
	// (see sectionPage).
	shareKeys map[string]bool
}

// tocEntry is one line of the table of contents.
type tocEntry struct {
	anchor, title string
	level         int
	page          int
}

func newWriter(dry bool) *writer {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595.28, Ht: 841.89}})
	doc.SetAutoPageBreak(false, 0)
	doc.SetMargins(marginX, contentTop, marginX)
	doc.SetCellMargin(0)
	doc.SetCompression(!dry)
	addFonts(doc)
	return &writer{doc: doc, main: doc, dry: dry, links: map[string]int{}, fallbacks: map[string]bool{}, missing: map[rune]bool{}}
}

func (w *writer) pageW() float64 { pw, _ := w.doc.GetPageSize(); return pw }
func (w *writer) pageH() float64 { _, ph := w.doc.GetPageSize(); return ph }

// contentW is the width between the margins.
func (w *writer) contentW() float64 { return w.pageW() - 2*marginX }

// bottom is the lowest y content may reach.
func (w *writer) bottom() float64 { return w.pageH() - bottomMargin }

func (w *writer) y() float64     { return w.doc.GetY() }
func (w *writer) setY(y float64) { w.doc.SetY(y) }

func (w *writer) font(style string, size float64) {
	w.style, w.size = style, size
	w.doc.SetFont(family, style, size)
}
func (w *writer) textColor(c rgb) { w.doc.SetTextColor(c.r, c.g, c.b) }
func (w *writer) fillColor(c rgb) { w.doc.SetFillColor(c.r, c.g, c.b) }
func (w *writer) drawColor(c rgb) { w.doc.SetDrawColor(c.r, c.g, c.b) }

// newPage starts a page (portrait, or landscape) with the running header
// and footer, and puts the cursor at the top of the content.
func (w *writer) newPage(landscape bool) {
	orient := "P"
	if landscape {
		orient = "L"
	}
	w.doc.AddPageFormat(orient, fpdf.SizeType{Wd: 595.28, Ht: 841.89})
	if w.pageOrient != nil {
		*w.pageOrient = append(*w.pageOrient, orient)
	}
	w.decorate()
	w.setY(contentTop)
}

// decorate draws the running header and footer of the current page.
func (w *writer) decorate() {
	pw, ph := w.pageW(), w.pageH()
	w.font("", sizeHeader)
	w.textColor(colMuted)
	left := w.fit(w.header, (pw-2*marginX)*0.6)
	w.text(marginX, headerY, left)
	right := w.fit(w.section, (pw-2*marginX)*0.38)
	w.text(pw-marginX-w.width(right), headerY, right)
	w.drawColor(colAccent)
	w.doc.SetLineWidth(0.8)
	w.doc.Line(marginX, headerY+7, pw-marginX, headerY+7)

	w.drawColor(colRule)
	w.doc.SetLineWidth(0.4)
	w.doc.Line(marginX, ph-footerGap-11, pw-marginX, ph-footerGap-11)
	w.font("", sizeHeader)
	w.textColor(colMuted)
	w.text(marginX, ph-footerGap, w.fit(w.footer, (pw-2*marginX)*0.7))
	num := fmt.Sprintf("Page %d", w.pageNo())
	if w.total > 0 {
		num = fmt.Sprintf("Page %d of %d", w.pageNo(), w.total)
	}
	w.text(pw-marginX-w.width(num), ph-footerGap, num)
}

// ensure starts a new page (of the same orientation) unless h points fit
// below the cursor.
func (w *writer) ensure(h float64) {
	if w.y()+h > w.bottom() {
		w.newPage(w.pageW() > w.pageH())
	}
}

// anchor records a table of contents entry (and a PDF bookmark) at the
// cursor.
func (w *writer) anchor(key, title string, level int) {
	w.toc = append(w.toc, tocEntry{anchor: key, title: title, level: level, page: w.pageNo()})
	if w.spooled {
		w.anchors = append(w.anchors, pendingAnchor{page: w.doc.PageNo(), title: title, key: key, level: level, y: w.y()})
		return
	}
	w.doc.Bookmark(clean(title), level, w.y())
	if l, ok := w.links[key]; ok {
		w.doc.SetLink(l, w.y(), -1)
	}
}

// section starts a top-level section on a new page: the header shows its
// title, and it gets a heading and a contents entry.
//
// With shareKeys (the board profile), the sections it names continue the
// current portrait page instead when at least minShared points are left,
// so that a short "What changed" or "Decisions due" does not take a page
// of its own.
func (w *writer) sectionPage(key, title string, landscape bool) {
	if t, ok := w.titles[key]; ok {
		title = t
	}
	w.section = title
	if w.shareKeys[key] && !landscape && w.doc.PageNo() > 0 && w.pageW() < w.pageH() && w.y()+minShared < w.bottom() {
		w.setY(w.y() + 2*sectionGap)
		w.anchor(key, title, 0)
		w.h1(title)
		return
	}
	w.newPage(landscape)
	w.anchor(key, title, 0)
	w.h1(title)
}

// sectionRef names the section key of the current profile as the text
// refers to it ("section 5").
func (w *writer) sectionRef(key string) string {
	t, ok := w.titles[key]
	if !ok {
		t = fullTitles[key]
	}
	if f := strings.Fields(t); len(f) > 0 {
		return "section " + f[0]
	}
	return "the report"
}

// minShared is the room a section needs to continue the current page.
const minShared = 260.0

// h1 writes a section heading with an accent rule under it.
func (w *writer) h1(title string) {
	w.font("B", sizeH1)
	w.textColor(colAccent)
	lines := w.wrap(title, w.contentW(), 2)
	for _, l := range lines {
		w.text(marginX, w.y()+sizeH1, l)
		w.setY(w.y() + sizeH1*1.25)
	}
	w.setY(w.y() + 8)
}

// h2 writes a subsection heading, keeping room for minBody points of what
// follows on the same page.
func (w *writer) h2(title string, minBody float64) {
	w.ensure(sizeH2*2 + minBody)
	w.setY(w.y() + 6)
	w.font("B", sizeH2)
	w.textColor(colAccent)
	w.text(marginX, w.y()+sizeH2, w.fit(title, w.contentW()))
	w.setY(w.y() + sizeH2 + 7)
}

// paragraph writes text wrapped to the content width in the body style, at
// most maxLines lines (0: no limit), continuing on new pages.
func (w *writer) paragraph(text string, maxLines int) {
	w.paragraphAt(marginX, w.contentW(), text, maxLines, "", sizeBody, leadBody, colText)
}

// paragraphAt writes wrapped text in a column.
func (w *writer) paragraphAt(x, width float64, text string, maxLines int, style string, size, lead float64, c rgb) {
	w.font(style, size)
	w.textColor(c)
	paras := cleanParagraphs(text)
	if len(paras) == 0 {
		paras = []string{dash}
	}
	used := 0
	for i, p := range paras {
		left := 0
		if maxLines > 0 {
			left = maxLines - used
			if left <= 0 {
				break
			}
		}
		lines := w.wrap(p, width, left)
		if maxLines > 0 && used+len(lines) >= maxLines && i < len(paras)-1 && len(lines) > 0 {
			lines[len(lines)-1] = w.fitEllipsis(lines[len(lines)-1], width)
		}
		for _, l := range lines {
			w.ensure(lead)
			w.text(x, w.y()+size, l)
			w.setY(w.y() + lead)
		}
		used += len(lines)
		w.setY(w.y() + paragraphGap)
	}
}

// fitEllipsis ends s with an ellipsis, cutting it to fit width.
func (w *writer) fitEllipsis(s string, width float64) string {
	if strings.HasSuffix(s, ellipsis) {
		return s
	}
	return w.fit(s+ellipsis, width)
}

// fit returns s cleaned and, when wider than width in the current font,
// cut at a rune boundary and ended with an ellipsis. A blank s gives a
// dash.
func (w *writer) fit(s string, width float64) string {
	s = clean(s)
	if s == "" {
		return dash
	}
	if w.width(s) <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs) // the longest prefix that fits is in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if w.width(strings.TrimRight(string(rs[:mid]), " ")+ellipsis) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(rs[:lo]), " ") + ellipsis
}

// wrap breaks the cleaned s into lines no wider than width in the current
// font, breaking words longer than a line. With maxLines > 0 it returns at
// most that many, the last ending with an ellipsis when text was left out.
func (w *writer) wrap(s string, width float64, maxLines int) []string {
	s = clean(s)
	if s == "" {
		return []string{dash}
	}
	space := w.width(" ")
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for _, word := range strings.Split(s, " ") {
		ww := w.width(word)
		if cur.Len() > 0 && curW+space+ww <= width {
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += space + ww
			continue
		}
		if cur.Len() > 0 {
			flush()
		}
		for ww > width && utf8.RuneCountInString(word) > 1 {
			// Break an over-long word at the last rune that fits.
			rs := []rune(word)
			n := 1
			for n < len(rs) && w.width(string(rs[:n+1])) <= width {
				n++
			}
			lines = append(lines, string(rs[:n]))
			word = string(rs[n:])
			ww = w.width(word)
		}
		cur.WriteString(word)
		curW = ww
	}
	if cur.Len() > 0 {
		flush()
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = w.fitEllipsis(lines[maxLines-1], width)
	}
	return lines
}

// keyValues writes label/value pairs in two aligned columns at x, width
// wide, and returns the y below them.
func (w *writer) keyValues(x, y, width float64, pairs [][2]string) float64 {
	labelW := width * 0.48
	for i, kv := range pairs {
		if i%2 == 1 {
			w.fillColor(colZebra)
			w.doc.Rect(x, y, width, rowHeight-1, "F")
		}
		w.font("", sizeTable)
		w.textColor(colMuted)
		w.text(x+3, y+rowHeight-5, w.fit(kv[0], labelW-6))
		w.font("B", sizeTable)
		w.textColor(colText)
		v := w.fit(kv[1], width-labelW-6)
		w.text(x+width-3-w.width(v), y+rowHeight-5, v)
		y += rowHeight - 1
	}
	return y
}

// chart draws the plot build returns in the box (x, y, width, h), laid
// out 1/scale times larger and scaled down (see drawPlot), unless the
// layout pass is running: the plot is built only in the final pass.
func (w *writer) chart(x, y, width, h, scale float64, build func() (*plot.Plot, error)) {
	if w.dry {
		return
	}
	p, err := build()
	if err != nil || p == nil {
		w.placeholder(x, y, width, h, "Chart not available: "+errText(err))
		return
	}
	drawPlot(w, p, x, y, width, h, scale)
}

// placeholder draws a framed box with a short message in place of a chart.
func (w *writer) placeholder(x, y, width, h float64, msg string) {
	w.drawColor(colRule)
	w.doc.SetLineWidth(0.5)
	w.doc.Rect(x, y, width, h, "D")
	w.font("I", sizeSmall)
	w.textColor(colMuted)
	lines := w.wrap(msg, width-20, 3)
	for i, l := range lines {
		w.text(x+10, y+h/2+float64(i)*leadSmall, l)
	}
}

func errText(err error) string {
	if err == nil {
		return "no data"
	}
	return err.Error()
}

// badge draws a filled rounded label and returns its width.
func (w *writer) badge(x, y float64, text string, bg, fg rgb) float64 {
	w.font("B", sizeSmall)
	t := clean(text)
	bw := w.width(t) + 12
	w.fillColor(bg)
	w.doc.RoundedRect(x, y, bw, 14, 3, "1234", "F")
	w.textColor(fg)
	w.text(x+6, y+10, t)
	return bw
}

// figure draws a key figure: a large number over a small caption, in a
// box at (x, y) of width wd; it returns the box height.
func (w *writer) figure(x, y, wd float64, value, caption string) float64 {
	const h = 54
	w.fillColor(colZebra)
	w.doc.Rect(x, y, wd, h, "F")
	w.fillColor(colAccent)
	w.doc.Rect(x, y, 2.5, h, "F")
	size := sizeFigure
	w.font("B", size)
	for size > 10 && w.width(value) > wd-18 {
		size--
		w.font("B", size)
	}
	w.textColor(colAccent)
	w.text(x+10, y+8+size, w.fit(value, wd-18))
	w.font("", sizeSmall)
	w.textColor(colMuted)
	w.text(x+10, y+h-9, w.fit(caption, wd-18))
	return h
}

// luminance returns whether text on c should be dark.
func (c rgb) light() bool {
	return 0.299*float64(c.r)+0.587*float64(c.g)+0.114*float64(c.b) > 150
}

// fpdfSize is a page size.
type fpdfSize = fpdf.SizeType

// toRGB converts a colour to the palette's type.
func toRGB(c color.Color) rgb {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return rgb{int(n.R), int(n.G), int(n.B)}
}

// fullText writes text a person wrote in full, wrapped and across pages if
// need be, after a bold label; tables show such text cut to its column.
func (w *writer) fullText(label, text string, first bool) {
	if first {
		w.setY(w.y() + 2)
	}
	w.ensure(2 * leadSmall)
	w.font("B", sizeSmall)
	w.textColor(colText)
	w.text(marginX, w.y()+sizeSmall, w.fit(label, w.contentW()))
	w.setY(w.y() + leadSmall)
	w.paragraphAt(marginX+8, w.contentW()-8, text, 0, "", sizeSmall, leadSmall, colMuted)
}

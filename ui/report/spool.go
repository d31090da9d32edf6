package report

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// Spooled pages.
//
// fpdf keeps every page's content stream in memory, uncompressed, until
// Output; a 10,000-initiative report has about 30 kB of content on each
// of its 10,000 initiative pages, so the document alone held 300 MB, more
// with the buffers' slack and the garbage collector's headroom. The
// initiative pages are therefore drawn into a scratch template document
// (fpdf's CreateTemplate, which shares the output's fonts, so their
// subsets still cover every character drawn), and each finished page is
// zlib-compressed and placed on its page of the output as a form XObject
// (PDF 32000-1:2008, 8.10) that holds only the compressed bytes until the
// PDF is written, which writes these bytes as they are (pageForm.Bytes). A page of the output is then a few dozen bytes: "q ...
// cm /TPLp12 Do Q".
//
// What a page drawn this way may use: text in the registered fonts,
// vectors, clipping and images; not transparency (a form's resources, as
// fpdf writes them, have no graphics states), so drawPlot composites
// translucent colours over white on such pages (the pages' white paper),
// and not fpdf's links directly (anchors and links are recorded and
// replayed on the output's page: anchor, link).

// pendingAnchor is an anchor met on a spooled page, replayed on the
// output's page once it exists.
type pendingAnchor struct {
	page  int // spooled page (2, 3, …: the template's first page is unused)
	title string
	key   string
	level int
	y     float64
}

// pendingLink is a link drawn on a spooled page, replayed on the output's
// page.
type pendingLink struct {
	page        int
	x, y, wd, h float64
	link        int
}

// link makes the box (x, y, wd, h) of the current page a link to the
// output document's link l.
func (w *writer) link(x, y, wd, h float64, l int) {
	if w.spooled {
		w.pendLinks = append(w.pendLinks, pendingLink{page: w.doc.PageNo(), x: x, y: y, wd: wd, h: h, link: l})
		return
	}
	w.doc.Link(x, y, wd, h, l)
}

// spool runs draw with the writer drawing into a template document, then
// adds the pages it made to the output document, each as one compressed
// form XObject. In the layout pass (dry) the pages are only counted. draw
// must start a page (newPage, or sectionPage with a new page) before it
// draws: the template's first page is not used. An error fpdf meets on
// the template becomes the output's, so Build returns it.
func (w *writer) spool(draw func()) {
	out := w.doc
	if w.spooled {
		panic("report: spool within spool")
	}
	w.spooled, w.anchors, w.pendLinks = true, w.anchors[:0], w.pendLinks[:0]
	var orient []string
	endY := 0.0
	tpl := out.CreateTemplate(func(t *fpdf.Tpl) {
		w.doc = &t.Fpdf
		w.spoolBase = out.PageNo()
		w.pageOrient = &orient
		draw()
		endY = w.doc.GetY()
		if err := t.Error(); err != nil {
			out.SetError(err)
		}
	})
	w.doc, w.spooled, w.pageOrient = out, false, nil
	pages := tpl.FromPages()
	if len(pages)-1 != len(orient) {
		panic(fmt.Sprintf("report: %d spooled pages, %d recorded", len(pages)-1, len(orient)))
	}
	next, nextLink := 0, 0
	for n := 2; n <= len(pages); n++ {
		a4 := fpdf.SizeType{Wd: 595.28, Ht: 841.89}
		out.AddPageFormat(orient[n-2], a4)
		if !w.dry {
			pw, ph := out.GetPageSize()
			w.forms++
			if w.zw == nil {
				w.zw, _ = zlib.NewWriterLevel(nil, zlib.BestSpeed) // the level is valid
			}
			form := newPageForm(w.zw, out, fmt.Sprintf("p%d", w.forms), pages[n-1], fpdf.SizeType{Wd: pw, Ht: ph})
			// fpdf places a form at the height of the page size it was
			// given (portrait A4) even on a landscape page; the corner
			// makes up for it, so the form covers the page exactly.
			out.UseTemplateScaled(form, fpdf.PointType{Y: a4.Ht - ph}, fpdf.SizeType{Wd: pw, Ht: ph})
		}
		for ; next < len(w.anchors) && w.anchors[next].page == n; next++ {
			a := w.anchors[next]
			out.Bookmark(clean(a.title), a.level, a.y)
			if l, ok := w.links[a.key]; ok {
				out.SetLink(l, a.y, -1)
			}
		}
		for ; nextLink < len(w.pendLinks) && w.pendLinks[nextLink].page == n; nextLink++ {
			l := w.pendLinks[nextLink]
			out.Link(l.x, l.y, l.wd, l.h, l.link)
		}
	}
	if next != len(w.anchors) || nextLink != len(w.pendLinks) {
		panic(fmt.Sprintf("report: %d of %d spooled anchors and %d of %d links placed", next, len(w.anchors), nextLink, len(w.pendLinks)))
	}
	// Continue on the last page where the spooled drawing stopped, in the
	// font it left (the output document still has the one of before).
	if len(orient) > 0 {
		out.SetY(endY)
	}
	if w.size > 0 {
		w.font(w.style, w.size)
	}
}

// pageNo is the number the current page will have in the output.
func (w *writer) pageNo() int {
	if w.spooled {
		return w.spoolBase + w.doc.PageNo() - 1
	}
	return w.doc.PageNo()
}

// pageForm is one spooled page of the document out: an fpdf.Template
// whose content is kept zlib-compressed until fpdf writes it.
type pageForm struct {
	id     string
	size   fpdf.SizeType
	z      []byte
	images map[string]*fpdf.ImageInfoType
	out    *fpdf.Fpdf
}

// newPageForm compresses the content of the template page t, a page of
// the document out, with zw, which it resets (a flate compressor
// allocates about a megabyte, so the writer keeps one).
func newPageForm(zw *zlib.Writer, out *fpdf.Fpdf, id string, t fpdf.Template, size fpdf.SizeType) *pageForm {
	var b bytes.Buffer
	zw.Reset(&b)
	if _, err := zw.Write(t.Bytes()); err != nil {
		panic("report: compressing a page: " + err.Error()) // writes to memory cannot fail
	}
	if err := zw.Close(); err != nil {
		panic("report: compressing a page: " + err.Error())
	}
	return &pageForm{id: id, size: size, z: bytes.Clone(b.Bytes()), images: t.Images(), out: out}
}

// ID implements fpdf.Template.
func (p *pageForm) ID() string { return p.id }

// Size implements fpdf.Template: the whole page.
func (p *pageForm) Size() (fpdf.PointType, fpdf.SizeType) { return fpdf.PointType{}, p.size }

// Bytes implements fpdf.Template: the page's content, compressed, which
// fpdf writes as the form's stream. fpdf calls it once, when it writes the
// PDF; the compressed copy is then let go, so that the pages already
// written are freed while the PDF grows (Build writes the PDF once).
//
// fpdf (v0.12.0, putTemplates) writes every form's dictionary with
// "/Filter /FlateDecode" when the document compresses, then calls Bytes,
// then compresses what it got if the document's compression is still on.
// Bytes turns the output's compression off, so fpdf writes the page as
// spooled: compressed once, with fpdf's own level (zlib.BestSpeed),
// instead of decompressed here and compressed again with a new
// compressor for each page (which took about 15% of the CPU time of a
// 1,000-initiative report). fpdf has written the page streams and the
// fonts by then (putpages, putfonts), and every template of the output
// is a pageForm; TestSpooledFormsCompressedOnce reads the forms' streams
// back.
func (p *pageForm) Bytes() []byte {
	if p.z == nil {
		panic("report: a spooled page's content was asked for twice (the PDF is written once)")
	}
	defer func() { p.z = nil }()
	p.out.SetCompression(false)
	return p.z
}

// Images implements fpdf.Template.
func (p *pageForm) Images() map[string]*fpdf.ImageInfoType { return p.images }

// Templates implements fpdf.Template: a page uses no other template.
func (p *pageForm) Templates() []fpdf.Template { return nil }

// NumPages implements fpdf.Template.
func (p *pageForm) NumPages() int { return 1 }

// FromPage implements fpdf.Template.
func (p *pageForm) FromPage(n int) (fpdf.Template, error) {
	if n != 1 {
		return nil, fmt.Errorf("report: a spooled page has no page %d", n)
	}
	return p, nil
}

// FromPages implements fpdf.Template.
func (p *pageForm) FromPages() []fpdf.Template { return []fpdf.Template{p} }

var errSpooled = errors.New("report: a spooled page cannot be serialized")

// Serialize implements fpdf.Template; spooled pages are not serialized.
func (p *pageForm) Serialize() ([]byte, error) { return nil, errSpooled }

// GobEncode implements fpdf.Template; spooled pages are not serialized.
func (p *pageForm) GobEncode() ([]byte, error) { return nil, errSpooled }

// GobDecode implements fpdf.Template; spooled pages are not serialized.
func (p *pageForm) GobDecode([]byte) error { return errSpooled }

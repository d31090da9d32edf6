package report

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSpooledPages: the spooled pages (contents, the landscape table, the
// initiative pages, links) are form XObjects on their pages, each page
// whole and in place (its running header and its footer "Page n of N"),
// with every contents line still a link and every section and initiative
// a bookmark.
func TestSpooledPages(t *testing.T) {
	p := bigPortfolio(t, 60)
	snap := snapshotOf(p)
	pdf, st := build(t, Input{Portfolio: p, Since: &snap}, Options{})
	forms := bytes.Count(pdf, []byte("/Subtype /Form"))
	if forms < len(p.Initiatives) {
		t.Errorf("%d form XObjects for %d initiative pages", forms, len(p.Initiatives))
	}
	pg := pages(pdfText(t, pdf))
	if len(pg) != st.Pages {
		t.Fatalf("pdftotext found %d pages, Stats.Pages = %d", len(pg), st.Pages)
	}
	for i, s := range pg {
		if i == 0 {
			continue // the cover has no running header
		}
		if want := fmt.Sprintf("Page %d of %d", i+1, st.Pages); !strings.Contains(s, want) {
			t.Errorf("page %d lacks its footer %q", i+1, want)
		}
		if !strings.Contains(s, p.Name) {
			t.Errorf("page %d lacks its running header %q:\n%s", i+1, p.Name, s)
		}
	}
	// The landscape table: its heading and its first row on its page.
	table := -1
	for i, s := range pg {
		if strings.Contains(s, "3 All initiatives") && strings.Contains(s, "Recommended action") {
			table = i
			break
		}
	}
	if table < 0 {
		t.Fatal("no page holds the table of all initiatives")
	}
	// Every contents entry is a link, every entry a bookmark.
	plan := 4 + len(p.Initiatives) + 3 // sections, initiatives, links, changes, method
	if n := bytes.Count(pdf, []byte("/Subtype /Link")); n != plan {
		t.Errorf("%d links, want one per contents entry (%d)", n, plan)
	}
	if n := bytes.Count(pdf, []byte("/Title ")); n < plan {
		t.Errorf("%d bookmarks, want at least %d", n, plan)
	}
}

// TestSpoolKeepsTheCursor: after spooled pages the output continues on
// the last of them where the drawing stopped, so a section that shares
// that page starts below what was drawn, not on top of it.
func TestSpoolKeepsTheCursor(t *testing.T) {
	w := newWriter(false)
	w.newPage(false)
	w.spool(func() {
		w.newPage(false)
		w.newPage(true)
		w.setY(321)
	})
	if w.doc != w.main || w.spooled {
		t.Fatal("the writer is still on the template document")
	}
	if n := w.doc.PageNo(); n != 3 {
		t.Errorf("%d pages, want 3", n)
	}
	if w.y() != 321 {
		t.Errorf("cursor at %v after the spooled pages, want 321", w.y())
	}
	if w.pageW() < w.pageH() {
		t.Error("the last spooled page is not landscape on the output")
	}
}

// TestSpooledFormsCompressedOnce: every form XObject's stream (a spooled
// page, written as spooled by pageForm.Bytes) is one zlib stream of its
// /Length that inflates to page content (text),
// not compressed twice; and the output's own page streams and fonts,
// written before the forms, are still compressed.
func TestSpooledFormsCompressedOnce(t *testing.T) {
	p := bigPortfolio(t, 12)
	pdf, _ := build(t, Input{Portfolio: p}, Options{Profile: ProfileFull})
	form := regexp.MustCompile(`<</Filter /FlateDecode /Type /XObject\n/Subtype /Form\n(?s:.*?)/Length (\d+) >>\nstream\n`)
	ms := form.FindAllSubmatchIndex(pdf, -1)
	if len(ms) < len(p.Initiatives) {
		t.Fatalf("%d compressed form XObjects for %d initiative pages", len(ms), len(p.Initiatives))
	}
	for i, m := range ms {
		n, err := strconv.Atoi(string(pdf[m[2]:m[3]]))
		if err != nil {
			t.Fatal(err)
		}
		s := pdf[m[1] : m[1]+n]
		if !bytes.HasPrefix(pdf[m[1]+n:], []byte("\nendstream")) {
			t.Fatalf("form %d: no endstream after its %d bytes", i, n)
		}
		r, err := zlib.NewReader(bytes.NewReader(s))
		if err != nil {
			t.Fatalf("form %d: %v", i, err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("form %d: %v", i, err)
		}
		if !bytes.Contains(b, []byte(" Tf")) || !bytes.Contains(b, []byte("BT ")) {
			t.Fatalf("form %d inflates to no text (compressed twice?): %q", i, b[:min(len(b), 80)])
		}
	}
	if c := bytes.Count(pdf, []byte("<</Filter /FlateDecode /Length ")); c < len(ms) {
		t.Errorf("%d compressed page streams for %d spooled pages", c, len(ms))
	}
	if c := bytes.Count(pdf, []byte("/Filter /FlateDecode")); c <= 2*len(ms) {
		t.Errorf("%d compressed streams for %d pages and forms: the fonts are not compressed", c, 2*len(ms))
	}
}

package report

import (
	"bytes"
	"regexp"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/chart"
	"github.com/optionspace/optionspace/valuation/portfolio"
)

// drawDirect is drawPlot as it was before charts were recorded: the plot
// laid out and drawn straight onto the page's canvas. It is the
// reference of TestRecordedChartsSameBytes.
func drawDirect(w *writer, p *plot.Plot, x, y, wd, h, scale float64) {
	doc := w.doc
	style, size := w.style, w.size
	doc.ClipRect(x, y, wd, h, false)
	doc.TransformBegin()
	doc.TransformTranslate(x, y+h)
	doc.TransformScale(100*scale, -100*scale, 0, 0)
	c := &pdfCanvas{w: w, doc: doc, wd: vg.Length(wd / scale), h: vg.Length(h / scale), stack: []canvasState{{width: 1, alpha: 1}}, opaque: w.spooled}
	vg.Initialize(c)
	dc := draw.New(c)
	chart.FitTo(p, dc)
	p.Draw(dc)
	doc.TransformEnd()
	doc.ClipEnd()
	if size > 0 {
		w.font(style, size)
	}
	doc.SetDashPattern(nil, 0)
	setAlpha(doc, 1)
}

// pageStreams returns the uncompressed content streams of an fpdf
// document written without compression.
func pageStreams(t *testing.T, w *writer) [][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, m := range regexp.MustCompile(`(?s)stream\n(.*?)endstream`).FindAllSubmatch(buf.Bytes(), -1) {
		if bytes.Contains(m[1], []byte(" cm\n")) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestRecordedChartsSameBytes: an initiative page's tornado and payoff
// charts recorded off the PDF's goroutine (pageChartsOf, as prefetchPages
// does) and replayed (drawRecording) write the same page content, to the
// byte, as the plot drawn straight onto the page (drawDirect, the
// drawing before recordings), for every valued initiative of the sample
// (each option kind it has), on a page as it is and on a spooled one.
func TestRecordedChartsSameBytes(t *testing.T) {
	p := modeltest.Sample(t)
	// A choose option too (the sample has none): its payoff is a lattice
	// pass, its tornado values side by side.
	for i := range p.Initiatives {
		if in := &p.Initiatives[i]; in.Kind == model.KindDefer {
			in.Kind, in.ExpandFactor, in.ContractFactor, in.Salvage = model.KindChoose, 0.5, 0.3, in.X.Value*0.4
			break
		}
	}
	v, err := portfolio.Evaluate(p, portfolio.Options{WithLinks: true})
	if err != nil {
		t.Fatal(err)
	}
	d := &reportData{p: p, v: v, cur: p.Currency, style: reportStyle()}
	kinds := map[string]bool{}
	for _, spooled := range []bool{false, true} {
		direct, recorded := newWriter(false), newWriter(false)
		for _, w := range []*writer{direct, recorded} {
			w.doc.SetCompression(false)
			w.spooled = spooled
		}
		charts := 0
		for i := range p.Initiatives {
			r := &v.Initiatives[i]
			if r.Err != nil {
				continue
			}
			kinds[string(p.Initiatives[i].Kind)] = true
			pc := pageChartsOf(d, p.Initiatives[i].ID, r)
			c := pc.data
			for _, ch := range []struct {
				build func(*reportData, *chartData) (*plot.Plot, error)
				rec   *recording
				err   error
				scale float64
			}{{tornadoPlot, pc.trec, pc.trecErr, tornadoScale}, {payoffPlot, pc.prec, pc.precErr, payoffScale}} {
				if ch.err != nil || ch.rec == nil {
					t.Fatalf("%s: no recording (%v)", p.Initiatives[i].Name, ch.err)
				}
				pl, err := ch.build(d, c)
				if err != nil {
					t.Fatal(err)
				}
				direct.newPage(false)
				drawDirect(direct, pl, marginX, 300, chartW(), chartH, ch.scale)
				recorded.newPage(false)
				drawRecording(recorded, ch.rec, marginX, 300, chartW(), chartH, ch.scale)
				charts++
			}
		}
		a, b := pageStreams(t, direct), pageStreams(t, recorded)
		if len(a) != charts || len(b) != charts {
			t.Fatalf("spooled %v: %d charts drawn, %d and %d pages", spooled, charts, len(a), len(b))
		}
		for k := range a {
			if !bytes.Equal(a[k], b[k]) {
				t.Errorf("spooled %v: chart %d differs recorded (%d bytes) from drawn directly (%d bytes)", spooled, k, len(b[k]), len(a[k]))
			}
		}
	}
	if len(kinds) < 4 || !kinds[string(model.KindChoose)] {
		t.Errorf("the sample's valued initiatives have %d kinds: %v", len(kinds), kinds)
	}
	t.Logf("kinds: %v", kinds)
}

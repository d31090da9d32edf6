package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store"
	"github.com/optionspace/optionspace/samples"
	"github.com/optionspace/optionspace/ui/chart"
)

var sinkHits []chart.Hit

// BenchmarkDriverChangeToMap times what the app does between a driver
// change and the redrawn map: revalue the portfolio with the new driver
// value (the sample, 13 initiatives with links), rebuild the map's points
// and render it at 900x700 pixels.
func BenchmarkDriverChangeToMap(b *testing.B) {
	a := test.NewTempApp(b)
	ses := newTestSession(b)
	w := a.NewWindow("bench")
	win := NewWindow(a, w, ses)
	w.SetContent(win.Content())
	sv := win.shown["space"].(*spaceView)
	base := ses.Saved()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := 100000 + float64(i%50)*1000
		p, v, err := withDriver(base, "members", x)
		if err != nil {
			b.Fatal(err)
		}
		ses.Preview(p, v) // the map captures its new points
		_, hits, err := sv.pane.renderNow(900, 700)
		if err != nil {
			b.Fatal(err)
		}
		sinkHits = hits
	}
}

// newScaledSession returns a session on a portfolio of n initiatives made
// from copies of the sample's (names numbered, S spread a little).
func newScaledSession(b testing.TB, n int) *Session {
	b.Helper()
	s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	src, err := model.ReadJSON(bytes.NewReader(samples.SCRMNorthwind))
	if err != nil {
		b.Fatal(err)
	}
	p := src.Clone()
	p.Initiatives, p.Links, p.Decisions, p.Learning = nil, nil, nil, nil
	for k := 0; len(p.Initiatives) < n; k++ {
		for _, in := range src.Initiatives {
			if len(p.Initiatives) == n {
				break
			}
			c := in
			c.ID = fmt.Sprintf("%s-%d", in.ID, k)
			c.Name = fmt.Sprintf("%s %d", in.Name, k)
			if !c.S.IsFormula() {
				c.S.Value *= 1 + 0.01*float64(k)
			}
			p.Initiatives = append(p.Initiatives, c)
		}
	}
	if err := s.Create(p); err != nil {
		b.Fatal(err)
	}
	ses, err := NewSession(s, "")
	if err != nil {
		b.Fatal(err)
	}
	return ses
}

// BenchmarkClickToInspectorAndMap300 times a click on an initiative at 300
// initiatives: the selection, the inspector and list updated (synchronously,
// as on the UI goroutine) and the map rendered again at 900x700.
func BenchmarkClickToInspectorAndMap300(b *testing.B) {
	a := test.NewTempApp(b)
	ses := newScaledSession(b, 300)
	w := a.NewWindow("bench")
	win := NewWindow(a, w, ses)
	w.SetContent(win.Content())
	w.Resize(fyne.NewSize(1440, 900))
	if err := win.ShowView("space"); err != nil {
		b.Fatal(err)
	}
	sv := win.shown["space"].(*spaceView)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ses.Select(ses.Portfolio.Initiatives[i%len(ses.Portfolio.Initiatives)].ID)
		_, hits, err := sv.pane.renderNow(900, 700)
		if err != nil {
			b.Fatal(err)
		}
		sinkHits = hits
	}
}

package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

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

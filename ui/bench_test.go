package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/ui/chart"
)

var sinkHits []chart.Hit

// BenchmarkDriverChangeToMap times what the app does between a slider
// value and the redrawn map: one incremental update of the Drivers view's
// preview engine (only the initiatives that use the driver are priced
// again), the copies handed to the UI, the session's preview (the map
// captures its new points) and the map rendered at 900x700 pixels. The
// sample has 13 initiatives with links; the large portfolio 1,000
// initiatives, 500 links and 20 drivers (50 initiatives use the one that
// moves).
func BenchmarkDriverChangeToMap(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		benchDriverChange(b, newTestSession(b), "members", 100000, 1000)
	})
	b.Run("1000", func(b *testing.B) {
		benchDriverChange(b, sessionWith(b, modeltest.Large(1000, 500, 20)), "driver_0", 100, 5)
	})
}

func benchDriverChange(b *testing.B, ses *Session, driver string, from, step float64) {
	win := mountWindow(test.NewTempApp(b), ses, "", fyne.Size{})
	sv := win.shown["space"].(*spaceView)
	dv := &driversView{w: win, base: ses.Valuation}
	req := &driverRequest{p: ses.Saved(), name: driver, value: from}
	if _, _, err := dv.previewValues(req); err != nil { // the preview engine is made once
		b.Fatal(err)
	}
	var p *model.Portfolio
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req.value = from + float64(i%50)*step
		var v = ses.Valuation
		var err error
		p, v, err = dv.previewValues(req)
		if err != nil {
			b.Fatal(err)
		}
		ses.Preview(p, v)
		_, hits, err := sv.pane.renderNow(900, 700)
		if err != nil {
			b.Fatal(err)
		}
		sinkHits = hits
	}
}

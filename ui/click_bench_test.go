package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/model/modeltest"
)

// largeBenchWindow opens a window of 1440x900 on a new database holding
// modeltest.Large(n, n/2, 20), for the map's benchmarks.
func largeBenchWindow(b *testing.B, n int) (*Window, *Session) {
	b.Helper()
	ses := sessionWith(b, modeltest.Large(n, n/2, 20))
	return mountWindow(test.NewTempApp(b), ses, "", fyne.NewSize(1440, 900)), ses
}

// BenchmarkClickToInspectorAndMap times a click on an initiative at 300 and
// 1,000 initiatives (modeltest.Large): the selection, the inspector and
// the list updated (synchronously, as on the UI goroutine) and the map
// rendered again at 900x700 pixels.
func BenchmarkClickToInspectorAndMap(b *testing.B) {
	for _, n := range []int{300, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			win, ses := largeBenchWindow(b, n)
			if err := win.ShowView("space"); err != nil {
				b.Fatal(err)
			}
			sv := win.shown["space"].(*spaceView)
			ins := ses.Portfolio.Initiatives
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ses.Select(ins[i%len(ins)].ID)
				_, hits, err := sv.pane.renderNow(900, 700)
				if err != nil {
					b.Fatal(err)
				}
				sinkHits = hits
			}
		})
	}
}

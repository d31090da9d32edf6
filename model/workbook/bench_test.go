package workbook_test

import (
	"io"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/model/workbook"
)

// BenchmarkWrite10000 writes the workbook of a portfolio of 10,000
// initiatives of every kind (modeltest.Large, MixKinds), the size of the
// CLI's export in issue 19: the valuation and the sheets.
func BenchmarkWrite10000(b *testing.B) {
	p := modeltest.Large(10000, 2000, 20)
	modeltest.MixKinds(p)
	b.ReportAllocs()
	for b.Loop() {
		if err := workbook.Write(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

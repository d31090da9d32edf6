package report

import (
	"io"
	"testing"

	"github.com/optionspace/optionspace/model/modeltest"
)

var benchStats Stats

// BenchmarkBuild100 builds the report of a 100-initiative portfolio (the
// sample's initiatives repeated, all kinds, formulas over drivers), with
// its 200 per-initiative charts, the map and the driver re-valuations.
// The goal is at most 3 s per report.
func BenchmarkBuild100(b *testing.B) {
	p := bigPortfolio(b, 100)
	snap := snapshotOf(p)
	benchBuild(b, Input{Portfolio: p, Since: &snap}, Options{})
}

// BenchmarkBuildSample builds the sample's report.
func BenchmarkBuildSample(b *testing.B) {
	p := modeltest.Sample(b)
	benchBuild(b, Input{Portfolio: p}, Options{})
}

// BenchmarkBoard1000 builds the board profile of a 1,000-initiative
// portfolio; the goal is at most 3 s.
func BenchmarkBoard1000(b *testing.B) {
	p := bigPortfolio(b, 1000)
	snap := snapshotOf(p)
	benchBuild(b, Input{Portfolio: p, Since: &snap}, Options{Profile: ProfileBoard})
}

// BenchmarkReportFull1000 builds the full profile of
// modeltest.Large(1000, 2000, 200): 1,000 initiative pages, 2,000 links
// and 200 drivers (the acceptance test's portfolio). The goal is
// at most 5 s (issue 19).
func BenchmarkReportFull1000(b *testing.B) {
	p := modeltest.Large(1000, 2000, 200)
	benchBuild(b, Input{Portfolio: p}, Options{Profile: ProfileFull})
}

// BenchmarkFull10000 builds the full profile of a 10,000-initiative
// portfolio (10,000 initiative pages); the goal is that it finishes with a
// peak memory of at most 500 MB (measure the process's maximum resident
// size, e.g. with /usr/bin/time -v).
func BenchmarkFull10000(b *testing.B) {
	p := bigPortfolio(b, 10000)
	benchBuild(b, Input{Portfolio: p}, Options{Profile: ProfileFull})
}

// benchBuild builds the report of in with opt b.N times, and reports the
// allocations and the page count.
func benchBuild(b *testing.B, in Input, opt Options) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		st, err := Build(io.Discard, in, opt)
		if err != nil {
			b.Fatal(err)
		}
		benchStats = st
	}
	b.ReportMetric(float64(benchStats.Pages), "pages")
}

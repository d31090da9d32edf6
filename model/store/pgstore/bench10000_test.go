package pgstore

import (
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// BenchmarkAction10000 times one action (one initiative's σ changed) on a
// portfolio of 10,000 initiatives (issue 19: <= 20 ms), as
// BenchmarkAction1000 does at 1,000: the state is cached, so the action
// reads the portfolio's row versions, writes the one changed row and
// logs the action, in one transaction. cpu-ms/op is this process's CPU
// (the server's is not in it).
func BenchmarkAction10000(b *testing.B) { benchAction10000(b, 0) }

// BenchmarkAction10000Paced is BenchmarkAction10000 with a pause of 50 ms
// between actions (a user's pace: not timed, nor in cpu-ms/op), in which
// the store makes the copy the next action edits; ns/op is then what a
// user waits for one action.
func BenchmarkAction10000Paced(b *testing.B) { benchAction10000(b, 50*time.Millisecond) }

// benchAction10000 is BenchmarkAction10000 with an untimed pause between
// actions (none when pause is 0).
func benchAction10000(b *testing.B, pause time.Duration) {
	const n = 10000
	s := openAs(b, testURL(b), "bench")
	p := big(b, n)
	if err := s.Create(p); err != nil {
		b.Fatal(err)
	}
	edit := func(i int) {
		v := 0.1 + float64(i%500)/1000
		if _, err := s.Apply(p.Name, "bench", func(q *model.Portfolio) error { q.Initiatives[i%n].Sigma = model.Number(v); return nil }); err != nil {
			b.Fatal(err)
		}
	}
	edit(n + 1) // the first action loads the portfolio whole
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		if pause > 0 {
			b.StopTimer()
			time.Sleep(pause)
			b.StartTimer()
		}
		start := modeltest.CPUTime()
		edit(i)
		cpu += modeltest.CPUTime() - start
	}
	b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
}

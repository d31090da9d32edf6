package report

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
)

// TestPrefetchChartsEqualsOneByOne: the charts' inputs prefetchCharts
// computes on its workers are, initiative by initiative, those chartDataOf
// computes alone in order (deep equal), for a batch of every option kind
// with an initiative that cannot be valued (left out of the map), at 1, 2
// and 4 workers.
func TestPrefetchChartsEqualsOneByOne(t *testing.T) {
	p := modeltest.Large(40, 60, 8)
	modeltest.MixKinds(p)
	bad := &p.Initiatives[3]
	bad.S = model.Quantity{Formula: "no_such_driver * 2"}
	in := Input{Portfolio: p}
	d, err := prepareOrder(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.measure(in)
	if d.v.Initiatives[3].Err == nil {
		t.Fatal("the initiative with an unknown driver was valued: the test leaves out nothing")
	}
	idx := make([]int, len(p.Initiatives))
	for i := range idx {
		idx[i] = i
	}
	want := map[string]*chartData{}
	for _, i := range idx {
		if r := &d.v.Initiatives[i]; r.Err == nil {
			want[p.Initiatives[i].ID] = chartDataOf(d, p.Initiatives[i].ID, r)
		}
	}
	if len(want) != len(idx)-1 {
		t.Fatalf("%d initiatives valued of %d", len(want), len(idx))
	}
	for id, c := range want {
		if c.terr != nil || c.perr != nil || len(c.tornado.Bars) == 0 || len(c.payoff.Today) == 0 {
			t.Fatalf("%s: charts not computed (%v, %v): the test compares too little", id, c.terr, c.perr)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		got := <-prefetchCharts(d, idx)
		if _, ok := got[bad.ID]; ok {
			t.Errorf("%d workers: charts of an initiative not valued", procs)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: the prefetched charts differ from those computed one by one", procs)
		}
	}
}

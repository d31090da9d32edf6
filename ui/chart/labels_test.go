package chart

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestPlaceLabelsOwnBubble checks the label rules on crowded random maps:
// a label without a leader line is nearer its own bubble than any other,
// no label covers another bubble or label, every named bubble is labelled
// or numbered (1, 2, ... in order), and the same input gives the same
// layout.
func TestPlaceLabelsOwnBubble(t *testing.T) {
	area := vg.Rectangle{Max: vg.Point{X: 400, Y: 260}}
	size := func(s string) vg.Point { return vg.Point{X: vg.Length(5 * len(s)), Y: 9} }
	for seed := int64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		n := 10 + rng.Intn(70)
		circles := make([]circle, n)
		names := make([]string, n)
		order := make([]int, n)
		for i := range circles {
			circles[i] = circle{vg.Point{X: vg.Length(20 + rng.Float64()*360), Y: vg.Length(20 + rng.Float64()*220)}, vg.Length(3 + rng.Float64()*10)}
			names[i] = fmt.Sprintf("Initiative %02d", i)
			order[i] = i
		}
		got := placeLabels(area, nil, circles, order, names, size, true, 90)
		again := placeLabels(area, nil, circles, order, names, size, true, 90)
		if !reflect.DeepEqual(got, again) {
			t.Fatalf("seed %d: two layouts of the same map differ", seed)
		}
		if len(got) != n {
			t.Fatalf("seed %d: %d placements for %d bubbles", seed, len(got), n)
		}
		lp := newLabelPlacer(area, nil, circles)
		num, labelled := 0, 0
		for k, pl := range got {
			if pl.Number > 0 {
				num++
				if pl.Number != num {
					t.Fatalf("seed %d: number %d, want %d", seed, pl.Number, num)
				}
				continue
			}
			labelled++
			if !pl.Leader && lp.nearestCircle(pl.Rect) != pl.I {
				t.Fatalf("seed %d: label of bubble %d sits nearer bubble %d without a leader", seed, pl.I, lp.nearestCircle(pl.Rect))
			}
			for j, c := range circles {
				if j != pl.I && circleHitsRect(c, pl.Rect) {
					t.Fatalf("seed %d: label of bubble %d covers bubble %d", seed, pl.I, j)
				}
			}
			for _, other := range got[:k] {
				if other.Number == 0 && overlaps(other.Rect, pl.Rect) {
					t.Fatalf("seed %d: labels of %d and %d overlap", seed, other.I, pl.I)
				}
			}
		}
		if labelled == 0 {
			t.Fatalf("seed %d: nothing labelled", seed)
		}
	}
}

func TestShortenMiddle(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Short", 28, "Short"},
		{"Customer community rollout phase 2", 20, "Customer co…phase 2"},
	} {
		got := shortenMiddle(c.in, c.n)
		if got != c.want {
			t.Errorf("shortenMiddle(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if r := []rune(got); len(r) > c.n {
			t.Errorf("shortenMiddle(%q, %d) has %d runes", c.in, c.n, len(r))
		}
	}
}

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
// no label covers another bubble or label, numbers (1, 2, ... in order)
// sit on their own bubble and cover no label, number or other bubble's
// centre, a bubble is placed at most once, and the same input gives the
// same layout. A bubble with no room for either keeps its hover only.
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
		if len(got) > n {
			t.Fatalf("seed %d: %d placements for %d bubbles", seed, len(got), n)
		}
		seen := map[int]bool{}
		for _, pl := range got {
			if seen[pl.I] {
				t.Fatalf("seed %d: bubble %d placed twice", seed, pl.I)
			}
			seen[pl.I] = true
		}
		checkBoxesApart(t, fmt.Sprintf("seed %d", seed), circles, got, nil)
		lp := newLabelPlacer(area, nil, circles)
		num, labelled := 0, 0
		for k, pl := range got {
			if pl.Number > 0 {
				num++
				if pl.Number != num {
					t.Fatalf("seed %d: number %d, want %d", seed, pl.Number, num)
				}
				if !containsPoint(pl.Rect, circles[pl.I].ctr) {
					t.Fatalf("seed %d: number %d is off its bubble %d", seed, pl.Number, pl.I)
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

// checkBoxesApart fails unless the boxes of the placed labels and numbers,
// and the reserved boxes, are pairwise apart, and no label or number box
// covers the centre of a bubble other than its own.
func checkBoxesApart(t *testing.T, what string, circles []circle, places []labelPlacement, reserved []vg.Rectangle) {
	t.Helper()
	for k, pl := range places {
		for j, c := range circles {
			if j != pl.I && containsPoint(pl.Rect, c.ctr) {
				t.Errorf("%s: the box of bubble %d's label or number (%v) covers the centre of bubble %d", what, pl.I, pl.Rect, j)
			}
		}
		for _, o := range places[:k] {
			if overlaps(o.Rect, pl.Rect) {
				t.Errorf("%s: the label or number boxes of bubbles %d and %d overlap", what, o.I, pl.I)
			}
		}
		for _, r := range reserved {
			if overlaps(r, pl.Rect) {
				t.Errorf("%s: the label or number box of bubble %d overlaps a reserved box %v", what, pl.I, r)
			}
		}
	}
}

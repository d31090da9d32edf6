package ui

import (
	"image"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/optionspace/optionspace/ui/chart"
)

// blockingDraws hands out drawFuncs that each record that they started,
// wait until released and return an image id pixels wide, so a test sees
// which data an image shows and how many renders run at once.
type blockingDraws struct {
	mu              sync.Mutex
	started         []int
	running, maxRun int
	release         chan struct{}
}

func (b *blockingDraws) draw(id int) drawFunc {
	return func(wPx, hPx int, dpi float64, st chart.Style) (image.Image, []chart.Hit, error) {
		b.mu.Lock()
		b.started = append(b.started, id)
		b.running++
		b.maxRun = max(b.maxRun, b.running)
		b.mu.Unlock()
		<-b.release
		b.mu.Lock()
		b.running--
		b.mu.Unlock()
		return image.NewRGBA(image.Rect(0, 0, id, 1)), []chart.Hit{{ID: "x"}}, nil
	}
}

func (b *blockingDraws) startedIDs() []int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]int(nil), b.started...)
}

// TestChartPaneRendersOneAtATime: data that change while a render runs (a
// driver dragged over the map) start no render of their own; the finished
// image, already out of date, is shown (it is newer than what was), and
// the next render draws the newest data, skipping those in between. The
// pane used to start a render per change, each thrown away when done but
// all competing for the processors meanwhile.
func TestChartPaneRendersOneAtATime(t *testing.T) {
	c := newChartPane(test.NewTempApp(t))
	c.raster.Resize(fyne.NewSize(100, 80))
	done := make(chan struct{}, 10)
	c.onRendered = func() { done <- struct{}{} }
	b := &blockingDraws{release: make(chan struct{})}
	wait := func(what string) {
		t.Helper()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no image within 10 s", what)
		}
	}
	waitStarted := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); len(b.startedIDs()) < n; {
			if time.Now().After(deadline) {
				t.Fatalf("renders started %v, want %d", b.startedIDs(), n)
			}
			time.Sleep(time.Millisecond)
		}
	}
	shown := func() int {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.img == nil {
			return 0
		}
		return c.img.Bounds().Dx()
	}

	c.invalidate(b.draw(1))
	c.generate(100, 80)
	waitStarted(1)
	for id := 2; id <= 4; id++ { // three changes while render 1 runs
		c.invalidate(b.draw(id))
		if img := c.generate(100, 80); img.Bounds().Dx() != 1 {
			t.Fatalf("while render 1 runs the pane shows an image %d wide, want the blank", img.Bounds().Dx())
		}
	}
	time.Sleep(20 * time.Millisecond)
	if got := b.startedIDs(); len(got) != 1 {
		t.Fatalf("renders started while one ran: %v, want only [1]", got)
	}
	b.release <- struct{}{}
	wait("render 1")
	if got := shown(); got != 1 {
		t.Fatalf("after render 1 (out of date) the pane holds image %d, want 1", got)
	}
	if hits, _, _ := c.hitsAndScale(); len(hits) != 1 {
		t.Errorf("the out-of-date image came without its hits: %v", hits)
	}
	c.generate(100, 80) // the raster asks again after the refresh
	waitStarted(2)
	if got := b.startedIDs(); got[1] != 4 {
		t.Fatalf("the second render drew data %d, want the newest (4): %v", got[1], got)
	}
	b.release <- struct{}{}
	wait("render 4")
	if img := c.generate(100, 80); img.Bounds().Dx() != 4 {
		t.Fatalf("after the newest render the pane shows image %d, want 4", img.Bounds().Dx())
	}
	time.Sleep(20 * time.Millisecond)
	if got := b.startedIDs(); len(got) != 2 {
		t.Errorf("renders %v: the current image started another", got)
	}
	if b.maxRun != 1 {
		t.Errorf("%d renders ran at once, want 1", b.maxRun)
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/store/pgstore"
	"github.com/optionspace/optionspace/model/store/pgstore/pgtest"
	"github.com/optionspace/optionspace/samples"
)

// copy file -> PostgreSQL -> another file is lossless: the JSON exports of
// the two files are identical; list, value and export read PostgreSQL.
func TestCopyThroughPostgresIsLossless(t *testing.T) {
	url := pgtest.Fresh(t)
	db, p := sampleDB(t)
	if code, out, errOut := cli("copy", "--from", db, "--to", url); code != 0 || !strings.Contains(out, "13 initiatives") {
		t.Fatalf("copy to postgres: exit %d, %q %q", code, out, errOut)
	}
	// A second copy is refused whole.
	if code, _, errOut := cli("copy", "--from", db, "--to", url); code != 1 || !strings.Contains(errOut, "already holds") {
		t.Fatalf("second copy: exit %d, %q", code, errOut)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	if code, _, errOut := cli("copy", "--from", url, "--to", back, "--portfolio", p.Name); code != 0 {
		t.Fatalf("copy back: exit %d, %q", code, errOut)
	}
	_, a, _ := cli("export", "--db", db, "--portfolio", p.Name)
	_, b, errOut := cli("export", "--db", back, "--portfolio", p.Name)
	if a == "" || a != b {
		t.Fatalf("exports differ (%q)", errOut)
	}
	_, c, _ := cli("export", "--db", url, "--portfolio", p.Name)
	if c != a {
		t.Fatal("the export from PostgreSQL differs from the file's")
	}
	if code, out, errOut := cli("list", "--db", url); code != 0 || !strings.Contains(out, p.Name) {
		t.Fatalf("list: exit %d, %q %q", code, out, errOut)
	}
	_, v1, _ := cli("value", "--db", db, "--portfolio", p.Name, "--format", "json")
	code, v2, errOut := cli("value", "--db", url, "--portfolio", p.Name, "--format", "json")
	if code != 0 || v1 != v2 {
		t.Fatalf("value from postgres: exit %d, %q; differs: %v", code, errOut, v1 != v2)
	}
}

// A change made by one connection reaches `watch` within 1 s (median over
// 50 changes).
func TestWatchPrintsChanges(t *testing.T) {
	url := pgtest.Fresh(t)
	db, p := sampleDB(t)
	if code, _, errOut := cli("copy", "--from", db, "--to", url); code != 0 {
		t.Fatal(errOut)
	}
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{User: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 50
	out := &lineBuffer{lines: make(chan string, n)}
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run([]string{"watch", "--db", url, "--portfolio", p.Name, "--count", fmt.Sprint(n)}, out, &stderr)
	}()
	time.Sleep(300 * time.Millisecond)
	id := p.Initiatives[0].ID
	var lat []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		v := 0.2 + float64(i)/1000
		if _, err := s.Apply(p.Name, fmt.Sprintf("Edit %d", i), func(q *model.Portfolio) error { q.Initiative(id).Sigma = model.Number(v); return nil }); err != nil {
			t.Fatal(err)
		}
		select {
		case l := <-out.lines:
			if !strings.Contains(l, "ana: Edit "+fmt.Sprint(i)) {
				t.Fatalf("line %q", l)
			}
			lat = append(lat, time.Since(start))
		case <-time.After(5 * time.Second):
			t.Fatalf("change %d did not reach watch: %s", i, stderr.String())
		}
	}
	if code := <-done; code != 0 {
		t.Fatalf("watch exit %d: %s", code, stderr.String())
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if lat[n/2] > time.Second {
		t.Fatalf("median %v", lat[n/2])
	}
	t.Logf("change to watch line: median %v, max %v over %d changes", lat[n/2], lat[n-1], n)
}

// lineBuffer hands each written line to a channel.
type lineBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lines chan string
}

func (b *lineBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	for {
		s := b.buf.String()
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		b.lines <- s[:i]
		b.buf.Next(i + 1)
	}
	return len(p), nil
}

// The write commands work on PostgreSQL too: import, driver set, undo, redo
// and history (which names who did what).
func TestWriteCommandsOnPostgres(t *testing.T) {
	url := pgtest.Fresh(t)
	file := writeTemp(t, "p.json", mustSample(t))
	if code, out, errOut := cli("import", "--db", url, file); code != 0 || !strings.Contains(out, "13 initiatives") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut := cli("driver", "--db", url, "set", "members", "150000", "--format", "json")
	if code != 0 {
		t.Fatalf("driver set: exit %d, %q", code, errOut)
	}
	if !strings.Contains(out, "members") {
		t.Errorf("driver set printed %q", out)
	}
	if code, out, errOut := cli("history", "--db", url); code != 0 || !strings.Contains(out, "set driver members") {
		t.Fatalf("history: exit %d, %q %q", code, out, errOut)
	}
	if code, out, errOut := cli("undo", "--db", url); code != 0 || !strings.Contains(out, "Undid: set driver members") {
		t.Fatalf("undo: exit %d, %q %q", code, out, errOut)
	}
	// Undoing the import would remove the whole portfolio: --yes needed.
	if code, _, errOut := cli("undo", "--db", url); code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("undo of the import: exit %d, %q", code, errOut)
	}
	if code, out, errOut := cli("redo", "--db", url); code != 0 || !strings.Contains(out, "Redid") {
		t.Fatalf("redo: exit %d, %q %q", code, out, errOut)
	}
}

func mustSample(t *testing.T) []byte {
	t.Helper()
	return samples.SCRMNorthwind
}

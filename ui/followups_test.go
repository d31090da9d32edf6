package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/optionspace/optionspace/ui/format"
	"github.com/optionspace/optionspace/valuation"
)

func TestRegionReasonFormatsAmounts(t *testing.T) {
	th := valuation.DefaultThresholds() // invest-now premium 1%, C/S 10% and 2%
	// Region 2 by hand: NPV = 1.2M - 920k = 280k > 0, time value
	// (400k - 280k)/1.2M = 10.00% > 1%, S = 1.2M below S* = 1.5M.
	pos := valuation.Position{NPVq: 1.35, NPV: 280e3, Value: 400e3, Underlying: 1.2e6, Cost: 920e3, Trigger: 1.5e6}
	if g := valuation.RegionOf(pos, th); g != valuation.RegionMaybeNow {
		t.Fatalf("hand case is in region %d, want 2", g)
	}
	pos.Region = valuation.RegionMaybeNow
	want := "NPV 280k > 0 but waiting is worth 10.00% more (> 1.00%); underlying 1.2M below the trigger 1.5M"
	if got := pos.Explain(th, money); got != want {
		t.Fatalf("compact:\n got %q\nwant %q", got, want)
	}
	full := format.New("", format.Full).Amount
	want = "NPV 280,000 > 0 but waiting is worth 10.00% more (> 1.00%); underlying 1,200,000 below the trigger 1,500,000"
	if got := pos.Explain(th, full); got != want {
		t.Fatalf("full:\n got %q\nwant %q", got, want)
	}
	// Region 1 at the trigger: S = 1.6M >= S* = 1.5M, NPV = 680k.
	pos = valuation.Position{NPVq: 1.74, NPV: 680e3, Value: 680e3, Underlying: 1.6e6, Cost: 920e3, Trigger: 1.5e6, Region: valuation.RegionInvestNow}
	want = "NPV 680k > 0 and underlying 1.6M at or beyond the trigger 1.5M: invest now beats waiting"
	if got := pos.Explain(th, money); got != want {
		t.Fatalf("region 1:\n got %q\nwant %q", got, want)
	}
	// Region 3: NPVq 1.05 > 1 but NPV = -40k.
	pos = valuation.Position{NPVq: 1.05, NPV: -40e3, Region: valuation.RegionProbablyLater}
	if got, want := pos.Explain(th, money), "NPVq 1.050 > 1 but NPV -40k <= 0"; got != want {
		t.Fatalf("region 3: got %q, want %q", got, want)
	}
}

func TestInspectorReasonHasNoExponents(t *testing.T) {
	win, ses := newTestWindow(t)
	for i := range ses.Valuation.Initiatives {
		r := &ses.Valuation.Initiatives[i]
		if r.Err != nil {
			continue
		}
		for _, kv := range resultsRows(r, ses.Portfolio, win.money) {
			if kv[0] == "Region" && (strings.Contains(kv[1], "e+") || strings.Contains(kv[1], "e-0")) {
				t.Errorf("%s: %q", r.Name, kv[1])
			}
		}
	}
}

// shortcut sends a Ctrl(+mods)+key shortcut through the window canvas's
// shortcut handling, as the desktop driver does for a key press.
func shortcut(win *Window, key fyne.KeyName, mod fyne.KeyModifier) {
	canvasShortcuts(win.win.Canvas()).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | mod})
}

func TestKeyboardShortcuts(t *testing.T) {
	win, ses := newTestWindow(t)
	// Ctrl+1 ... Ctrl+7 select the views in the registry's order.
	for i := len(views) - 1; i >= 0; i-- {
		shortcut(win, fyne.KeyName(string(rune('1'+i))), 0)
		if got := win.tabs.SelectedIndex(); got != i {
			t.Fatalf("Ctrl+%d selected tab %d, want %d", i+1, got, i)
		}
		if win.shown[views[i].name] == nil {
			t.Fatalf("Ctrl+%d did not build view %s", i+1, views[i].name)
		}
	}
	// Ctrl+Z undoes a rename, Ctrl+Shift+Z redoes it, Ctrl+Y too.
	id := ses.Portfolio.Initiatives[0].ID
	before := ses.Portfolio.Initiatives[0].Name
	rename(t, ses, id, "Renamed by the test")
	name := func() string { return ses.Portfolio.Initiative(id).Name }
	shortcut(win, fyne.KeyZ, 0)
	if name() != before {
		t.Fatalf("after Ctrl+Z the name is %q, want %q", name(), before)
	}
	if !strings.Contains(win.status.Text, "Undid: Rename") {
		t.Fatalf("status %q", win.status.Text)
	}
	shortcut(win, fyne.KeyZ, fyne.KeyModifierShift)
	if name() != "Renamed by the test" {
		t.Fatalf("after Ctrl+Shift+Z the name is %q", name())
	}
	shortcut(win, fyne.KeyZ, 0)
	shortcut(win, fyne.KeyY, 0)
	if name() != "Renamed by the test" {
		t.Fatalf("after Ctrl+Z, Ctrl+Y the name is %q", name())
	}
	// Nothing left to redo.
	shortcut(win, fyne.KeyZ, fyne.KeyModifierShift)
	if !strings.Contains(win.status.Text, "Nothing to redo") {
		t.Fatalf("status %q", win.status.Text)
	}
	// Ctrl+E asks where to save the report.
	c := win.win.Canvas()
	if c.Overlays().Top() != nil {
		t.Fatal("an overlay is open before Ctrl+E")
	}
	shortcut(win, fyne.KeyE, 0)
	if c.Overlays().Top() == nil {
		t.Fatal("Ctrl+E opened no dialog")
	}
}

// pdfPages counts the page objects of a PDF file ("/Type /Page", not
// "/Type /Pages"), independently of the report's own count.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("%s does not start with %%PDF-", path)
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1))
}

func TestExportReportWritesPDFAndCSV(t *testing.T) {
	ses := newTestSession(t)
	if err := ses.TakeSnapshot("Review"); err != nil {
		t.Fatal(err)
	}
	p, v := ses.Saved(), ses.savedVal
	dir := t.TempDir()
	path := filepath.Join(dir, "review.pdf")
	calls := 0
	files, err := exportReport(context.Background(), path, p, v, lastSnapshot(p), func(done, total int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	// Cover, contents, summary, two chart pages, table, one page per
	// initiative at least: more pages than initiatives.
	got := pdfPages(t, path)
	if files.Pages != got || got < len(p.Initiatives)+4 {
		t.Fatalf("report says %d pages, the file has %d page objects, %d initiatives", files.Pages, got, len(p.Initiatives))
	}
	t.Logf("%d pages, %d progress calls", got, calls)
	if calls == 0 {
		t.Fatal("no progress reported")
	}
	want := []string{"review-initiatives.csv", "review-decisions.csv", "review-what-moved.csv"}
	if strings.Join(baseNames(files.CSV), ",") != strings.Join(want, ",") {
		t.Fatalf("CSV files %v, want %v", files.CSV, want)
	}
	// The initiative table has a header and one line per initiative.
	rows, err := csv.NewReader(mustOpen(t, files.CSV[0])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(p.Initiatives)+1 {
		t.Fatalf("initiatives.csv has %d rows, want %d", len(rows), len(p.Initiatives)+1)
	}
	// Not a PDF name: refused, nothing written.
	if _, err := exportReport(context.Background(), filepath.Join(dir, "r.txt"), p, v, nil, nil); err == nil || !strings.Contains(err.Error(), ".pdf") {
		t.Fatalf("r.txt: %v", err)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportReportCancel(t *testing.T) {
	ses := newTestSession(t)
	p, v := ses.Saved(), ses.savedVal
	dir := t.TempDir()
	path := filepath.Join(dir, "review.pdf")
	// Cancel after the first step: the build stops and leaves nothing.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	steps, total := 0, 0
	_, err := exportReport(ctx, path, p, v, nil, func(done, n int) { steps, total = done, n; cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export: %v", err)
	}
	if steps >= total {
		t.Fatalf("cancel after step 1 still ran all %d steps", total)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Fatalf("cancelled export left %v", left)
	}
}

func TestExportReportFromWindow(t *testing.T) {
	win, _ := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "from-window.pdf")
	done := make(chan error, 1)
	var files reportFiles
	win.onReportDone = func(f reportFiles, err error) { files = f; done <- err }
	win.exportReportTo(path)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(t, path); n != files.Pages {
		t.Fatalf("file has %d pages, status says %d", n, files.Pages)
	}
	if want := fmt.Sprintf("(%d pages)", files.Pages); !strings.Contains(win.status.Text, want) {
		t.Fatalf("status %q lacks %q", win.status.Text, want)
	}
}

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDevNullStaysADevice writes to /dev/null: the bytes go to the device,
// which must still be a character device afterwards (renaming a temporary
// file over it, as root, replaced it with a regular file).
func TestDevNullStaysADevice(t *testing.T) {
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Skipf("%s is not a character device here", os.DevNull)
	}
	if err := WriteFile(os.DevNull, []byte("report"), 0o644); err != nil {
		t.Fatal(err)
	}
	fi, err = os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(os.DevNull), ".null.tmp-*")); len(m) > 0 {
		t.Fatalf("temporary files left: %v", m)
	}
}

// TestNamedPipeIsWrittenThrough writes to a FIFO: a reader gets the bytes
// and the FIFO is still a FIFO.
func TestNamedPipeIsWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := WriteFile(p, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "a,b\n1,2\n" {
		t.Fatalf("reader got %q", s)
	}
	if fi, err := os.Lstat(p); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced: %v %v", fi.Mode(), err)
	}
	assertOnlyTarget(t, dir)
}

// TestSymlinkIsKept writes through a symbolic link: the file it points to
// gets the new content and the link stays a link.
func TestSymlinkIsKept(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "out.csv")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Fatalf("target has %q", b)
	}
	assertOnlyTarget(t, filepath.Dir(real))
}

// TestFolderIsRefused: writing onto a folder says so and changes nothing.
func TestFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out")
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(p, []byte("x"), 0o644)
	if err == nil || !strings.Contains(err.Error(), "is a folder") || !strings.Contains(err.Error(), p) {
		t.Fatalf("err = %v", err)
	}
	if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
		t.Fatalf("folder changed: %v", err)
	}
}

package testfile

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(path, []byte("a,b\n1,\"x,y\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, want := CSV(t, path), [][]string{{"a", "b"}, {"1", "x,y"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("CSV = %q, want %q", got, want)
	}
}

func TestPNG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(2, 1, color.RGBA{R: 200, A: 255})
	path := filepath.Join(t.TempDir(), "t.png")
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	got := PNG(t, path)
	if got.Bounds() != img.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), img.Bounds())
	}
	if r, _, _, a := got.At(2, 1).RGBA(); r>>8 != 200 || a>>8 != 255 {
		t.Errorf("pixel (2, 1) = %v, want red 200", got.At(2, 1))
	}
}

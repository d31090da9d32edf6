// Package testfile reads the files tests write or keep in testdata (CSV
// tables, PNG images) for the tests of every package, failing the test
// on an error, naming the file.
package testfile

import (
	"encoding/csv"
	"image"
	"image/png"
	"os"
	"testing"
)

// CSV returns the records of the CSV file at path.
func CSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// PNG returns the image of the PNG file at path.
func PNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

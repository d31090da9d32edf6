package model_test

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/samples"
)

// FuzzReadJSON: ReadJSON never panics; a rejection is a non-empty error and
// no portfolio; an accepted document is a valid portfolio that survives a
// round trip unchanged.
func FuzzReadJSON(f *testing.F) {
	f.Add(string(samples.SCRMNorthwind))
	for _, c := range jsonRefusalCases() {
		if len(c.doc) < 20000 {
			f.Add(c.doc)
		}
	}
	f.Add(`{"version":1,"name":"n","as_of":"2026-01-01","settings":{"discounting":"continuous","risk_free":0,"thresholds":{}},"tags":[],"initiatives":[],"drivers":[],"links":[]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		p, ok := fuzzRead(t, doc, model.ReadJSON, func(p *model.Portfolio) bool { return p == nil })
		if !ok {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted an invalid portfolio: %v", err)
		}
		fuzzRoundTrip(t, p, model.WriteJSON, model.ReadJSON)
	})
}

// fuzzRead reads doc with read; a rejection must be a non-empty error with
// nothing read (none). It reports whether doc was accepted.
func fuzzRead[T any](t *testing.T, doc string, read func(io.Reader) (T, error), none func(T) bool) (T, bool) {
	t.Helper()
	v, err := read(strings.NewReader(doc))
	if err != nil {
		if !none(v) || strings.TrimSpace(err.Error()) == "" {
			t.Fatalf("rejection with %+v and error %q", v, err)
		}
		return v, false
	}
	return v, true
}

// fuzzRoundTrip checks that v, written with write and read back with read,
// is unchanged.
func fuzzRoundTrip[T any](t *testing.T, v T, write func(io.Writer, T) error, read func(io.Reader) (T, error)) {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, v); err != nil {
		t.Fatalf("cannot write what was read: %v", err)
	}
	again, err := read(&b)
	if err != nil {
		t.Fatalf("cannot read what was written: %v\n%q", err, b.String())
	}
	if !reflect.DeepEqual(v, again) {
		t.Fatalf("round trip differs:\n%+v\n%+v", v, again)
	}
}

// FuzzReadCSV: ReadCSV never panics; a rejection is a non-empty error and
// no initiatives; an accepted table writes and reads back unchanged.
func FuzzReadCSV(f *testing.F) {
	// The sample's table, cut to three rows to keep mutations quick.
	var b bytes.Buffer
	p := readJSON(f, samples.SCRMNorthwind)
	p.Initiatives = p.Initiatives[:3]
	model.WriteCSV(&b, p)
	f.Add(b.String())
	for _, c := range csvErrorCases() {
		f.Add(c.doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		ins, ok := fuzzRead(t, doc, model.ReadCSV, func(ins []model.Initiative) bool { return ins == nil })
		if !ok {
			return
		}
		write := func(w io.Writer, ins []model.Initiative) error {
			return model.WriteCSV(w, &model.Portfolio{Initiatives: ins})
		}
		fuzzRoundTrip(t, ins, write, model.ReadCSV)
	})
}

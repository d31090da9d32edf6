package model_test

import (
	"bytes"
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
		p, err := model.ReadJSON(strings.NewReader(doc))
		if err != nil {
			if p != nil || strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("rejection with portfolio %v and error %q", p != nil, err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted an invalid portfolio: %v", err)
		}
		var b bytes.Buffer
		if err := model.WriteJSON(&b, p); err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		q, err := model.ReadJSON(&b)
		if err != nil {
			t.Fatalf("cannot read what was written: %v\n%s", err, b.String())
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip differs:\n%+v\n%+v", p, q)
		}
	})
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
		ins, err := model.ReadCSV(strings.NewReader(doc))
		if err != nil {
			if ins != nil || strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("rejection with %d initiatives and error %q", len(ins), err)
			}
			return
		}
		var b bytes.Buffer
		if err := model.WriteCSV(&b, &model.Portfolio{Initiatives: ins}); err != nil {
			t.Fatalf("cannot write what was read: %v", err)
		}
		again, err := model.ReadCSV(&b)
		if err != nil {
			t.Fatalf("cannot read what was written: %v\n%q", err, b.String())
		}
		if !reflect.DeepEqual(ins, again) {
			t.Fatalf("round trip differs:\n%+v\n%+v", ins, again)
		}
	})
}

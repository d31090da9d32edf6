package model_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/modeltest"
	"github.com/optionspace/optionspace/samples"
)

// canonical re-encodes a JSON document with sorted keys and no spacing,
// through encoding/json's generic types: an encoding independent of the
// model's types.
func canonical(t testing.TB, data []byte) []byte {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeJSON is p's JSON (modeltest.JSON) as bytes.
func writeJSON(t testing.TB, p *model.Portfolio) []byte {
	t.Helper()
	return []byte(modeltest.JSON(t, p))
}

func readJSON(t testing.TB, data []byte) *model.Portfolio {
	t.Helper()
	p, err := model.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSampleRoundTrip: export(import(x)) holds the same JSON as x (every
// key and value, compared after a canonical re-encoding), exporting again
// gives the same bytes, and the structs are equal.
func TestSampleRoundTrip(t *testing.T) {
	p := readJSON(t, samples.SCRMNorthwind)
	out := writeJSON(t, p)
	if got, want := canonical(t, out), canonical(t, samples.SCRMNorthwind); !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("export(import(sample)) differs from the sample at byte %d:\n got …%.300s\nwant …%.300s", i, got[max(0, i-100):], want[max(0, i-100):])
	}
	q := readJSON(t, out)
	if !reflect.DeepEqual(p, q) {
		t.Fatal("import(export(import(sample))) differs from import(sample)")
	}
	if again := writeJSON(t, q); !bytes.Equal(again, out) {
		t.Fatal("exporting twice gives different bytes")
	}
	// Spot checks against the sample file as written by hand.
	if p.Name != "Northwind Appliances: Social CRM strategy" || len(p.Initiatives) != 13 || p.AsOf.String() != "2026-10-01" ||
		p.Initiatives[0].ID != "community-pilot" || p.Initiatives[0].S.Value != 700000 || p.Initiatives[0].Leakage != 0.12 {
		t.Fatalf("sample read wrong: %q, %d initiatives, as of %s", p.Name, len(p.Initiatives), p.AsOf)
	}
}

// TestRandomRoundTrip is a property test: 200 random valid portfolios
// (with quotes, newlines, non-ASCII text, formulas, optional fields set or
// not) come back from a JSON round trip equal, and re-export to the same
// bytes.
func TestRandomRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	for i := range 200 {
		p := modeltest.Random(r, 8)
		if err := p.Validate(); err != nil {
			t.Fatalf("portfolio %d: the generator made an invalid portfolio: %v", i, err)
		}
		out := writeJSON(t, p)
		q, err := model.ReadJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("portfolio %d: %v\n%s", i, err, out)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("portfolio %d differs after a round trip:\n%s", i, out)
		}
		if again := writeJSON(t, q); !bytes.Equal(again, out) {
			t.Fatalf("portfolio %d: re-export differs", i)
		}
	}
}

func TestWriteJSONEmptyListsAndNoChange(t *testing.T) {
	p := &model.Portfolio{Name: "Empty", AsOf: model.NewDate(2026, 1, 2), Settings: model.DefaultSettings()}
	out := string(writeJSON(t, p))
	for _, want := range []string{`"version": 1`, `"tags": []`, `"initiatives": []`, `"drivers": []`, `"links": []`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	for _, absent := range []string{"decisions", "learning", "snapshots", "null"} {
		if strings.Contains(out, absent) {
			t.Errorf("output has %s:\n%s", absent, out)
		}
	}
	if p.Version != 0 || p.Tags != nil {
		t.Error("WriteJSON changed its argument")
	}
}

func TestReadJSONRefusals(t *testing.T) {
	for _, c := range jsonRefusalCases() {
		t.Run(c.name, func(t *testing.T) {
			p, err := model.ReadJSON(strings.NewReader(c.doc))
			if err == nil || p != nil {
				t.Fatalf("ReadJSON accepted it")
			}
			if err.Error() != c.want {
				t.Fatalf("error\n got %q\nwant %q", err, c.want)
			}
		})
	}
}

func TestReadJSONTooLarge(t *testing.T) {
	// A valid document padded with spaces to just over 50 MB: refused by
	// size before it is parsed.
	doc := append(bytes.Repeat([]byte(" "), model.MaxFileSize), samples.SCRMNorthwind...)
	_, err := model.ReadJSON(bytes.NewReader(doc))
	if err == nil || err.Error() != "the portfolio file is larger than 50 MB" {
		t.Fatalf("ReadJSON: %v", err)
	}
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = model.ReadJSONFile(path)
	if err == nil || err.Error() != path+": the file is larger than 50 MB" {
		t.Fatalf("ReadJSONFile: %v", err)
	}
	// Exactly 50 MB is read.
	doc = doc[len(doc)-model.MaxFileSize:]
	if _, err := model.ReadJSON(bytes.NewReader(doc)); err != nil {
		t.Fatalf("a 50 MB file: %v", err)
	}
}

func TestReadJSONFileNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.json")
	os.WriteFile(path, []byte(`{"name": "x"}`), 0o600)
	_, err := model.ReadJSONFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+": not an Option Space portfolio") {
		t.Fatalf("%v", err)
	}
	_, err = model.ReadJSONFile(filepath.Join(t.TempDir(), "missing.json"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}

func TestQuantityJSON(t *testing.T) {
	for in, want := range map[string]model.Quantity{
		`12.5`:              model.Number(12.5),
		`" 7 "`:             model.Number(7),
		`"members * 0.6"`:   model.Formula("members * 0.6"),
		`-0`:                model.Number(0),
		`1e308`:             model.Number(1e308),
		`"a + b // note é"`: model.Formula("a + b // note é"),
	} {
		var q model.Quantity
		if err := json.Unmarshal([]byte(in), &q); err != nil || q != want {
			t.Errorf("%s -> %+v, %v; want %+v", in, q, err, want)
		}
	}
	out, _ := json.Marshal([]model.Quantity{model.Number(0.1), model.Formula("x*2"), {Value: 9, Formula: "y"}})
	if string(out) != `[0.1,"x*2","y"]` {
		t.Errorf("marshal: %s", out)
	}
}

// jsonRefusalCases are the table cases, also the seeds of the fuzz tests.
func jsonRefusalCases() []docCase {
	sample := string(samples.SCRMNorthwind)
	deep := `{"version": 1, "name": "x", "description": ` + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "}"
	return []docCase{
		{"missing version", `{"name": "x"}`, `not an Option Space portfolio: the "version" field is missing`},
		{"null version", `{"version": null, "name": "x"}`, `not an Option Space portfolio: the "version" field is missing`},
		{"newer version", `{"version": 2, "name": "x"}`, "the portfolio is in format version 2, newer than this Option Space reads (1): update Option Space"},
		{"version 0", `{"version": 0}`, "unknown portfolio format version 0"},
		{"version not a number", `{"version": "1"}`, `line 1, column 13: field "version": want a whole number, got JSON string`},
		{"version a fraction", `{"version": 1.5}`, `line 1, column 13: field "version": want a whole number, got JSON number 1.5`},
		{"unknown field", strings.Replace(sample, `"currency"`, `"colour": "red", "currency"`, 1),
			`unknown field "colour" (this Option Space reads format version 1)`},
		{"unknown nested field", strings.Replace(sample, `"owner": "Head of Digital Customer Experience",`, `"owner": "Head of Digital Customer Experience", "budget": 5,`, 1),
			`unknown field "budget" (this Option Space reads format version 1)`},
		{"trailing data", sample + `{"version": 1}`, "invalid JSON at line 247, column 1: invalid character '{' after top-level value"},
		{"syntax error", "{\n  \"version\": 1,\n  \"name\": \"x\",,\n}", "invalid JSON at line 3, column 15: invalid character ',' looking for beginning of object key string"},
		{"cut short", sample[:200], "the portfolio file is cut short: it ends at line 4, column 128, inside a value"},
		{"empty", " \n", "the portfolio file is empty"},
		{"not an object", `[1, 2]`, "not an Option Space portfolio: the file does not hold a JSON object"},
		{"array for an object", strings.Replace(sample, `"settings": {`, `"settings": [], "x": {`, 1), `line 9, column 15: field "settings": want an object, got JSON array`},
		{"deeply nested", deep, "the portfolio file is nested deeper than 64 levels"},
		{"wrong type", strings.Replace(sample, `"risk_free": 0.04`, `"risk_free": "4%"`, 1), `line 11, column 18: field "settings.risk_free": want a number, got JSON string`},
		// Errors of the types' own decoders name the line, column and
		// field (counted by hand in samples/scrm-northwind.json).
		{"bad date", strings.Replace(sample, `"as_of": "2026-10-01"`, `"as_of": "1 Oct 2026"`, 1), `line 8, column 12: field "as_of": date "1 Oct 2026": want YYYY-MM-DD`},
		{"bad quantity", strings.Replace(sample, `"S": 700000`, `"S": true`, 1),
			`line 37, column 12: initiative "Customer community pilot" (id "community-pilot"), field S: want a number or a formula string, got true`},
		{"bad deadline of the second initiative", strings.Replace(sample, `"deadline": "2029-04-01"`, `"deadline": "2029-13-01"`, 1),
			`line 61, column 19: initiative "Customer community rollout" (id "community-rollout"), field deadline: date "2029-13-01": want YYYY-MM-DD`},
		{"bad assumption date", strings.Replace(sample, `"confidence": "low", "date": "2026-09-15"`, `"confidence": "low", "date": "2026-09-31"`, 1),
			`line 44, column 155: initiative "Customer community pilot" (id "community-pilot"), field assumptions[1].date: date "2026-09-31": want YYYY-MM-DD`},
		{"invalid portfolio", strings.Replace(sample, `"sigma": 0.25`, `"sigma": 7`, 1),
			`invalid portfolio: initiatives["Customer community pilot"].sigma: 7 is outside [0, 3] (volatility per year) (line 29)`},
		// Required fields are not read as 0 (issue D6): each missing one
		// is named with its initiative's line.
		{"S missing", strings.Replace(sample, `"S": 700000,`, ``, 1),
			`invalid portfolio: initiatives["Customer community pilot"].S: is missing (line 29)`},
		{"sigma and X missing", strings.Replace(strings.Replace(sample, `"sigma": 0.45,`, ``, 1), `"X": 4300000,`, ``, 1),
			"invalid portfolio: 2 problems:\n  - initiatives[\"Customer community rollout\"].X: is missing (line 50)\n  - initiatives[\"Customer community rollout\"].sigma: is missing (line 50)"},
		{"S null", strings.Replace(sample, `"S": 700000,`, `"S": null,`, 1),
			`invalid portfolio: initiatives["Customer community pilot"].S: is missing (line 29)`},
		{"risk-free missing", strings.Replace(sample, `"risk_free": 0.04,`, ``, 1), `invalid portfolio: settings.risk_free: is missing (line 9, column 15)`},
		{"driver value missing", strings.Replace(sample, `"value": 55, `, ``, 1), `invalid portfolio: drivers["value_per_member"].value: is missing (line 22)`},
		// Duplicates name the other initiative and its line.
		{"name twice", strings.Replace(sample, `"name": "Customer community rollout"`, `"name": "Customer community pilot"`, 1),
			`invalid portfolio: initiatives["Customer community pilot"].name: is used by another initiative (id "community-pilot", initiatives[0], line 29) (line 50)`},
		{"id twice", strings.Replace(sample, `"id": "community-rollout"`, `"id": "community-pilot"`, 1),
			"invalid portfolio: 3 problems:\n  - initiatives[\"Customer community rollout\"].id: \"community-pilot\" is used by another initiative (\"Customer community pilot\", initiatives[0], line 29) (line 50)" +
				"\n  - links[0].to: \"community-rollout\" is not an initiative of this portfolio\n  - links[1].from: \"community-rollout\" is not an initiative of this portfolio"},
	}
}

// TestReadJSONLongNameCut: a problem of an initiative with a 5,000-char
// name quotes the first MaxNameInMessage characters and an ellipsis.
func TestReadJSONLongNameCut(t *testing.T) {
	long := strings.Repeat("ü", 5000)
	doc := strings.Replace(string(samples.SCRMNorthwind), `"name": "Customer community pilot"`, `"name": "`+long+`"`, 1)
	doc = strings.Replace(doc, `"sigma": 0.25`, `"sigma": 7`, 1)
	_, err := model.ReadJSON(strings.NewReader(doc))
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a *ValidationError, got %v", err)
	}
	short := strings.Repeat("ü", model.MaxNameInMessage-1) + "…"
	want := []string{
		`initiatives["` + short + `"].name: is 10000 bytes long, more than 1000 (line 29)`,
		`initiatives["` + short + `"].sigma: 7 is outside [0, 3] (volatility per year) (line 29)`,
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems\n got %q\nwant %q", got, want)
	}
}

// docCase is a document and the error it must give.
type docCase struct{ name, doc, want string }

// TestFastJSONCodecsMatchEncodingJSON: Quantity and Date encode and decode
// without encoding/json's reflection; their output must be what
// encoding/json writes for a float64 and a string (the reference).
func TestFastJSONCodecsMatchEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 123456789012345678, 1e-300, 5e-324, 1.7976931348623157e308, -2.5e-9, 700000}
	for range 2000 {
		values = append(values, math.Float64frombits(r.Uint64()))
	}
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		want, _ := json.Marshal(v)
		got, err := json.Marshal(model.Number(v))
		if err != nil || string(got) != string(want) {
			t.Fatalf("Number(%v) = %s, %v; encoding/json writes %s", v, got, err, want)
		}
		var q model.Quantity
		if err := json.Unmarshal(want, &q); err != nil || q.Value != v || math.Signbit(q.Value) != math.Signbit(v) {
			t.Fatalf("%s read as %v, %v", want, q.Value, err)
		}
	}
	if _, err := json.Marshal(model.Number(math.NaN())); err == nil {
		t.Error("NaN encoded")
	}
	for _, c := range []struct {
		in   string
		want model.Quantity
	}{{`"a\"b"`, model.Formula(`a"b`)}, {`"\u00e9 * 2"`, model.Formula("é * 2")}, {`null`, model.Quantity{}}} {
		var q model.Quantity
		if err := json.Unmarshal([]byte(c.in), &q); err != nil || q != c.want {
			t.Errorf("%s -> %+v, %v", c.in, q, err)
		}
	}
	for _, bad := range []string{`1e400`, `true`, `{}`, `[1]`} {
		var q model.Quantity
		if err := json.Unmarshal([]byte(bad), &q); err == nil {
			t.Errorf("%s accepted as %+v", bad, q)
		}
	}
	d := model.NewDate(2026, 11, 23)
	got, _ := json.Marshal(d)
	if want, _ := json.Marshal("2026-11-23"); string(got) != string(want) {
		t.Errorf("date %s", got)
	}
	var back model.Date
	if err := json.Unmarshal([]byte(`"2026-11-23"`), &back); err != nil || back != d {
		t.Errorf("date read %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`"2026\u002d11-23"`), &back); err != nil || back != d {
		t.Errorf("escaped date read %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`20261123`), &back); err == nil {
		t.Error("a number read as a date")
	}
}

// BenchmarkReadJSON10000 reads a portfolio of 10,000 initiatives and
// 20,000 links (what scanLayout adds to the decoding shows here).
func BenchmarkReadJSON10000(b *testing.B) {
	var buf bytes.Buffer
	if err := model.WriteJSON(&buf, modeltest.Large(10000, 20000, 50)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.ReadJSON(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

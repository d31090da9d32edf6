package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// MaxNameInMessage is the longest name, in characters, that a message
// quotes in full; longer ones are cut with an ellipsis (Truncate).
const MaxNameInMessage = 60

// requiredInitiativeKeys are the fields every initiative of a portfolio
// file must give: a missing one would otherwise be read as 0 or "" (S = 0,
// sigma = 0 price silently), as the CSV reader's required columns.
var requiredInitiativeKeys = []string{"id", "name", "kind", "status", "S", "X", "sigma", "deadline"}

// initiativeKeys holds, of one initiative of the file, the fields that must
// be present: nil when the key is missing.
type initiativeKeys struct {
	ID       json.RawMessage `json:"id"`
	Name     json.RawMessage `json:"name"`
	Kind     json.RawMessage `json:"kind"`
	Status   json.RawMessage `json:"status"`
	S        json.RawMessage `json:"S"`
	X        json.RawMessage `json:"X"`
	Sigma    json.RawMessage `json:"sigma"`
	Deadline json.RawMessage `json:"deadline"`
}

func (k *initiativeKeys) get(key string) json.RawMessage {
	switch key {
	case "id":
		return k.ID
	case "name":
		return k.Name
	case "kind":
		return k.Kind
	case "status":
		return k.Status
	case "S":
		return k.S
	case "X":
		return k.X
	case "sigma":
		return k.Sigma
	}
	return k.Deadline
}

// fileLayout is what ReadJSON learns of a portfolio file beyond its
// values: the line each initiative and driver starts on and the required
// fields missing from them.
type fileLayout struct {
	initiativeAt []string  // "line 29", or "line 1, column 310" in a file of long lines
	missing      []Problem // fields given by their path, e.g. initiatives[3].S
	// missingByIndex maps an initiative's index to its missing keys.
	missingByIndex map[int][]string
}

// scanLayout walks the top-level object of a document encoding/json has
// already decoded without error, recording the line of each initiative and
// the required fields (requiredInitiativeKeys, settings.risk_free, each
// driver's value) it lacks. A missing discounting is discrete, the
// documented default.
func scanLayout(data []byte) (*fileLayout, error) {
	l := &fileLayout{missingByIndex: map[int][]string{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	lines := newLineCounter(data)
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		switch key {
		case "initiatives":
			err = eachElement(dec, data, func(i int, start int64) error {
				l.initiativeAt = append(l.initiativeAt, lines.at(start))
				var k initiativeKeys
				if err := dec.Decode(&k); err != nil {
					return err
				}
				for _, name := range requiredInitiativeKeys {
					if raw := k.get(name); raw == nil || string(raw) == "null" {
						l.missingByIndex[i] = append(l.missingByIndex[i], name)
					}
				}
				return nil
			})
		case "drivers":
			err = eachElement(dec, data, func(i int, start int64) error {
				var d struct {
					Name  string          `json:"name"`
					Value json.RawMessage `json:"value"`
				}
				if err := dec.Decode(&d); err != nil {
					return err
				}
				if d.Value == nil || string(d.Value) == "null" {
					f := fmt.Sprintf("drivers[%d]", i)
					if d.Name != "" {
						f = fmt.Sprintf("drivers[%q]", Truncate(d.Name, MaxNameInMessage))
					}
					l.missing = append(l.missing, Problem{f + ".value", "is missing (" + lines.at(start) + ")"})
				}
				return nil
			})
		case "settings":
			start := valueOffset(data, dec.InputOffset())
			var s struct {
				RiskFree json.RawMessage `json:"risk_free"`
			}
			if err = dec.Decode(&s); err == nil && (s.RiskFree == nil || string(s.RiskFree) == "null") {
				l.missing = append(l.missing, Problem{"settings.risk_free", "is missing (" + lines.at(start) + ")"})
			}
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, err
		}
	}
	return l, nil
}

// eachElement reads the array that is the decoder's next value and calls
// fn with each element's index and start offset; fn must read the
// element. A null stands for an empty array.
func eachElement(dec *json.Decoder, data []byte, fn func(i int, start int64) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("want an array, got %v", tok)
	}
	for i := 0; dec.More(); i++ {
		if err := fn(i, valueOffset(data, dec.InputOffset())); err != nil {
			return err
		}
	}
	_, err = dec.Token() // ]
	return err
}

// valueOffset skips the white space, colon and comma at off: the offset of
// the next value.
func valueOffset(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
		off++
	}
	return off
}

// lineCounter converts increasing offsets into lines in linear time.
type lineCounter struct {
	data      []byte
	off       int64
	n         int
	lineStart int64 // the offset of the first byte of line n
}

func newLineCounter(data []byte) *lineCounter { return &lineCounter{data: data, n: 1} }

func (c *lineCounter) line(off int64) int {
	if off < c.off { // not increasing: count from the start
		c.off, c.n, c.lineStart = 0, 1, 0
	}
	if off > int64(len(c.data)) {
		off = int64(len(c.data))
	}
	seg := c.data[c.off:off]
	if k := bytes.LastIndexByte(seg, '\n'); k >= 0 {
		c.n += bytes.Count(seg, []byte{'\n'})
		c.lineStart = c.off + int64(k) + 1
	}
	c.off = off
	return c.n
}

// at names the position of the value at off: "line 29" when the value
// starts its line (after white space), else "line 1, column 310" (a file
// written on one line).
func (c *lineCounter) at(off int64) string {
	n := c.line(off)
	for i := c.off - 1; i >= c.lineStart; i-- {
		if b := c.data[i]; b != ' ' && b != '\t' && b != '\r' {
			return fmt.Sprintf("line %d, column %d", n, c.off-c.lineStart+1)
		}
	}
	return fmt.Sprintf("line %d", n)
}

// locateProblems adds the file's missing required fields to the problems
// of Validate (err, nil when valid) and makes each problem of an
// initiative name it briefly and give its line: the initiative's field
// holds its name cut to MaxNameInMessage characters and the message ends
// in "(line N)". It returns nil when there is no problem.
func locateProblems(p *Portfolio, l *fileLayout, err error) error {
	var ve *ValidationError
	if err != nil && !errors.As(err, &ve) {
		return err
	}
	var problems []Problem
	missing := map[string]bool{}
	for i := range p.Initiatives {
		for _, key := range l.missingByIndex[i] {
			f := InitiativeField(&p.Initiatives[i], i) + "." + key
			missing[f] = true
			problems = append(problems, Problem{f, "is missing"})
		}
	}
	for _, pr := range l.missing {
		missing[pr.Field] = true
		problems = append(problems, pr)
	}
	if ve != nil {
		for _, pr := range ve.Problems {
			// A missing field also breaks a rule (X = 0 is not a
			// positive investment): the missing field says it.
			if !missing[pr.Field] {
				problems = append(problems, pr)
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	fields := NewInitiativeFields(p, nil)
	for k := range problems {
		pr := &problems[k]
		i, _, ok := fields.Locate(pr.Field)
		if !ok {
			continue
		}
		in := &p.Initiatives[i]
		rest := pr.Field[len(InitiativeField(in, i)):]
		pr.Field = shortInitiativeField(in, i) + rest
		if i < len(l.initiativeAt) {
			pr.Message = otherLine.ReplaceAllStringFunc(pr.Message, func(m string) string {
				var j int
				if _, err := fmt.Sscanf(m, "initiatives[%d])", &j); err == nil && j >= 0 && j < len(l.initiativeAt) {
					return fmt.Sprintf("initiatives[%d], %s)", j, l.initiativeAt[j])
				}
				return m
			})
			pr.Message += " (" + l.initiativeAt[i] + ")"
		}
	}
	return &ValidationError{Problems: problems}
}

// otherLine finds the other initiative a duplicate's message names
// (otherInitiative), to add its line.
var otherLine = regexp.MustCompile(`initiatives\[[0-9]+\]\)$`)

// shortInitiativeField is InitiativeField with the name cut to
// MaxNameInMessage characters.
func shortInitiativeField(in *Initiative, i int) string {
	if strings.TrimSpace(in.Name) != "" {
		return fmt.Sprintf("initiatives[%q]", Truncate(in.Name, MaxNameInMessage))
	}
	return fmt.Sprintf("initiatives[%d]", i)
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// locateDecodeError finds where a decoding error that encoding/json gives
// without a position (a bad date, a bad quantity: the types' own
// UnmarshalJSON) happened, by decoding the document value by value into
// the fields of a Portfolio. It returns the error with the line, column and
// field (and for an initiative its name and id), or err unchanged when it
// cannot tell.
func locateDecodeError(data []byte, err error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var where *decodeSpot
	walkErr := walkValue(dec, data, reflect.TypeFor[Portfolio](), nil, &where)
	if where == nil {
		_ = walkErr
		return err
	}
	line, col := position(data, where.offset)
	field := strings.Join(where.path, ".")
	if len(where.path) >= 2 && strings.HasPrefix(where.path[0], "initiatives[") {
		// The initiative by its name and id, read from its element.
		var in struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		}
		_ = json.NewDecoder(bytes.NewReader(data[where.element:])).Decode(&in)
		who := where.path[0]
		if strings.TrimSpace(in.Name) != "" {
			who = fmt.Sprintf("initiative %q", Truncate(in.Name, MaxNameInMessage))
		}
		if in.ID != "" {
			who += fmt.Sprintf(" (id %q)", Truncate(in.ID, MaxNameInMessage))
		}
		return fmt.Errorf("line %d, column %d: %s, field %s: %w", line, col, who, strings.Join(where.path[1:], "."), where.err)
	}
	return fmt.Errorf("line %d, column %d: field %q: %w", line, col, field, where.err)
}

// decodeSpot is where walkValue found a value that does not decode.
type decodeSpot struct {
	path    []string
	offset  int64 // the value's first byte
	element int64 // the first byte of the top-level array element holding it
	err     error
}

// walkValue reads the decoder's next value as type t, descending into
// objects and arrays, and records in *where the first leaf value that does
// not decode. It returns an error when the document cannot be walked.
func walkValue(dec *json.Decoder, data []byte, t reflect.Type, path []string, where **decodeSpot) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	start := valueOffset(data, dec.InputOffset())
	leaf := reflect.PointerTo(t).Implements(unmarshalerType) ||
		(t.Kind() != reflect.Struct && t.Kind() != reflect.Slice && t.Kind() != reflect.Map) ||
		t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8
	if leaf || start >= int64(len(data)) || (data[start] != '{' && data[start] != '[') {
		v := reflect.New(t)
		if err := dec.Decode(v.Interface()); err != nil {
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				return err
			}
			*where = &decodeSpot{path: append([]string(nil), path...), offset: start, err: err}
			return err
		}
		return nil
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	switch t.Kind() {
	case reflect.Slice:
		for i := 0; dec.More(); i++ {
			elem := valueOffset(data, dec.InputOffset())
			name := fmt.Sprintf("[%d]", i)
			sub := append([]string(nil), path...)
			if len(sub) == 0 {
				sub = []string{name}
			} else {
				sub[len(sub)-1] += name
			}
			if err := walkValue(dec, data, t.Elem(), sub, where); err != nil {
				if *where != nil && len(path) == 1 && (*where).element == 0 {
					(*where).element = elem
				}
				return err
			}
		}
	case reflect.Struct, reflect.Map:
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := tok.(string)
			ft := t
			if t.Kind() == reflect.Map {
				ft = t.Elem()
			} else if f, ok := jsonField(t, key); ok {
				ft = f.Type
			} else {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return err
				}
				continue
			}
			sub := append(append([]string(nil), path...), key)
			if t.Kind() == reflect.Map {
				sub = append([]string(nil), path...)
				sub[len(sub)-1] += fmt.Sprintf("[%q]", key)
			}
			if err := walkValue(dec, data, ft, sub, where); err != nil {
				return err
			}
		}
	}
	_, err := dec.Token()
	return err
}

// jsonField returns the field of struct type t that the JSON key names, as
// encoding/json matches them (exactly, else ignoring case).
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	var fold *reflect.StructField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f, true
		}
		if fold == nil && strings.EqualFold(name, key) {
			fold = &f
		}
	}
	if fold != nil {
		return *fold, true
	}
	return reflect.StructField{}, false
}

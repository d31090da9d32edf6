package model

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/optionspace/optionspace/valuation"
)

// Limits of the JSON reader: larger or deeper documents are refused before
// they are decoded.
const (
	// MaxFileSize is the largest portfolio file read, 50 MB.
	MaxFileSize = 50 << 20
	// MaxDepth is the deepest nesting of objects and arrays accepted.
	MaxDepth = 64
)

// ReadJSON reads a portfolio in the versioned JSON format of samples/. It
// refuses documents over MaxFileSize or nested deeper than MaxDepth,
// unknown fields (naming them), a missing version and versions newer than
// FormatVersion, then validates the portfolio. Every initiative must give
// id, name, kind, status, S, X, sigma and deadline, every driver its value
// and settings its risk_free (a missing one is not read as 0). Problems of an initiative name it (long names cut with an ellipsis)
// and give the line it starts on. Region thresholds missing
// from settings.thresholds (or the whole block) get the defaults of
// valuation.DefaultThresholds one by one; a threshold given as 0 stays 0.
func ReadJSON(r io.Reader) (*Portfolio, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading the portfolio: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("the portfolio file is larger than %d MB", MaxFileSize>>20)
	}
	// A UTF-8 byte-order mark (Windows editors write one) is not part of
	// the document.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if err := checkDepth(data); err != nil {
		return nil, err
	}
	switch trimmed := bytes.TrimSpace(data); {
	case len(trimmed) == 0:
		return nil, errors.New("the portfolio file is empty")
	case trimmed[0] != '{':
		return nil, errors.New("not an Option Space portfolio: the file does not hold a JSON object")
	}
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, jsonError(data, err)
	}
	switch {
	case head.Version == nil:
		return nil, errors.New("not an Option Space portfolio: the \"version\" field is missing")
	case *head.Version > FormatVersion:
		return nil, fmt.Errorf("the portfolio is in format version %d, newer than this Option Space reads (%d): update Option Space", *head.Version, FormatVersion)
	case *head.Version < 1:
		return nil, fmt.Errorf("unknown portfolio format version %d", *head.Version)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	// Thresholds left out (all or some) keep their documented defaults,
	// field by field; an explicit 0 is kept.
	p := Portfolio{Settings: Settings{Thresholds: valuation.DefaultThresholds()}}
	if err := dec.Decode(&p); err != nil {
		return nil, jsonError(data, err)
	}
	if dec.More() {
		return nil, errors.New("the portfolio file holds more than one JSON value")
	}
	layout, err := scanLayout(data)
	if err != nil {
		return nil, jsonError(data, err)
	}
	p.Normalize()
	if err := locateProblems(&p, layout, p.Validate()); err != nil {
		return nil, err
	}
	return &p, nil
}

// ReadJSONFile reads a portfolio file with ReadJSON; errors name the file.
func ReadJSONFile(path string) (*Portfolio, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: the file is larger than %d MB", path, MaxFileSize>>20)
	}
	p, err := ReadJSON(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// WriteJSON writes p in the JSON format, indented, with Version set to
// FormatVersion and empty lists written as [] (p is not changed). What it
// writes ReadJSON reads back equal to p.Normalize().
func WriteJSON(w io.Writer, p *Portfolio) error {
	q := p.Clone()
	q.Normalize()
	q.Version = FormatVersion
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(q)
}

// checkDepth refuses JSON nested deeper than MaxDepth, without decoding it.
func checkDepth(data []byte) error {
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > MaxDepth {
				return fmt.Errorf("the portfolio file is nested deeper than %d levels", MaxDepth)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// jsonError makes a decoding error say where it happened: line and column,
// and the field for type errors and unknown fields.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input",
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		line, col := position(data, int64(len(data)))
		return fmt.Errorf("the portfolio file is cut short: it ends at line %d, column %d, inside a value", line, col)
	case errors.As(err, &syn):
		// Offset counts the offending byte.
		line, col := position(data, syn.Offset-1)
		return fmt.Errorf("invalid JSON at line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ):
		line, col := position(data, valueStart(data, typ.Offset))
		return fmt.Errorf("line %d, column %d: field %q: want %s, got JSON %s", line, col, typ.Field, typeName(typ), typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("unknown field %s (this Option Space reads format version %d)", strings.TrimPrefix(err.Error(), "json: unknown field "), FormatVersion)
	}
	// A value its type refused (a bad date): find where.
	return locateDecodeError(data, err)
}

// typeName names the Go type a JSON value should have had in words.
func typeName(typ *json.UnmarshalTypeError) string {
	if typ.Type == nil {
		return "another type"
	}
	switch typ.Type.Kind() {
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return typ.Type.String()
}

// valueStart returns the offset of the first byte of the JSON value that
// ends just before end (where encoding/json reports type errors): the
// opening quote of a string, the first character of a number or literal,
// or the bracket of an array or object.
func valueStart(data []byte, end int64) int64 {
	if end > int64(len(data)) {
		end = int64(len(data))
	}
	i := end - 1
	if i < 0 {
		return 0
	}
	switch c := data[i]; {
	case c == '"':
		for j := i - 1; j >= 0; j-- {
			if data[j] != '"' {
				continue
			}
			k := j - 1
			for k >= 0 && data[k] == '\\' {
				k--
			}
			if (j-k-1)%2 == 0 {
				return j
			}
		}
		return i
	case c == '[' || c == '{':
		return i
	default:
		for i > 0 && strings.IndexByte("+-.0123456789eEaflnrstu", data[i-1]) >= 0 {
			i--
		}
		return i
	}
}

// position converts a byte offset into a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(data[:off], []byte{'\n'})
	col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

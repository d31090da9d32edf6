package model

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Quantity is an input that is either a number or a formula over the
// portfolio's drivers, such as "members * value_per_member * 0.6".
//
// In JSON a Quantity is a number (12.5) or a string holding the formula.
// A formula's Value is the result of its last evaluation; it is not stored.
type Quantity struct {
	// Value is the number, or the formula's last evaluated result.
	Value float64
	// Formula is the expression over drivers; empty for a plain number.
	Formula string
}

// Number returns a plain-number Quantity.
func Number(v float64) Quantity { return Quantity{Value: v} }

// Formula returns a Quantity computed from drivers by expr.
func Formula(expr string) Quantity { return Quantity{Formula: expr} }

// IsFormula reports whether q is computed from a formula.
func (q Quantity) IsFormula() bool { return strings.TrimSpace(q.Formula) != "" }

// String returns the formula, or the number formatted with full precision.
func (q Quantity) String() string {
	if q.IsFormula() {
		return q.Formula
	}
	return strconv.FormatFloat(q.Value, 'g', -1, 64)
}

// MarshalJSON writes a number (as encoding/json writes a float64) or the
// formula string.
func (q Quantity) MarshalJSON() ([]byte, error) {
	if q.IsFormula() {
		return json.Marshal(q.Formula)
	}
	return appendJSONFloat(make([]byte, 0, 24), q.Value)
}

// appendJSONFloat appends f as encoding/json encodes a float64: the
// shortest representation, in exponent form below 1e-6 and from 1e21.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// UnmarshalJSON reads a number or a formula string. A string that parses as
// a number is read as that number.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9') {
		// A JSON number (encoding/json has checked the syntax).
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return fmt.Errorf("want a number or a formula string, got %s", Truncate(string(b), 40))
		}
		*q = Quantity{Value: v}
		return nil
	}
	if string(b) == "null" {
		*q = Quantity{}
		return nil
	}
	s, ok := jsonString(b)
	if !ok {
		return fmt.Errorf("want a number or a formula string, got %s", Truncate(string(b), 40))
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		*q = Quantity{Value: f}
		return nil
	}
	*q = Quantity{Formula: s}
	return nil
}

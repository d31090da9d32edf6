package model

import (
	"encoding/json"
	"fmt"
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

// MarshalJSON writes a number or the formula string.
func (q Quantity) MarshalJSON() ([]byte, error) {
	if q.IsFormula() {
		return json.Marshal(q.Formula)
	}
	return json.Marshal(q.Value)
}

// UnmarshalJSON reads a number or a formula string. A string that parses as
// a number is read as that number.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	var v float64
	if err := json.Unmarshal(b, &v); err == nil {
		*q = Quantity{Value: v}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("want a number or a formula string, got %s", truncate(string(b), 40))
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
		*q = Quantity{Value: f}
		return nil
	}
	*q = Quantity{Formula: s}
	return nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

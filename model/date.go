package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the layout of a Date in JSON and CSV: ISO 8601, "2026-11-23".
const DateLayout = "2006-01-02"

// Date is a calendar day, without time of day or time zone.
type Date struct {
	time.Time
}

// NewDate returns the Date for the given calendar day.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// Today returns the current calendar day in local time.
func Today() Date {
	y, m, d := time.Now().Date()
	return NewDate(y, m, d)
}

// String returns the date as "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// YearsUntil returns the time from d to later in years of 365.25 days;
// negative when later is before d.
func (d Date) YearsUntil(later Date) float64 {
	return later.Sub(d.Time).Hours() / 24 / 365.25
}

// AddMonths returns the date n calendar months after d.
func (d Date) AddMonths(n int) Date {
	return Date{d.AddDate(0, n, 0)}
}

// MarshalJSON writes the date as "YYYY-MM-DD", or null when zero.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(DateLayout)+2)
	b = append(b, '"')
	b = d.AppendFormat(b, DateLayout)
	return append(b, '"'), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	s, ok := jsonString(b)
	if !ok {
		return fmt.Errorf("date: want a string \"YYYY-MM-DD\"")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// jsonString returns the text of the JSON string b: one without escapes
// (the common case) is decoded without encoding/json, any other through
// it; ok is false when b is not a JSON string.
func jsonString(b []byte) (s string, ok bool) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' && bytes.IndexByte(b, '\\') < 0 {
		return string(b[1 : len(b)-1]), true
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return "", false
	}
	return s, true
}

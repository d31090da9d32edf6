// Package valuation prices strategic initiatives as real options and places
// them in Luehrman's option space.
package valuation

// Package model holds Option Space's domain: portfolios of strategic
// initiatives held as real options, the shared drivers and links between
// them, and the decisions, learning and snapshots that record their history.
//
// The types here are also the versioned JSON format of samples/ and of the
// app's import and export (documented field by field in samples/README.md).
// The package imports no UI code.
package model

// Package assets embeds Option Space's images: the application icon.
// It imports no UI toolkit, so the CLI and the reports can use it too.
package assets

import _ "embed"

// IconPNG is the application icon, a 1024x1024 PNG drawn by icon_gen.go:
// a small option-space map with three initiatives.
//
//go:embed icon.png
var IconPNG []byte

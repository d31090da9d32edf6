package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// rendered returns the objects o draws: a container's objects or a
// widget's renderer's objects (none for a canvas primitive).
func rendered(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

// walkRendered calls visit on o and, where visit returns true, on the
// objects it draws, depth first.
func walkRendered(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if visit(o) {
		for _, c := range rendered(o) {
			walkRendered(c, visit)
		}
	}
}

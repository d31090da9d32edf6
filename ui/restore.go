package ui

// The window's state that survives a restart, in the app's preferences:
// the last view, the selected initiative of each portfolio (by id, shown
// by name) and the proportions of the two split panes.
const (
	prefView       = "window.view"
	prefSelect     = "window.select."
	prefSplitList  = "window.split.list"
	prefSplitRight = "window.split.right"
)

// Default split proportions: the list takes 36% of the window, the views
// two thirds of the rest. At a fifth the list of a 1152-unit window (on a
// 1440x900 screen) was its minimum width, about 340, which showed only the
// name and layer; at 36% (about 415) the name, value, t left and region
// columns fit (listTableLayout narrows the names); on a 1024x700 screen
// the list keeps its minimum width either way.
const (
	defaultSplitList  = 0.36
	defaultSplitRight = 0.66
)

// restoreState shows the last view and selects the portfolio's last
// selected initiative, when they still exist.
func (w *Window) restoreState() {
	p := w.app.Preferences()
	// Read both first: showing the view saves the state.
	view, id := p.String(prefView), ""
	if w.ses.Portfolio != nil {
		id = p.String(prefSelect + w.ses.Portfolio.Name)
	}
	if w.ses.Selected == "" && id != "" && w.ses.Portfolio.Initiative(id) != nil {
		w.ses.Select(id)
	}
	if view != "" {
		_ = w.ShowView(view)
	}
}

// splitOffset returns the remembered proportion of a split pane, within
// [0.05, 0.95].
func (w *Window) splitOffset(key string, def float64) float64 {
	v := w.app.Preferences().FloatWithFallback(key, def)
	if !(v >= 0.05 && v <= 0.95) {
		return def
	}
	return v
}

// rememberState saves the view, the selection and the split proportions.
func (w *Window) rememberState() {
	p := w.app.Preferences()
	if i := w.tabs.SelectedIndex(); i >= 0 && i < len(views) {
		p.SetString(prefView, views[i].name)
	}
	if w.ses.Portfolio != nil {
		p.SetString(prefSelect+w.ses.Portfolio.Name, w.ses.Selected)
	}
	w.rememberSplits()
}

// rememberSplits saves the split proportions when the user moved them.
func (w *Window) rememberSplits() {
	p := w.app.Preferences()
	if w.splitList != nil && p.FloatWithFallback(prefSplitList, -1) != w.splitList.Offset {
		p.SetFloat(prefSplitList, w.splitList.Offset)
	}
	if w.splitRight != nil && p.FloatWithFallback(prefSplitRight, -1) != w.splitRight.Offset {
		p.SetFloat(prefSplitRight, w.splitRight.Offset)
	}
}

// watchState saves the state on every view change and selection change
// and when the app stops.
func (w *Window) watchState() {
	w.ses.OnChange(func(c Change) {
		if c == ChangedSelection {
			w.rememberState()
		}
	})
	w.app.Lifecycle().SetOnStopped(func() { w.rememberState() })
}

package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/model/storage"
	"github.com/optionspace/optionspace/valuation"
)

// Preference keys.
const (
	prefTheme        = "theme"
	prefNumberFormat = "number_format"
	// PrefUserName is the name recorded with the user's actions in a
	// shared (PostgreSQL) database; the OS user name when empty.
	PrefUserName = "user_name"
	prefToured   = "toured"
)

// Number formats.
const (
	NumbersCompact = "compact" // 2.40M, 700k
	NumbersFull    = "full"    // 2,400,000
)

// Prefs are the app's own preferences (the valuation conventions belong to
// each portfolio and are edited in the same dialog).
type Prefs struct {
	a fyne.App
	// Theme is ThemeSystem, ThemeLight or ThemeDark.
	Theme string
	// Numbers is NumbersCompact or NumbersFull.
	Numbers string
	// User is the name recorded with actions in a shared database.
	User string
}

func loadPrefs(a fyne.App) *Prefs {
	p := a.Preferences()
	return &Prefs{a: a,
		Theme:   p.StringWithFallback(prefTheme, ThemeDark),
		Numbers: p.StringWithFallback(prefNumberFormat, NumbersCompact),
		User:    p.String(PrefUserName)}
}

func (p *Prefs) save() {
	p.a.Preferences().SetString(prefTheme, p.Theme)
	p.a.Preferences().SetString(prefNumberFormat, p.Numbers)
	p.a.Preferences().SetString(PrefUserName, p.User)
}

// settingsForm holds the preferences dialog's widgets.
type settingsForm struct {
	theme, numbers, discounting *widget.RadioGroup
	// The app's entries: Escape in them cancels the dialog.
	currency, rate               *appEntry
	investNow, maybeLater, never *appEntry
	user                         *appEntry
}

// lockSettingsIfReadOnly disables the portfolio part of the form on a
// database the user may only read (those settings are the database's;
// the theme, the number format and the name stay the user's) and reports
// whether it did.
func (w *Window) lockSettingsIfReadOnly(f *settingsForm) bool {
	if !w.readOnly() {
		return false
	}
	for _, e := range []fyne.Disableable{f.currency, f.rate, f.discounting, f.investNow, f.maybeLater, f.never} {
		e.Disable()
	}
	return true
}

// parseSettings reads the portfolio part of the form; errors name the field.
func (f *settingsForm) parseSettings(cur model.Settings) (model.Settings, string, error) {
	s := cur
	cur1 := strings.TrimSpace(f.currency.Text)
	if cur1 == "" {
		return s, "", fmt.Errorf("currency: enter an ISO code or symbol, e.g. EUR")
	}
	r, err := parseAmount(f.rate.Text)
	if err != nil {
		return s, "", fmt.Errorf("default rate: %q is not a rate (e.g. 4%% or 0.04)", f.rate.Text)
	}
	s.RiskFree = r
	if f.discounting.Selected == "continuous" {
		s.Discounting = valuation.Continuous
	} else {
		s.Discounting = valuation.Discrete
	}
	for _, t := range []struct {
		name string
		e    *appEntry
		dst  *float64
	}{{"invest-now premium", f.investNow, &s.Thresholds.InvestNowPremium},
		{"maybe-later C/S", f.maybeLater, &s.Thresholds.MaybeLater},
		{"probably-never C/S", f.never, &s.Thresholds.ProbablyNever}} {
		v, err := parseAmount(t.e.Text)
		if err != nil {
			return s, "", fmt.Errorf("%s: %q is not a share (e.g. 10%% or 0.1)", t.name, t.e.Text)
		}
		*t.dst = v
	}
	if err := s.Thresholds.Validate(); err != nil {
		return s, "", fmt.Errorf("thresholds: %w", err)
	}
	return s, cur1, nil
}

// showPreferences opens the preferences dialog: theme and number format
// (the app's) and the current portfolio's currency, default rate,
// discounting and region thresholds (saved as one undoable action).
func (w *Window) showPreferences() {
	p := w.ses.Portfolio
	f := newSettingsFormFor(w)
	items := []*widget.FormItem{
		widget.NewFormItem("Theme", f.theme),
		widget.NewFormItem("Numbers", f.numbers),
		widget.NewFormItem("Your name", f.user),
		widget.NewFormItem("", widget.NewLabelWithStyle("Portfolio "+p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		widget.NewFormItem("Currency", f.currency),
		widget.NewFormItem("Default rate r", f.rate),
		widget.NewFormItem("Discounting", f.discounting),
		widget.NewFormItem("Invest-now premium", f.investNow),
		widget.NewFormItem("Maybe-later C/S ≥", f.maybeLater),
		widget.NewFormItem("Probably-never C/S ≥", f.never),
	}
	items[2].HintText = "recorded with your actions in a shared PostgreSQL database (from its next opening); blank: " + storage.DefaultUser()
	items[6].HintText = "discrete: PV(X) = X/(1+r)^t (Luehrman); continuous: X·e^(−rt)"
	items[7].HintText = "region 1 when C − NPV ≤ this share of S (or S ≥ S*)"
	items[8].HintText = "NPVq ≤ 1: region 4 above this C/S, 5 above the next, else 6"
	if w.lockSettingsIfReadOnly(f) {
		items[3].Widget = widget.NewLabelWithStyle("Portfolio "+p.Name+" (read-only: you may only read this database)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	d := dialog.NewForm("Preferences", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if err := w.applyPreferences(f); err != nil {
			w.showError(err)
		}
	}, w.win)
	d.Resize(fyne.NewSize(620, 560))
	w.showDialog(d)
}

// newSettingsFormFor makes the preferences form filled with the current
// values.
func newSettingsFormFor(w *Window) *settingsForm {
	p := w.ses.Portfolio
	f := &settingsForm{
		theme:       widget.NewRadioGroup([]string{ThemeSystem, ThemeLight, ThemeDark}, nil),
		numbers:     widget.NewRadioGroup([]string{NumbersCompact, NumbersFull}, nil),
		discounting: widget.NewRadioGroup([]string{"discrete", "continuous"}, nil),
		currency:    newAppEntry(), rate: newAppEntry(),
		investNow: newAppEntry(), maybeLater: newAppEntry(), never: newAppEntry(),
		user: newAppEntry(),
	}
	f.user.SetText(w.prefs.User)
	f.theme.Horizontal, f.numbers.Horizontal, f.discounting.Horizontal = true, true, true
	f.theme.SetSelected(w.prefs.Theme)
	f.numbers.SetSelected(w.prefs.Numbers)
	f.discounting.SetSelected("discrete")
	if p.Settings.Discounting == valuation.Continuous {
		f.discounting.SetSelected("continuous")
	}
	f.currency.SetText(p.Currency)
	f.rate.SetText(formatNumber(p.Settings.RiskFree))
	th := p.Settings.Thresholds
	f.investNow.SetText(formatNumber(th.InvestNowPremium))
	f.maybeLater.SetText(formatNumber(th.MaybeLater))
	f.never.SetText(formatNumber(th.ProbablyNever))
	return f
}

// applyPreferences saves the dialog's values.
func (w *Window) applyPreferences(f *settingsForm) error {
	s, currency, err := f.parseSettings(w.ses.Portfolio.Settings)
	if err != nil {
		return err
	}
	w.SetTheme(f.theme.Selected)
	w.prefs.Numbers = f.numbers.Selected
	w.prefs.User = strings.TrimSpace(f.user.Text)
	w.prefs.save()
	cur := w.ses.Portfolio
	if s == cur.Settings && currency == cur.Currency {
		w.refreshStatus()
		return nil
	}
	return w.ses.Apply("Change settings", func(p *model.Portfolio) error {
		p.Settings, p.Currency = s, currency
		return nil
	})
}

// SetTheme switches to ThemeSystem, ThemeLight or ThemeDark and keeps the
// choice.
func (w *Window) SetTheme(mode string) {
	if mode != ThemeLight && mode != ThemeDark {
		mode = ThemeSystem
	}
	w.prefs.Theme = mode
	w.prefs.save()
	w.app.Settings().SetTheme(newAppTheme(mode))
}

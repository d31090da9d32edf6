package report

// The cover and the table of contents.

import (
	"fmt"
	"strings"

	"github.com/optionspace/optionspace/ui/format"
)

// cover writes the title page.
func (w *writer) cover(d *reportData) {
	w.doc.AddPageFormat("P", pageSize())
	pw := w.pageW()
	const band = 330.0
	w.fillColor(colAccent)
	w.doc.Rect(0, 0, pw, band, "F")
	w.font("B", 9)
	w.doc.SetTextColor(170, 190, 215)
	w.text(marginX, 96, "PORTFOLIO REVIEW  ·  REAL OPTIONS")
	w.font("B", sizeCover)
	w.textColor(colWhite)
	y := 150.0
	for _, l := range w.wrap(d.p.Name, pw-2*marginX, 3) {
		w.text(marginX, y, l)
		y += sizeCover * 1.2
	}
	w.font("", 12)
	w.doc.SetTextColor(210, 220, 235)
	sub := fmt.Sprintf("%d initiatives held as a portfolio of real options", len(d.p.Initiatives))
	w.text(marginX, band-40, w.fit(sub, pw-2*marginX))

	y = band + 40
	for _, kv := range [][2]string{
		{"Prepared for", orDash(d.p.Client)},
		{"Prepared by", orDash(d.p.Author)},
		{"Valuation as of", formatLongDate(d.v.AsOf)},
		{"Report generated", formatLongDate(d.made)},
	} {
		w.font("", sizeSmall)
		w.textColor(colMuted)
		w.text(marginX, y, kv[0])
		w.font("B", 11)
		w.textColor(colText)
		w.text(marginX+110, y, w.fit(kv[1], pw-2*marginX-110))
		y += 22
	}
	y += 14
	w.drawColor(colRule)
	w.doc.SetLineWidth(0.5)
	w.doc.Line(marginX, y, pw-marginX, y)
	w.setY(y + 16)
	w.font("B", sizeH2)
	w.textColor(colAccent)
	w.text(marginX, w.y()+sizeH2, "In one paragraph")
	w.setY(w.y() + sizeH2 + 8)
	w.paragraphAt(marginX, w.contentW(), d.coverSummary(), 12, "", 10.5, 15, colText)
	if desc := clean(d.p.Description); desc != "" && w.y() < w.bottom()-80 {
		w.setY(w.y() + 6)
		w.font("B", sizeH2)
		w.textColor(colAccent)
		w.text(marginX, w.y()+sizeH2, "About the portfolio")
		w.setY(w.y() + sizeH2 + 8)
		lines := int((w.bottom() - w.y()) / leadBody)
		w.paragraphAt(marginX, w.contentW(), d.p.Description, min(lines, 10), "", sizeBody, leadBody, colMuted)
	}
	w.font("", sizeHeader)
	w.textColor(colMuted)
	w.text(marginX, w.pageH()-footerGap, "Prepared with Option Space  ·  Confidential")
}

func pageSize() fpdfSize { return fpdfSize{Wd: 595.28, Ht: 841.89} }

// coverSummary is the cover's one-paragraph summary.
func (d *reportData) coverSummary() string {
	s := d.sum
	cur := d.cur
	held := format.Count(s.Open+s.Unvalued, "open initiative", "open initiatives")
	switch {
	case s.Unvalued == 1:
		held += " (1 cannot be valued and is left out of the figures)"
	case s.Unvalued > 1:
		held += fmt.Sprintf(" (%d cannot be valued and are left out of the figures)", s.Unvalued)
	}
	// The values are the valuation's, on its as-of date; what to fund,
	// keep, watch and drop and the deadlines are on the report's date
	// (Summary.Now), which a report dated later names apart.
	asOf := formatLongDate(d.v.AsOf)
	later := !d.now.Equal(d.v.AsOf.Time)
	var txt string
	if later {
		txt = fmt.Sprintf("Valued as of %s, the portfolio holds %s. As options they are worth %s, against a static NPV of %s if everything were decided on %s: keeping the options open is worth %s. On the report's date, %s: ",
			asOf, held, formatMoney(s.Total, cur), formatMoney(s.StaticNPV, cur), asOf, formatMoney(s.Flexibility, cur), formatLongDate(d.now))
	} else {
		txt = fmt.Sprintf("As of %s the portfolio holds %s. Valued as options they are worth %s, against a static NPV of %s if everything were decided today: keeping the options open is worth %s. ",
			asOf, held, formatMoney(s.Total, cur), formatMoney(s.StaticNPV, cur), formatMoney(s.Flexibility, cur))
	}
	fund := fundNowPhrase(len(s.FundNow))
	if later {
		fund = strings.ToLower(fund[:1]) + fund[1:] // "Fund" after the colon
	}
	txt += fmt.Sprintf("%s now (total investment %s)%s; keep %d open and garden them (option value %s); watch %d and drop %d. ",
		fund, formatMoney(s.FundNowCost, cur), waitsPhrase(len(s.Waits)), len(s.KeepOpen), formatMoney(s.KeepOpenValue, cur), len(s.Watch), len(s.Drop))
	txt += deadlinesPhrase(s)
	if s.Problems > 0 {
		if s.Problems == 1 {
			txt += " 1 initiative could not be valued; see its page."
		} else {
			txt += fmt.Sprintf(" %d initiatives could not be valued; see their pages.", s.Problems)
		}
	}
	return txt
}

// coverNames lists the first three items' names and how many more.
func coverNames(items []Item) string {
	names := make([]string, 0, 3)
	for _, it := range items[:min(len(items), 3)] {
		names = append(names, clean(it.Name))
	}
	list := strings.Join(names, ", ")
	if len(items) > 3 {
		list += fmt.Sprintf(" and %d more", len(items)-3)
	}
	return list
}

// deadlinesPhrase is the cover's sentence on deadlines: the decisions that
// fall due in the window and have not passed at the summary's date, and
// separately the deadlines that have passed (portfolio.DeadlinePassed, the
// rule of the summary's table) and the initiatives that lapse with a gate
// whose deadline has passed (Summary.GateLapsed).
func deadlinesPhrase(s Summary) string {
	due, passed := splitPassed(s)
	var txt string
	switch n := len(due); n {
	case 0:
		txt = fmt.Sprintf("No decision falls due in the next %d days.", DeadlineWindow)
	case 1:
		txt = fmt.Sprintf("One decision falls due in the next %d days: %s.", DeadlineWindow, clean(due[0].Name))
	default:
		txt = fmt.Sprintf("%d decisions fall due in the next %d days, the first %s.", n, DeadlineWindow, clean(due[0].Name))
	}
	switch len(passed) {
	case 0:
	case 1:
		txt += " 1 deadline has passed: " + coverNames(passed) + "."
	default:
		txt += fmt.Sprintf(" %d deadlines have passed: %s.", len(passed), coverNames(passed))
	}
	switch n := len(s.GateLapsed); n {
	case 0:
	case 1:
		txt += " 1 more lapses with its gate: " + coverNames(s.GateLapsed) + "."
	default:
		txt += fmt.Sprintf(" %s more lapse with their gates: %s.", format.Group(int64(n)), coverNames(s.GateLapsed))
	}
	return txt
}

// waitsPhrase follows the fund-now count: the invest-now initiatives that
// wait for a gate not funded now (Summary.Waits), "" when none.
func waitsPhrase(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return ", 1 more once its gate is funded"
	}
	return fmt.Sprintf(", %s more once their gates are funded", format.Group(int64(n)))
}

func fundNowPhrase(n int) string {
	switch n {
	case 0:
		return "Fund no initiative"
	case 1:
		return "Fund 1 initiative"
	}
	return fmt.Sprintf("Fund %d initiatives", n)
}

// tocLead is the line height of the contents.
const tocLead = 15.0

// contents writes the table of contents: sections with their initiatives
// indented, dotted leaders and page numbers, each line a link.
func (w *writer) contents(toc []tocEntry) {
	w.section = titleTOC
	w.newPage(false)
	w.h1(titleTOC)
	for _, e := range toc {
		w.ensure(tocLead)
		y := w.y()
		x := marginX
		style, size := "B", 10.0
		if e.level > 0 {
			x += 18
			style, size = "", 9.0
		}
		if e.level == 0 {
			y += 4
			w.setY(y)
		}
		w.font(style, size)
		w.textColor(colText)
		num := ""
		if e.page > 0 {
			num = fmt.Sprint(e.page)
		}
		numW := w.width("0000")
		title := w.fit(e.title, w.pageW()-marginX-numW-x-20)
		w.text(x, y+size, title)
		tw := w.width(title)
		right := w.pageW() - marginX
		w.text(right-w.width(num), y+size, num)
		// Dotted leader.
		w.drawColor(colRule)
		w.doc.SetLineWidth(0.6)
		w.doc.SetDashPattern([]float64{0.6, 2.4}, 0)
		if x+tw+6 < right-numW-2 {
			w.doc.Line(x+tw+6, y+size, right-w.width(num)-4, y+size)
		}
		w.doc.SetDashPattern(nil, 0)
		if !w.dry {
			l := w.main.AddLink()
			w.links[e.anchor] = l
			w.link(x, y, right-x, tocLead, l)
		}
		w.setY(y + tocLead)
	}
}

package report

import (
	"context"
	"fmt"
	"sort"

	"github.com/optionspace/optionspace/model"
	"github.com/optionspace/optionspace/valuation"
)

// Profile chooses which sections a report has.
type Profile string

// The report profiles.
const (
	// ProfileFull is every section, with one page per initiative (the
	// default of Options).
	ProfileFull Profile = "full"
	// ProfileBoard is what a board reads: cover, contents, executive
	// summary, the map and invest/wait, what changed, the decisions due
	// and one line per initiative, capped so that the report stays
	// around 20 pages whatever the portfolio's size.
	ProfileBoard Profile = "board"
	// ProfileAppendix is the method appendix alone.
	ProfileAppendix Profile = "appendix"
)

// Profiles are the profiles in the order a user is offered them.
var Profiles = []Profile{ProfileBoard, ProfileFull, ProfileAppendix}

// ParseProfile returns the profile named s ("board", "full" or
// "appendix").
func ParseProfile(s string) (Profile, error) {
	for _, p := range Profiles {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown report profile %q (want board, full or appendix)", s)
}

// Caps of the board profile's tables; the full profile and the CSV
// exports hold every row.
const (
	boardTableRows = 150 // five landscape pages
	boardMoveRows  = 30
	boardDueRows   = 40
)

// Section anchors and titles of the board profile's own sections.
const (
	secDue = "due"
)

// boardTitles are the board profile's section titles.
var boardTitles = map[string]string{
	secSummary: "1  Executive summary",
	secMap:     "2  The option space",
	secChanges: "3  What changed",
	secDue:     "4  Decisions due",
	secTable:   "5  All initiatives",
}

// appendixTitles are the appendix profile's section titles.
var appendixTitles = map[string]string{secMethod: "1  Method"}

// profilePlan returns the contents entries of the board and appendix
// profiles.
func (d *reportData) profilePlan() []tocEntry {
	if d.profile == ProfileAppendix {
		return []tocEntry{{anchor: secMethod, title: appendixTitles[secMethod]}}
	}
	var e []tocEntry
	for _, k := range []string{secSummary, secMap, secChanges, secDue, secTable} {
		e = append(e, tocEntry{anchor: k, title: boardTitles[k]})
	}
	if d.hasFund {
		e = append(e, tocEntry{anchor: secFunding, title: boardFundingTitle})
	}
	return e
}

// renderProfile lays out the board and appendix profiles.
func renderProfile(ctx context.Context, w *writer, d *reportData, toc []tocEntry, progress func(int)) error {
	w.header = orDash(d.p.Name)
	w.footer = footerText(d)
	var steps []func()
	if d.profile == ProfileAppendix {
		w.titles = appendixTitles
		steps = []func(){func() { w.cover(d) }, func() { w.methodSection(d) }}
	} else {
		w.titles = boardTitles
		steps = []func(){
			func() { w.cover(d) },
			func() { w.contents(toc) },
			func() { w.summary(d) },
			func() { w.spaceSection(d) },
			func() { w.changesSection(d) },
			func() { w.dueSection(d) },
			func() { w.tableSection(d) },
		}
		if d.hasFund {
			steps = append(steps, func() { w.fundingSection(d, d.funding, d.fundErr) })
		}
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		s()
		progress(1)
	}
	return nil
}

// tableCap is the number of rows a capped table of the current profile
// shows (0: all).
func (d *reportData) tableCap(board int) int {
	if d.profile == ProfileBoard {
		return board
	}
	return 0
}

// cappedTable writes rows, the first limit of them when limit > 0, and
// says how many were left out and where they are.
func (w *writer) cappedTable(cols []column, rows [][]string, swatch func(i int) (rgb, bool), limit int, what string) {
	n := len(rows)
	if limit > 0 && n > limit {
		rows = rows[:limit]
	}
	w.table(cols, rows, swatch)
	if len(rows) < n {
		w.muted(fmt.Sprintf("The first %d of %d %s; the full report (--profile full) and the CSV export list all.", len(rows), n, what))
	}
}

// nextReview is the date of the next review: the funding plan's period
// end when there is one, else six months after the as-of date.
func (d *reportData) nextReview() model.Date {
	return model.Date{Time: d.v.AsOf.AddDate(0, 6, 0)}
}

// dueItem is one row of the decisions due.
type dueItem struct {
	i        int
	deadline model.Date
	region   valuation.Region
	value    float64
}

// decisionsDue returns the open, valued initiatives whose deadline falls
// before the next review, earliest first.
func (d *reportData) decisionsDue() []dueItem {
	end := d.nextReview()
	var out []dueItem
	for i := range d.p.Initiatives {
		in := &d.p.Initiatives[i]
		r := &d.v.Initiatives[i]
		if in.Status != model.StatusOpen || in.Deadline.IsZero() || !in.Deadline.Before(end.Time) {
			continue
		}
		it := dueItem{i: i, deadline: in.Deadline, region: regionOf(r)}
		if r.Err == nil {
			it.value = r.Position.Value
		}
		out = append(out, it)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].deadline.Before(out[b].deadline.Time) })
	return out
}

// dueSection writes the decisions due before the next review: region,
// recommended action and the cost of letting the option lapse (its value).
func (w *writer) dueSection(d *reportData) {
	w.sectionPage(secDue, "Decisions due", false)
	due := d.decisionsDue()
	w.muted(fmt.Sprintf("Open initiatives whose deadline falls before the next review (%s). Letting one lapse costs its option value. Amounts in %s.",
		formatLongDate(d.nextReview()), currencyName(d.cur)))
	if len(due) == 0 {
		w.paragraph("No open initiative's deadline falls before the next review.", 0)
		return
	}
	rows := make([][]string, 0, len(due))
	for _, it := range due {
		region, action := dash, "not valued"
		if it.region > 0 {
			region, action = fmt.Sprintf("%d  %s", int(it.region), it.region.String()), it.region.Action()
		}
		rows = append(rows, []string{d.p.Initiatives[it.i].Name, formatDate(it.deadline), region, action, formatMoney(it.value, d.cur)})
	}
	w.cappedTable([]column{{"Initiative", 5, false}, {"Deadline", 1.6, false}, {"Region", 2.6, false}, {"Recommended action", 3.2, false}, {"Cost of lapsing", 2, true}},
		rows, func(i int) (rgb, bool) { return d.regionSwatch(due[i].region) }, d.tableCap(boardDueRows), "decisions due")
}

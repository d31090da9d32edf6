package report

import (
	"context"
	"fmt"
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
		w.shareKeys = map[string]bool{secChanges: true, secDue: true}
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

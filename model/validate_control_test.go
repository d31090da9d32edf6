package model_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/optionspace/optionspace/model"
)

// TestValidateControlCharacters: a control character (C0, DEL, C1) in a
// single-line field is refused with the field, the character and its
// position (in characters, from 1); free text keeps line feeds and tabs
// but not the others; other characters (non-ASCII letters, a no-break
// space, emoji) are accepted. Validate and ValidateEdit (the path of the
// app's edit fields and the stores' writes) answer alike.
func TestValidateControlCharacters(t *testing.T) {
	pilot := func(p *model.Portfolio) *model.Initiative { return &p.Initiatives[0] }
	for _, c := range []struct {
		name  string
		edit  func(p *model.Portfolio)
		field string // "" when valid
		msg   string
	}{
		{"ESC in a name", func(p *model.Portfolio) { pilot(p).Name = "Pilo\x1b[31mt" },
			`initiatives["Pilo\x1b[31mt"].name`, "contains a control character (U+001B) at position 5"},
		{"line feed in a name", func(p *model.Portfolio) { pilot(p).Name = "Pi\nlot" },
			`initiatives["Pi\nlot"].name`, "contains a control character (U+000A) at position 3"},
		{"BEL in a name", func(p *model.Portfolio) { pilot(p).Name = "\aPilot" },
			`initiatives["\aPilot"].name`, "contains a control character (U+0007) at position 1"},
		{"position counts characters, not bytes", func(p *model.Portfolio) { pilot(p).Name = "日本\t" },
			`initiatives["日本\t"].name`, "contains a control character (U+0009) at position 3"},
		{"tab in an ID", func(p *model.Portfolio) {
			pilot(p).ID = "pi\tlot"
			p.Links[0].From, p.Decisions[0].Initiative, p.Learning[0].Initiative = "pi\tlot", "pi\tlot", "pi\tlot"
		}, `initiatives["Pilot"].id`, "contains a control character (U+0009) at position 3"},
		{"NUL in an owner", func(p *model.Portfolio) { pilot(p).Owner = "a\x00b" },
			`initiatives["Pilot"].owner`, "contains a control character (U+0000) at position 2"},
		{"DEL in a tag", func(p *model.Portfolio) { p.Tags = append(p.Tags, "x\x7f") }, fmt.Sprintf("tags[%d]", len(model.SCRMTags)), "contains a control character (U+007F) at position 2"},
		{"C1 CSI in a driver's unit", func(p *model.Portfolio) { p.Drivers[0].Unit = "EUR\u009b31m" },
			`drivers["members"].unit`, "contains a control character (U+009B) at position 4"},
		{"NEL (C1) in a driver's label", func(p *model.Portfolio) { p.Drivers[0].Label = "a\u0085b" },
			`drivers["members"].label`, "contains a control character (U+0085) at position 2"},
		{"line feed in the portfolio name", func(p *model.Portfolio) { p.Name = "Base\n" },
			"name", "contains a control character (U+000A) at position 5"},
		{"ESC in the currency", func(p *model.Portfolio) { p.Currency = "\x1b[2J" },
			"currency", "contains a control character (U+001B) at position 1"},
		{"tab in a decision's who", func(p *model.Portfolio) { p.Decisions[0].Who = "a\tb" },
			"decisions[0].who", "contains a control character (U+0009) at position 2"},
		{"line feed in a snapshot label", func(p *model.Portfolio) { p.Snapshots[0].Label = "Q3\nQ4" },
			"snapshots[0].label", "contains a control character (U+000A) at position 3"},
		{"line feed in an assumption", func(p *model.Portfolio) { pilot(p).Assumptions[0].Value = "4\n000" },
			`initiatives["Pilot"].assumptions[0].value`, "contains a control character (U+000A) at position 2"},
		{"tab in a formula", func(p *model.Portfolio) { p.Initiatives[1].S = model.Formula("members\t* 60") },
			`initiatives["Rollout"].S`, "contains a control character (U+0009) at position 8"},
		{"ESC in a rationale", func(p *model.Portfolio) { pilot(p).Rationale = "ok\n\x1b]0;title\a" },
			`initiatives["Pilot"].rationale`, "contains a control character (U+001B) at position 4"},
		{"carriage return in a link note", func(p *model.Portfolio) { p.Links[0].Note = "a\r\nb" },
			"links[0].note", "contains a control character (U+000D) at position 2"},
		{"BEL in a review", func(p *model.Portfolio) { p.Decisions[0].Review = "\a" },
			"decisions[0].review", "contains a control character (U+0007) at position 1"},
		{"C1 in what was learned", func(p *model.Portfolio) { p.Learning[0].Learned = "owners\u0080post" },
			"learning[0].learned", "contains a control character (U+0080) at position 7"},
		{"ESC in a risk's mitigation", func(p *model.Portfolio) { pilot(p).Risks[0].Mitigation = "\x1b" },
			`initiatives["Pilot"].risks[0].mitigation`, "contains a control character (U+001B) at position 1"},

		// Free text keeps line feeds and tabs; other characters pass.
		{"free text keeps line feeds and tabs", func(p *model.Portfolio) {
			pilot(p).Rationale = "why:\n\t- members\n\t- posts"
			p.Links[0].Note = "a\nb"
			p.Decisions[0].Rationale, p.Decisions[0].Review = "x\ty", "line 1\nline 2"
			p.Learning[0].Learned = "a\n\tb"
			p.Description = "two\nlines"
			pilot(p).Risks[0].Description = "too few\nposts"
		}, "", ""},
		{"letters, a no-break space, emoji and U+00A0 to U+00FF", func(p *model.Portfolio) {
			pilot(p).Name = "Café\u00a0日本 🎉 \u00ff"
			p.Drivers[0].Unit = "€/Monat"
		}, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base()
			old := p.Clone()
			c.edit(p)
			err := p.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ve *model.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 {
				t.Fatalf("err = %v, want the one problem %s: %s", err, c.field, c.msg)
			}
			if got := ve.Problems[0]; got.Field != c.field || got.Message != c.msg {
				t.Fatalf("problem %q: %q, want %q: %q", got.Field, got.Message, c.field, c.msg)
			}
			if err2 := p.ValidateEdit(old, model.Diff(old, p)); err2 == nil || err2.Error() != err.Error() {
				t.Fatalf("ValidateEdit: %v, want %v", err2, err)
			}
		})
	}
}

// TestValidateControlMessage is the message the CLI prints for the
// defect's name ("ab" ESC "[31m..."): the field path quotes the name with
// Go escapes, so the message itself writes no control character.
func TestValidateControlMessage(t *testing.T) {
	p := base()
	p.Initiatives[0].Name = "Red \x1b[31mpilot"
	err := p.Validate()
	want := `invalid portfolio: initiatives["Red \x1b[31mpilot"].name: contains a control character (U+001B) at position 5`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	for _, c := range err.Error() {
		if model.IsControl(c) {
			t.Fatalf("the message holds the control character U+%04X", c)
		}
	}
}

// TestControlChar checks ControlChar against the Unicode ranges it names,
// character by character over U+0000 to U+00FF.
func TestControlChar(t *testing.T) {
	for c := rune(0); c <= 0xff; c++ {
		want := c <= 0x1f || c >= 0x7f && c <= 0x9f
		got, pos, ok := model.ControlChar("ab"+string(c), false)
		if ok != want || ok && (got != c || pos != 3) {
			t.Errorf("U+%04X: %v %d %v, want control %v", c, got, pos, ok, want)
		}
		_, _, ok = model.ControlChar(string(c), true)
		if ok != (want && c != '\n' && c != '\t') {
			t.Errorf("U+%04X in free text: control %v", c, ok)
		}
	}
}

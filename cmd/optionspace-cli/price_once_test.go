package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestPriceErrorsNameTheInputOnce: every error about one input, in a
// batch row and from a flag, names the input once: the batch's "column C:
// " (or the flag "--C value:") is followed by the value and what is wrong
// with it, never by C again (the tester's "column steps: steps: not used
// by model alo").
func TestPriceErrorsNameTheInputOnce(t *testing.T) {
	rows := []struct{ row, want string }{
		{"a,alo,american,put,100,100,1,0.2,0.05,0,5", `line 2 (id "a"), column steps: "5": not used by model alo (leave it out)`},
		{"b,bs,european,put,100,100,1,0.2,0.05,0,5", `line 3 (id "b"), column steps: "5": not used by model bs (leave it out)`},
		{"c,foo,american,put,100,100,1,0.2,0.05,0,", `line 4 (id "c"), column model: "foo": want bs, crr, lr or alo`},
		{"d,bs,eur,put,100,100,1,0.2,0.05,0,", `line 5 (id "d"), column style: "eur": want european or american`},
		{"e,bs,european,pat,100,100,1,0.2,0.05,0,", `line 6 (id "e"), column type: "pat": want call or put`},
		{"f,bs,european,put,-1,100,1,0.2,0.05,0,", `line 7 (id "f"), column S: -1 is negative`},
		{"g,crr,european,put,100,100,1,0.2,0.05,0,1", `line 8 (id "g"), column steps: "1": must be a whole number in [2, 100000]`},
		{"h,bs,european,put,100,100,1,-0.2,0.05,0,", `line 9 (id "h"), column sigma: -0.2 is negative`},
		{"i,crr,european,put,100,100,1,0.2,5,0,", `line 10 (id "i"), column r: 5 is above the limit 1`},
		{"j,bs,american,put,100,100,1,0.2,0.05,0,", `line 11 (id "j"), column style: model bs prices european options only: use alo, crr or lr for american`},
		{"k,alo,european,put,100,100,1,0.2,0.05,0,", `line 12 (id "k"), column style: model alo prices american options only: use bs for european`},
	}
	in := "id,model,style,type,S,X,t,sigma,r,q,steps\n"
	for _, r := range rows {
		in += r.row + "\n"
	}
	_, recs, _ := batchCLI(t, in)
	if len(recs) != len(rows)+1 {
		t.Fatalf("%d output rows, want %d", len(recs), len(rows)+1)
	}
	column := regexp.MustCompile(`, column (\w+): (.*)$`)
	for i, r := range rows {
		got := recs[i+1][6]
		if got != r.want {
			t.Errorf("row %s: %q, want %q", r.row, got, r.want)
		}
		if m := column.FindStringSubmatch(got); m == nil || regexp.MustCompile(`\b`+m[1]+`\b`).MatchString(m[2]) {
			t.Errorf("row %s: %q names its column again (or none)", r.row, got)
		}
	}
	base := []string{"price", "--S", "100", "--X", "100", "--t", "1", "--sigma", "0.2"}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--model", "alo", "--style", "american", "--steps", "5"}, "usage: --steps 5: not used by model alo (leave it out)"},
		{[]string{"--model", "bs", "--steps", "5"}, "usage: --steps 5: not used by model bs (leave it out)"},
		{[]string{"--model", "foo"}, "usage: --model foo: want bs, crr, lr or alo"},
		{[]string{"--style", "eu"}, "usage: --style eu: want european or american"},
		{[]string{"--type", "pat"}, "usage: --type pat: want call or put"},
		{[]string{"--model", "crr", "--steps", "1"}, "usage: --steps 1: must be a whole number in [2, 100000]"},
	} {
		code, _, errOut := cli(append(append([]string(nil), base...), c.args...)...)
		if code != 2 || strings.TrimSpace(errOut) != "optionspace-cli price: "+c.want {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

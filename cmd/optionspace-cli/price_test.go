package main

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestPriceSingle(t *testing.T) {
	// Hull, Options, Futures and Other Derivatives, example 15.6: call 4.7594.
	stdout := mustCLI(t, "price", "--model", "bs", "--type", "call", "--S", "42", "--X", "40", "--t", "0.5", "--sigma", "0.2", "--r", "0.1", "--json")
	var out priceJSON
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if !scalar.EqualWithinAbs(out.Value, 4.7594, 5e-5) || out.Method != "Black-Scholes-Merton" {
		t.Errorf("got %+v, want value 4.7594 by Black-Scholes-Merton", out)
	}
	code, stdout, _ := cli("price", "--model", "lr", "--style", "american", "--type", "put", "--S", "36", "--X", "40", "--t", "1", "--sigma", "0.2", "--r", "0.06", "--steps", "1000")
	// Longstaff-Schwartz (2001) Table 1: American put 4.478 (their grid is
	// about 0.009 low; see the valuation tests).
	if code != 0 || !strings.Contains(stdout, "Leisen-Reimer (1001 steps)") {
		t.Fatalf("exit %d, output %q", code, stdout)
	}
	v, err := strconv.ParseFloat(strings.Fields(stdout)[1], 64)
	if err != nil || !scalar.EqualWithinAbs(v, 4.478, 0.015) {
		t.Errorf("American put value %v (%v), want about 4.478", v, err)
	}
}

func TestPriceUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"price", "--S", "100", "--X", "100", "--t", "1"},                                    // no sigma
		{"price", "--model", "xx", "--S", "100", "--X", "100", "--t", "1", "--sigma", "0.2"}, // bad model
		{"price", "--model", "bs", "--style", "american", "--S", "100", "--X", "100", "--t", "1", "--sigma", "0.2"},
		{"price", "--nope"},
	} {
		if code, _, stderr := cli(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, stderr)
		}
	}
	if code, _, stderr := cli("price", "--S", "-1", "--X", "100", "--t", "1", "--sigma", "0.2"); code != 1 || !strings.Contains(stderr, "S = -1 is negative") {
		t.Errorf("negative S: exit %d, stderr %q", code, stderr)
	}
}

func TestPriceBatch(t *testing.T) {
	in := "sigma,id,model,style,type,S,X,t,r,q,steps,note\n" +
		"0.2,hull,bs,european,call,42,40,0.5,0.1,0,,Hull 15.6\n" +
		"0.2,ls,crr,american,put,36,40,1,0.06,0,1000,LS table 1\n" +
		"0.2,bad,lr,american,put,36,40,-1,0.06,0,,negative t\n" +
		"0.2,bad2,bs,european,call,abc,40,1,0.06,0,,not a number\n"
	path := writeTemp(t, "in.csv", []byte(in))
	code, stdout, _ := cli("price", "--batch", path)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (some rows fail)", code)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || strings.Join(recs[0], ",") != "id,value,delta,gamma,vega,theta,error" {
		t.Fatalf("output %v", recs)
	}
	if recs[1][0] != "hull" || recs[2][0] != "ls" || recs[3][0] != "bad" || recs[4][0] != "bad2" {
		t.Errorf("rows out of order: %v", recs)
	}
	v, _ := strconv.ParseFloat(recs[1][1], 64)
	if !scalar.EqualWithinAbs(v, 4.7594, 5e-5) || recs[1][6] != "" {
		t.Errorf("hull row %v, want value 4.7594", recs[1])
	}
	// Full precision: the printed value parses back to the same float64.
	if strconv.FormatFloat(v, 'g', -1, 64) != recs[1][1] {
		t.Errorf("value %q not printed with full precision", recs[1][1])
	}
	if recs[3][1] != "" || recs[3][6] != `line 4 (id "bad"), column t: -1 is negative` {
		t.Errorf("bad row %v", recs[3])
	}
	if recs[4][1] != "" || recs[4][6] != `line 5 (id "bad2"), column S: "abc" is not a number` {
		t.Errorf("bad2 row %v", recs[4])
	}
}

func TestPriceBatchMissingColumn(t *testing.T) {
	path := writeTemp(t, "in.csv", []byte("id,model,style,type,S,X,r\n1,bs,european,call,1,1,0\n"))
	if code, _, stderr := cli("price", "--batch", path); code != 1 || !strings.Contains(stderr, "line 1: the header lacks column(s) t,sigma") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

package portfolio

import "testing"

// TestMemoBound: a memo returns what was put under a key, and nothing for
// another key; the put that finds it full empties it before storing, so
// it never holds more than its bound.
func TestMemoBound(t *testing.T) {
	c := newMemo[int, string](3)
	for k, v := range []string{"a", "b", "c"} {
		c.put(k, v)
	}
	if v, ok := c.get(1); !ok || v != "b" {
		t.Errorf("get(1) = %q, %v; want \"b\", true", v, ok)
	}
	if v, ok := c.get(7); ok {
		t.Errorf("get(7) = %q, true; want nothing", v)
	}
	c.put(3, "d")
	if _, ok := c.get(0); ok {
		t.Error("the fourth put did not empty the full memo")
	}
	if v, ok := c.get(3); !ok || v != "d" {
		t.Errorf("get(3) = %q, %v; want \"d\", true", v, ok)
	}
	if n := len(c.m); n != 1 {
		t.Errorf("%d entries after the reset, want 1", n)
	}
}

// TestMemoReset: reset empties the memo, whatever it held, and it takes
// new entries afterwards.
func TestMemoReset(t *testing.T) {
	c := newMemo[string, int](10)
	c.put("a", 1)
	c.put("b", 2)
	c.reset()
	for _, k := range []string{"a", "b"} {
		if v, ok := c.get(k); ok {
			t.Errorf("get(%q) = %d, true after reset; want nothing", k, v)
		}
	}
	c.put("a", 3)
	if v, ok := c.get("a"); !ok || v != 3 {
		t.Errorf("get(\"a\") = %d, %v after reset and put; want 3, true", v, ok)
	}
}

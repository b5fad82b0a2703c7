package pyparse

import "testing"

// TestYieldInComprehension: CPython 3.11's messages and columns
// (/usr/bin/python3 -c 'compile(src, "t", "exec")').
func TestYieldInComprehension(t *testing.T) {
	tests := []struct {
		src string
		msg string // "" when valid
		col int    // 1-based, as CPython's offset
	}{
		{"def g(): [(yield x) for x in ()]", "'yield' inside list comprehension", 12},
		{"def g(): [x for x in () if not (yield x)]", "'yield' inside list comprehension", 33},
		{"def g(): [y for x in () for y in [(yield x)]]", "'yield' inside list comprehension", 36},
		{"def g(): {(yield x) for x in ()}", "'yield' inside set comprehension", 12},
		{"def g(): {(yield x): x for x in ()}", "'yield' inside dict comprehension", 12},
		{"def g(): {x: (yield x) for x in ()}", "'yield' inside dict comprehension", 15},
		{"def g(): ((yield x) for x in ())", "'yield' inside generator expression", 12},
		{"def g(): [(yield from x) for x in ()]", "'yield' inside list comprehension", 12},
		{"def g(): [x for x in [(yield y) for y in ()]]", "'yield' inside list comprehension", 24},
		{"def g(): [x for x in (yield)]", "", 0},
		{"def g(): [lambda: (yield) for x in ()]", "", 0},
	}
	for _, tt := range tests {
		f := Parse("t.py", []byte(tt.src))
		switch {
		case tt.msg == "" && len(f.Errors) > 0:
			t.Errorf("%s: unexpected %q", tt.src, f.Errors[0].Msg)
		case tt.msg != "" && len(f.Errors) == 0:
			t.Errorf("%s: no error, want %q", tt.src, tt.msg)
		case tt.msg != "":
			e := f.Errors[0]
			if col := f.Lines.Position(e.Start).Column; e.Msg != tt.msg || col != tt.col {
				t.Errorf("%s: %q at column %d, want %q at %d", tt.src, e.Msg, col, tt.msg, tt.col)
			}
		}
	}
}

package pyparse

import "testing"

// TestDebugBindings: every way of binding __debug__ is CPython's compile
// error "cannot assign to __debug__" (checked with /usr/bin/python3 3.11);
// using it, or a submodule named so, is not.
func TestDebugBindings(t *testing.T) {
	for _, tt := range []struct {
		src  string
		line int // 0: valid
	}{
		{"def __debug__(): pass\n", 1},
		{"async def __debug__(): pass\n", 1},
		{"class __debug__: pass\n", 1},
		{"import __debug__\n", 1},
		{"import a as __debug__\n", 1},
		{"import a.b.c as __debug__\n", 1},
		{"import __debug__.x\n", 1},
		{"from a import __debug__\n", 1},
		{"from a import (b as __debug__)\n", 1},
		{"try:\n   pass\nexcept TypeError as __debug__:\n   pass\n", 3},
		{"import a.__debug__\n", 0},
		{"from __debug__ import x\n", 0},
		{"x = __debug__\n", 0},
		{"def f(): return __debug__\n", 0},
	} {
		f := Parse("t.py", []byte(tt.src))
		switch {
		case tt.line == 0 && len(f.Errors) > 0:
			t.Errorf("%q: unexpected %q", tt.src, f.Errors[0].Msg)
		case tt.line > 0 && (len(f.Errors) == 0 || f.Errors[0].Msg != "cannot assign to __debug__" || f.Lines.Line(f.Errors[0].Start) != tt.line):
			t.Errorf("%q: errors %v, want cannot assign to __debug__ on line %d", tt.src, f.Errors, tt.line)
		}
	}
}

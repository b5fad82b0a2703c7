package pyparse

import "testing"

// TestParenthesisedPositions checks the ranges CPython's ast gives around
// parentheses (verified with /usr/bin/python3 -c 'import ast; ...'): a
// parenthesised expression keeps its own range, but a call, attribute or
// subscript built on it starts at its '(' and a keyword whose value is
// parenthesised ends at its ')'.
func TestParenthesisedPositions(t *testing.T) {
	src := "g = (lambda: 1)()\nh = (n & m).bit_length()\nf(help=('a' 'b'), **(k))\n"
	f := Parse("p.py", []byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("errors: %v", f.Errors)
	}
	var calls []*Call
	var kws []*Keyword
	InspectFile(f, func(n Node) bool {
		switch n := n.(type) {
		case *Call:
			calls = append(calls, n)
		case *Keyword:
			kws = append(kws, n)
		}
		return true
	})
	text := func(r Range) string { return src[r.Start:r.End] }
	wantCalls := []string{"(lambda: 1)()", "(n & m).bit_length()", "f(help=('a' 'b'), **(k))"}
	if len(calls) != len(wantCalls) {
		t.Fatalf("%d calls, want %d", len(calls), len(wantCalls))
	}
	for i, c := range calls {
		if got := text(c.Range); got != wantCalls[i] {
			t.Errorf("call %d = %q, want %q", i, got, wantCalls[i])
		}
	}
	wantKws := []string{"help=('a' 'b')", "**(k)"}
	for i, k := range kws {
		if got := text(k.Range); got != wantKws[i] {
			t.Errorf("keyword %d = %q, want %q", i, got, wantKws[i])
		}
	}
	if s, ok := kws[0].Value.(*Str); !ok || text(s.Range) != "'a' 'b'" {
		t.Errorf("keyword value = %T %q, want the string without parentheses", kws[0].Value, text(kws[0].Value.Span()))
	}
}

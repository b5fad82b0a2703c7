package pyparse

import (
	"math/rand/v2"
	"testing"
)

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

// TestYieldInComprehensionFilter: the check for a yield inside a comprehension
// runs when a yield starts within some comprehension's range, whatever the
// order and nesting of the ranges, and not for yields only before, between
// or after them (a range's end is outside it).
func TestYieldInComprehensionFilter(t *testing.T) {
	for _, tc := range []struct {
		spans []Range
		at    []int
		want  bool
	}{
		{[]Range{{10, 20}}, []int{5, 20, 25}, false},
		{[]Range{{10, 20}}, []int{10}, true},
		{[]Range{{10, 20}}, []int{19}, true},
		{[]Range{{30, 40}, {0, 100}}, []int{50}, true}, // inside the outer one only, listed second
		{[]Range{{0, 5}, {2, 3}, {10, 12}}, []int{6, 9, 12}, false},
		{[]Range{{10, 12}, {2, 3}, {0, 5}}, []int{13, 4}, true},
		{nil, []int{1}, false},
	} {
		p := &parser{compSpans: append([]Range(nil), tc.spans...), yieldAt: tc.at}
		if got := p.yieldInComprehension(); got != tc.want {
			t.Errorf("spans %v, yields at %v: got %v, want %v", tc.spans, tc.at, got, tc.want)
		}
	}
	// In files: a generator function with a comprehension elsewhere is
	// not checked, and raises no error; one yield in one is found.
	for _, tc := range []struct {
		src, err string
	}{
		{"def g():\n    yield 1\n    return [x for x in ()]\n", ""},
		{"def g():\n    xs = [x for x in ()]\n    yield xs\n", ""},
		{"def g():\n    return [x for x in ((yield 1),)]\n", ""},
		{"def g():\n    yield 1\n    return [(yield x) for x in ()]\n", "'yield' inside list comprehension"},
	} {
		f := Parse("g.py", []byte(tc.src))
		got := ""
		if len(f.Errors) > 0 {
			got = f.Errors[0].Msg
		}
		if got != tc.err {
			t.Errorf("%q: error %q, want %q", tc.src, got, tc.err)
		}
	}
}

// TestYieldInComprehensionRandom checks the filter against the plain
// question (does any range hold a yield?) on random ranges and yields.
func TestYieldInComprehensionRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	trues := 0
	for range 5000 {
		spans := make([]Range, rng.IntN(6))
		for i := range spans {
			start := rng.IntN(50)
			spans[i] = Range{start, start + rng.IntN(20)}
		}
		at := make([]int, 1+rng.IntN(3))
		for i := range at {
			at[i] = rng.IntN(70)
		}
		want := false
		for _, r := range spans {
			for _, y := range at {
				want = want || r.Start <= y && y < r.End
			}
		}
		p := &parser{compSpans: append([]Range(nil), spans...), yieldAt: at}
		if got := p.yieldInComprehension(); got != want {
			t.Fatalf("spans %v, yields at %v: got %v, want %v", spans, at, got, want)
		}
		if want {
			trues++
		}
	}
	if trues < 500 || trues > 4500 {
		t.Fatalf("%d of 5000 random cases hold a yield: the generator is off", trues)
	}
}

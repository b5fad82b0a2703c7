package main

import (
	"slices"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// TestDaglintNodes checks daglint's side of the dump against what
// cpython_dump.py prints for the same file (written down from
// /usr/bin/python3 3.11): byte columns of the file as stored (so line 1
// counts the BOM), one node per implicitly concatenated string, nothing
// inside an f-string, no annotation.
func TestDaglintNodes(t *testing.T) {
	src := "\ufeffx = f(a, key=\"v\u00e9\", **kw)\n" +
		"s = (\"ab\"\n     \"cd\")\n" +
		"g = f\"{h(1)}\" \"z\"\n" +
		"class C(B, metaclass=M):\n    \"\"\"doc\"\"\"\n" +
		"def d(p: \"ann\" = q(r=1)) -> \"ret\":\n    return b\"\\x00\"\n"
	want := []node{
		{"call", 1, 7, 1, 28}, {"kw", 1, 12, 1, 21}, {"str", 1, 16, 1, 21}, {"kw", 1, 23, 1, 27},
		{"str", 2, 5, 3, 9}, {"str", 4, 4, 4, 17}, {"kw", 5, 11, 5, 22}, {"str", 6, 4, 6, 13},
		{"call", 7, 17, 7, 23}, {"kw", 7, 19, 7, 22}, {"str", 8, 11, 8, 18},
	}
	slices.SortFunc(want, compareNodes)
	got := daglintNodes(pyparse.Parse("u.py", []byte(src)))
	if m := firstMismatch(want, got); m != "" {
		t.Errorf("first mismatch: %s\ngot  %v\nwant %v", m, got, want)
	}
}

func TestFirstMismatch(t *testing.T) {
	a := []node{{"call", 1, 0, 1, 5}, {"str", 2, 0, 2, 3}}
	tests := []struct {
		got  []node
		want string
	}{
		{a, ""},
		{[]node{{"call", 1, 0, 1, 5}, {"str", 2, 0, 2, 4}}, "CPython str 2:0-2:3, daglint str 2:0-2:4"},
		{a[:1], "CPython str 2:0-2:3, daglint has no more nodes"},
		{append(slices.Clone(a), node{"kw", 3, 1, 3, 2}), "daglint kw 3:1-3:2, CPython has no more nodes"},
	}
	for _, tc := range tests {
		if got := firstMismatch(a, tc.got); got != tc.want {
			t.Errorf("firstMismatch(%v) = %q, want %q", tc.got, got, tc.want)
		}
	}
}

func TestPyNodes(t *testing.T) {
	got := pyNodes([]pyNode{{"str", 2.0, 1.0, 2.0, 4.0}, {"call", 1.0, 0.0, 1.0, 3.0}})
	want := []node{{"call", 1, 0, 1, 3}, {"str", 2, 1, 2, 4}}
	if !slices.Equal(got, want) {
		t.Errorf("pyNodes = %v, want %v", got, want)
	}
}

package pyparse

import "testing"

// TestSrcText: SrcText is the source as a string; for a parsed file it is
// the parser's copy, so asking costs no allocation.
func TestSrcText(t *testing.T) {
	src := "x = 1  # a comment\nprint(x)\n"
	f := Parse("a.py", []byte(src))
	if got := f.SrcText(); got != src {
		t.Fatalf("SrcText() = %q, want %q", got, src)
	}
	if allocs := testing.AllocsPerRun(10, func() { _ = f.SrcText() }); allocs != 0 {
		t.Errorf("SrcText of a parsed file: %v allocations, want 0", allocs)
	}
	bare := &File{Src: []byte(src)}
	if got := bare.SrcText(); got != src {
		t.Errorf("SrcText() of an unparsed file = %q, want %q", got, src)
	}
	if got := (&File{}).SrcText(); got != "" {
		t.Errorf("SrcText() of an empty file = %q", got)
	}
}

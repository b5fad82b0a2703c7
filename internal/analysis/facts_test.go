package analysis

import "testing"

// TestFactOf checks that a fact is computed once per file (per Facts) and
// shared by every pass given the same Facts, that another file gets its
// own, and that a pass without Facts computes it for each request.
func TestFactOf(t *testing.T) {
	calls := 0
	f := &Fact[*int]{Name: "count", Compute: func(*Pass) *int { calls++; v := calls; return &v }}
	facts := NewFacts()
	a, b := &Pass{Facts: facts}, &Pass{Facts: facts}
	first := f.Of(a)
	if f.Of(b) != first || f.Of(a) != first || calls != 1 {
		t.Fatalf("two passes of one file: %d computations, want 1", calls)
	}
	other := &Pass{Facts: NewFacts()}
	if f.Of(other) == first || calls != 2 {
		t.Fatalf("a second file shares the first's fact (%d computations)", calls)
	}
	g := &Fact[string]{Name: "other", Compute: func(*Pass) string { return "g" }}
	if g.Of(a) != "g" || f.Of(a) != first {
		t.Fatal("two facts of one file mixed up")
	}
	bare := &Pass{}
	f.Of(bare)
	f.Of(bare)
	if calls != 4 {
		t.Fatalf("a pass without Facts: %d computations in all, want 4", calls)
	}
}

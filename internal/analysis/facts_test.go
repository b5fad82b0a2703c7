package analysis

import (
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

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

// TestClaimed: a rule that yields to another sees that rule's primary
// locations as claimed, exactly (not overlapping ones); the winner runs once
// per file however often it is asked, and what it reports there never
// reaches the asking pass's Report.
func TestClaimed(t *testing.T) {
	runs := 0
	winner := &Rule{ID: "DAG901", Run: func(p *Pass) error {
		runs++
		p.Report(Diagnostic{Start: 10, End: 20, Message: "mine"})
		return nil
	}}
	loser := &Rule{ID: "DAG902", YieldsTo: []*Rule{winner}}
	free := &Rule{ID: "DAG903"}
	var reported []Diagnostic
	facts := NewFacts()
	pass := func(r *Rule) *Pass {
		return &Pass{Rule: r, Facts: facts, Report: func(d Diagnostic) { reported = append(reported, d) }}
	}
	p := pass(loser)
	tests := []struct {
		r    pyparse.Range
		want bool
	}{{pyparse.Range{Start: 10, End: 20}, true}, {pyparse.Range{Start: 10, End: 21}, false}, {pyparse.Range{Start: 11, End: 20}, false}}
	for _, tt := range tests {
		if got := p.Claimed(tt.r); got != tt.want {
			t.Errorf("Claimed(%v) = %v, want %v", tt.r, got, tt.want)
		}
	}
	if !pass(loser).Claimed(pyparse.Range{Start: 10, End: 20}) {
		t.Errorf("a second pass of the file does not see the claim")
	}
	if runs != 1 {
		t.Errorf("the winner ran %d times for one file, want 1", runs)
	}
	if pass(free).Claimed(pyparse.Range{Start: 10, End: 20}) {
		t.Errorf("a rule that yields to nothing sees a claim")
	}
	if len(reported) != 0 {
		t.Errorf("the winner's findings reached the loser's Report: %+v", reported)
	}
}

package analysis

import (
	"errors"
	"slices"
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

// TestRunOnce: the driver's run of a winner that Claimed already ran on the
// file reports what that run reported, in order, with its error, without
// running it again; a winner run first with keep serves later claims
// without a second run; a rule run without keep or without Facts runs each
// time.
func TestRunOnce(t *testing.T) {
	runs := 0
	broken := errors.New("broken")
	winner := &Rule{ID: "DAG901", Run: func(p *Pass) error {
		runs++
		p.Report(Diagnostic{Start: 10, End: 20, Message: "first"})
		p.Report(Diagnostic{Start: 1, End: 2, Message: "second"})
		return broken
	}}
	loser := &Rule{ID: "DAG902", YieldsTo: []*Rule{winner}}
	want := []string{"first", "second"}
	messages := func(ds []Diagnostic) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Message)
		}
		return out
	}
	for _, winnerFirst := range []bool{false, true} {
		runs = 0
		facts := NewFacts()
		var reported []Diagnostic
		report := func(d Diagnostic) { reported = append(reported, d) }
		claim := func() {
			if !(&Pass{Rule: loser, Facts: facts, Report: report}).Claimed(pyparse.Range{Start: 1, End: 2}) {
				t.Errorf("winner first %v: the winner's second finding is not claimed", winnerFirst)
			}
		}
		if !winnerFirst {
			claim()
		}
		err := Run(&Pass{Rule: winner, Facts: facts, Report: report}, true)
		if winnerFirst {
			claim()
		}
		if err != broken {
			t.Errorf("winner first %v: Run returned %v, want the rule's error", winnerFirst, err)
		}
		if got := messages(reported); !slices.Equal(got, want) {
			t.Errorf("winner first %v: Run reported %q, want %q", winnerFirst, got, want)
		}
		if runs != 1 {
			t.Errorf("winner first %v: the winner ran %d times, want 1", winnerFirst, runs)
		}
	}
	runs = 0
	facts := NewFacts()
	for i := 0; i < 2; i++ {
		Run(&Pass{Rule: winner, Facts: facts, Report: func(Diagnostic) {}}, false)
		Run(&Pass{Rule: winner, Report: func(Diagnostic) {}}, true)
	}
	if runs != 4 {
		t.Errorf("runs without keep or without Facts: %d, want 4", runs)
	}
}

// TestClaimedFewAndMany: Claimed compares a winner's few findings one by
// one and looks many up in a map; both see exactly the primary locations,
// also where one finding's range is another's start or end.
func TestClaimedFewAndMany(t *testing.T) {
	for _, n := range []int{1, maxScannedClaims, maxScannedClaims + 1, 5 * maxScannedClaims} {
		winner := &Rule{ID: "DAG901", Run: func(p *Pass) error {
			for i := 0; i < n; i++ {
				p.Report(Diagnostic{Start: 10 * i, End: 10*i + 5})
			}
			return nil
		}}
		p := &Pass{Rule: &Rule{ID: "DAG902", YieldsTo: []*Rule{winner}}, Facts: NewFacts()}
		for i := -1; i <= n; i++ {
			in := i >= 0 && i < n
			for _, tt := range []struct {
				r    pyparse.Range
				want bool
			}{
				{pyparse.Range{Start: 10 * i, End: 10*i + 5}, in},
				{pyparse.Range{Start: 10 * i, End: 10*i + 4}, false},
				{pyparse.Range{Start: 10*i + 5, End: 10*i + 10}, false},
			} {
				if got := p.Claimed(tt.r); got != tt.want {
					t.Errorf("%d findings: Claimed(%v) = %v, want %v", n, tt.r, got, tt.want)
				}
			}
		}
	}
}

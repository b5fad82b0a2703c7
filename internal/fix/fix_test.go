package fix

import (
	"errors"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
)

type E = analysis.TextEdit

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	tests := []struct {
		name    string
		edits   []E
		want    string
		overlap bool // want an ErrOverlap error
		bad     bool // want some other error
	}{
		{name: "none", want: "abcdef"},
		{name: "replace", edits: []E{{Start: 1, End: 3, NewText: "XY"}}, want: "aXYdef"},
		{name: "delete", edits: []E{{Start: 0, End: 2}}, want: "cdef"},
		{name: "insert at end", edits: []E{{Start: 6, End: 6, NewText: "!"}}, want: "abcdef!"},
		{name: "unsorted", edits: []E{{Start: 4, End: 5, NewText: "E"}, {Start: 0, End: 1, NewText: "A"}}, want: "AbcdEf"},
		{name: "adjacent", edits: []E{{Start: 1, End: 2, NewText: "1"}, {Start: 2, End: 3, NewText: "2"}}, want: "a12def"},
		{name: "insert before replacement at same offset", edits: []E{{Start: 2, End: 4, NewText: "-"}, {Start: 2, End: 2, NewText: "+"}}, want: "ab+-ef"},
		{name: "overlapping ranges", edits: []E{{Start: 1, End: 4}, {Start: 3, End: 5}}, overlap: true},
		{name: "insert inside a replacement", edits: []E{{Start: 1, End: 4}, {Start: 2, End: 2, NewText: "x"}}, overlap: true},
		{name: "two inserts at one offset", edits: []E{{Start: 2, End: 2, NewText: "x"}, {Start: 2, End: 2, NewText: "y"}}, overlap: true},
		{name: "identical edits", edits: []E{{Start: 1, End: 2}, {Start: 1, End: 2}}, overlap: true},
		{name: "past the end", edits: []E{{Start: 5, End: 7}}, bad: true},
		{name: "negative", edits: []E{{Start: -1, End: 1}}, bad: true},
		{name: "reversed", edits: []E{{Start: 3, End: 2}}, bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Apply(src, tt.edits)
			switch {
			case tt.overlap:
				if !errors.Is(err, ErrOverlap) {
					t.Fatalf("Apply = %q, %v; want ErrOverlap", got, err)
				}
			case tt.bad:
				if err == nil || errors.Is(err, ErrOverlap) {
					t.Fatalf("Apply = %q, %v; want a range error", got, err)
				}
			default:
				if err != nil || string(got) != tt.want {
					t.Fatalf("Apply = %q, %v; want %q", got, err, tt.want)
				}
			}
			if string(src) != "abcdef" {
				t.Fatalf("Apply modified its input: %q", src)
			}
		})
	}
}

func diag(id string, fixes ...analysis.SuggestedFix) analysis.Diagnostic {
	return analysis.Diagnostic{RuleID: id, Fixes: fixes}
}

func fx(a analysis.Applicability, edits ...E) analysis.SuggestedFix {
	return analysis.SuggestedFix{Message: "fix it", Applicability: a, Edits: edits}
}

func TestSelect(t *testing.T) {
	safe := fx(analysis.Safe, E{Start: 0, End: 1})
	unsafe := fx(analysis.Unsafe, E{Start: 2, End: 3})
	display := fx(analysis.DisplayOnly, E{Start: 4, End: 5})
	overlapsSafe := fx(analysis.Safe, E{Start: 0, End: 2})
	tests := []struct {
		name      string
		diags     []analysis.Diagnostic
		opts      Options
		wantEdits []E
		wantFixed int
		fixable   bool // some allowed fix exists, even if Select must skip it
	}{
		{name: "safe only by default", diags: []analysis.Diagnostic{diag("A", safe), diag("B", unsafe), diag("C", display)},
			wantEdits: []E{{Start: 0, End: 1}}, wantFixed: 1, fixable: true},
		{name: "unsafe when asked", diags: []analysis.Diagnostic{diag("A", safe), diag("B", unsafe), diag("C", display)},
			opts: Options{Unsafe: true}, wantEdits: []E{{Start: 0, End: 1}, {Start: 2, End: 3}}, wantFixed: 2, fixable: true},
		{name: "display-only never", diags: []analysis.Diagnostic{diag("C", display)}, opts: Options{Unsafe: true}},
		{name: "no fixes", diags: []analysis.Diagnostic{diag("A")}},
		{name: "overlap with a chosen fix is left for later", diags: []analysis.Diagnostic{diag("A", safe), diag("B", overlapsSafe)},
			wantEdits: []E{{Start: 0, End: 1}}, wantFixed: 1, fixable: true},
		{name: "first allowed fix of a diagnostic", diags: []analysis.Diagnostic{diag("A", unsafe, safe)},
			wantEdits: []E{{Start: 0, End: 1}}, wantFixed: 1, fixable: true},
		{name: "fix overlapping itself is skipped", diags: []analysis.Diagnostic{diag("A", fx(analysis.Safe, E{Start: 0, End: 3}, E{Start: 1, End: 2}))}, fixable: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edits, n := Select(tt.diags, tt.opts)
			if n != tt.wantFixed || len(edits) != len(tt.wantEdits) {
				t.Fatalf("Select = %v, %d; want %v, %d", edits, n, tt.wantEdits, tt.wantFixed)
			}
			for i := range edits {
				if edits[i] != tt.wantEdits[i] {
					t.Fatalf("Select edits = %v; want %v", edits, tt.wantEdits)
				}
			}
			if got := Fixable(tt.diags, tt.opts); got != tt.fixable {
				t.Errorf("Fixable = %v; want %v", got, tt.fixable)
			}
		})
	}
}

// markerLinter reports every "X" as a finding whose safe fix turns it into
// "x", and every "((" as a fix that overlaps: "((" -> "(" one at a time.
// "SYNTAX" anywhere is a syntax error.
func markerLinter(calls *int) Linter {
	return func(src []byte) ([]analysis.Diagnostic, bool, error) {
		*calls++
		s := string(src)
		var diags []analysis.Diagnostic
		for i := 0; i < len(s); i++ {
			switch {
			case s[i] == 'X':
				diags = append(diags, diag("R1", fx(analysis.Safe, E{Start: i, End: i + 1, NewText: "x"})))
			case strings.HasPrefix(s[i:], "(("):
				diags = append(diags, diag("R2", fx(analysis.Safe, E{Start: i, End: i + 2, NewText: "("})))
			case s[i] == 'B':
				diags = append(diags, diag("R3", fx(analysis.Safe, E{Start: i, End: i + 1, NewText: "SYNTAX"})))
			}
		}
		return diags, strings.Contains(s, "SYNTAX"), nil
	}
}

func TestIterate(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		want       string
		wantFixed  int
		wantRounds int
		wantErr    bool
	}{
		{name: "one round", src: "aXbX", want: "axbx", wantFixed: 2, wantRounds: 1},
		{name: "nothing to fix", src: "abc", want: "abc"},
		// "((((": fixes at 0,1,2 overlap; round 1 applies 0 and 2 -> "((",
		// round 2 -> "(".
		{name: "overlaps fixed in later rounds", src: "((((", want: "(", wantFixed: 3, wantRounds: 2},
		{name: "syntax error blocks fixing", src: "SYNTAX X", want: "SYNTAX X"},
		{name: "fix introducing a syntax error is refused", src: "aB", want: "aB", wantErr: true},
		{name: "bounded rounds", src: strings.Repeat("(", 1<<12), want: strings.Repeat("(", 1<<12>>MaxIterations), wantFixed: 1<<12 - 1<<12>>MaxIterations, wantRounds: MaxIterations},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			res, err := Iterate([]byte(tt.src), markerLinter(&calls), Options{})
			if (err != nil) != tt.wantErr {
				t.Fatalf("Iterate error = %v; want error %v", err, tt.wantErr)
			}
			if string(res.Source) != tt.want || res.Fixed != tt.wantFixed || res.Iterations != tt.wantRounds {
				t.Fatalf("Iterate = %q fixed %d in %d rounds; want %q fixed %d in %d rounds",
					res.Source, res.Fixed, res.Iterations, tt.want, tt.wantFixed, tt.wantRounds)
			}
			if res.Changed([]byte(tt.src)) != (tt.want != tt.src) {
				t.Errorf("Changed = %v", res.Changed([]byte(tt.src)))
			}
			if !tt.wantErr {
				// The diagnostics returned are those of the final source.
				again, _, _ := markerLinter(new(int))(res.Source)
				if len(again) != len(res.Diagnostics) {
					t.Errorf("Diagnostics = %d findings; the final source has %d", len(res.Diagnostics), len(again))
				}
			}
		})
	}
}

func TestIterateLinterError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Iterate([]byte("x"), func([]byte) ([]analysis.Diagnostic, bool, error) { return nil, false, boom }, Options{})
	if !errors.Is(err, boom) {
		t.Fatalf("Iterate error = %v; want it to wrap the linter's", err)
	}
}

func TestUnifiedDiff(t *testing.T) {
	tests := []struct {
		name, before, after string
		want                []string // substrings that must appear
		wantNot             []string // substrings that must not
	}{
		{name: "equal", before: "a\nb\n", after: "a\nb\n"},
		{name: "changed line", before: "a\nb\nc\n", after: "a\nB\nc\n",
			want:    []string{"--- a/dags/x.py\n", "+++ b/dags/x.py\n", "@@ -1,3 +1,3 @@\n", " a\n", "-b\n", "+B\n", " c\n"},
			wantNot: []string{"No newline"}},
		{name: "removed line", before: "a\n# noqa: DAG101\nc\n", after: "a\nc\n",
			want: []string{"-# noqa: DAG101\n"}, wantNot: []string{"+" + "a"}},
		{name: "newline at end added", before: "a", after: "a\n",
			want: []string{"-a\n\\ No newline at end of file\n", "+a\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := UnifiedDiff("dags/x.py", []byte(tt.before), []byte(tt.after))
			if tt.before == tt.after && got != "" {
				t.Fatalf("UnifiedDiff of equal texts = %q; want empty", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("diff lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("diff has %q:\n%s", w, got)
				}
			}
		})
	}
}

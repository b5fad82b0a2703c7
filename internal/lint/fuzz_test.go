package lint_test

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
	"github.com/daglint/daglint/internal/lint"
)

// FuzzLint runs every rule on arbitrary sources, seeded with the DAG
// fixtures. Invariants: no internal error (a recovered panic), every range
// inside the file with Start <= End, diagnostics sorted by offset then rule.
func FuzzLint(f *testing.F) {
	for _, seed := range fixtures.DAGs(f, 1) {
		f.Add(seed.Src)
	}
	f.Add([]byte(dirtyDAG))
	f.Add([]byte("\xef\xbb\xbf" + strings.ReplaceAll(dirtyDAG, "\n", "\r\n")))
	opts := allRulesOptions()
	f.Fuzz(func(t *testing.T, src []byte) {
		res := lint.Source("fuzz.py", src, opts)
		if res.Err != nil && strings.Contains(res.Err.Error(), "internal error") {
			t.Fatalf("internal error: %v", res.Err)
		}
		n := len(src)
		inside := func(what string, start, end int) {
			if start < 0 || end > n || start > end {
				t.Fatalf("%s range [%d,%d) outside the %d-byte file", what, start, end, n)
			}
		}
		for i, d := range res.Diagnostics {
			inside(d.RuleID, d.Start, d.End)
			for _, rel := range d.Related {
				inside(d.RuleID+" related", rel.Start, rel.End)
			}
			for _, fx := range d.Fixes {
				for _, e := range fx.Edits {
					inside(d.RuleID+" fix", e.Start, e.End)
				}
			}
			if i > 0 {
				p := res.Diagnostics[i-1]
				if p.Start > d.Start || (p.Start == d.Start && p.RuleID > d.RuleID) {
					t.Fatalf("diagnostics not sorted: %s@%d before %s@%d", p.RuleID, p.Start, d.RuleID, d.Start)
				}
			}
		}
		// The report conversion must not fail on what the driver returns.
		findings, _ := lint.Findings([]lint.Result{res}, opts.Rules)
		if len(findings) != len(res.Diagnostics) {
			t.Fatalf("%d findings for %d diagnostics", len(findings), len(res.Diagnostics))
		}
	})
}

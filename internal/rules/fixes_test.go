package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/connections"
	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/rules"
	"github.com/daglint/daglint/internal/rules/ruletest"
)

// TestFixesCreateNoFinding applies every fix, unsafe ones included, to every
// fixture, as `--fix --unsafe-fixes` does, and re-lints the result with
// every rule: no finding may appear that was not there before (a fix must
// never trade one finding for another), and no word the user wrote, in code
// or comments, may be lost: only the suppression codes and keywords DAG002
// removes, and the text a fix replaces inside its own finding's location
// (DAG202 renames a misspelt keyword).
func TestFixesCreateNoFinding(t *testing.T) {
	files, err := filepath.Glob("../../testdata/dags/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	known := map[string]bool{}
	for _, r := range rules.All {
		known[r.ID] = true
	}
	fixedAny := false
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			variants, err := ruletest.Settings(pyparse.Parse(path, src), rules.All, connections.Load)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range variants {
				opts := lint.Options{Rules: rules.All, Settings: v.Settings, KnownRules: known}
				linter := lint.FixLinter(path, opts)
				before, _, _ := linter(src)
				res, err := fix.Iterate(src, linter, fix.Options{Unsafe: true})
				if err != nil {
					t.Fatalf("%s: %v", v.Label, err)
				}
				if !res.Changed(src) {
					continue
				}
				fixedAny = true
				after := findingKeys(res.Source, res.Diagnostics)
				for k, n := range after {
					if m := findingKeys(src, before)[k]; n > m {
						t.Errorf("%s: the fixes created %s (%d before, %d after):\n%s", v.Label, k, m, n, res.Source)
					}
				}
				lost := words(src)
				for w, n := range words(res.Source) {
					lost[w] -= n
				}
				for w, n := range replaced(src, before) {
					lost[w] -= n
				}
				for w, n := range lost {
					if n > 0 {
						t.Errorf("%s: the fixes lost the word %q:\n%s", v.Label, w, res.Source)
					}
				}
			}
		})
	}
	if !fixedAny {
		t.Error("no fixture was changed by a fix: the test proves nothing")
	}
}

// findingKeys counts findings by rule and the text of their location.
func findingKeys(src []byte, diags []analysis.Diagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range diags {
		out[d.RuleID+" at "+strings.Join(strings.Fields(string(src[d.Start:d.End])), " ")]++
	}
	return out
}

var (
	wordRE = regexp.MustCompile(`[A-Za-z0-9_]+`)
	// suppressionWord is what DAG002's fix may take out of a comment.
	suppressionWord = regexp.MustCompile(`^(DAG[0-9]{3}|noqa|daglint|ignore|file)$`)
)

// replaced counts the words of finding locations that the finding's own
// fix rewrites in place (DAG002's location, the comment, is not one: its
// fix may take out only suppression words).
func replaced(src []byte, diags []analysis.Diagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range diags {
		if d.RuleID == "DAG002" || len(d.Fixes) == 0 {
			continue
		}
		inside := true
		for _, e := range d.Fixes[0].Edits {
			inside = inside && d.Start <= e.Start && e.End <= d.End
		}
		if inside {
			for w, n := range words(src[d.Start:d.End]) {
				out[w] += n
			}
		}
	}
	return out
}

// words counts the words of a file.
func words(src []byte) map[string]int {
	out := map[string]int{}
	for _, w := range wordRE.FindAllString(string(src), -1) {
		if !suppressionWord.MatchString(w) {
			out[w]++
		}
	}
	return out
}

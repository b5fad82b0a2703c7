package lint_test

import (
	"fmt"
	"testing"

	"github.com/daglint/daglint/internal/lint"
)

// TestFilesEachUsesEachFilesOptions: every file is linted with its own
// options, whatever the number of workers, and results keep the order.
func TestFilesEachUsesEachFilesOptions(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := 0; i < 12; i++ {
		paths = append(paths, writeFile(t, dir, fmt.Sprintf("f%02d.py", i), []byte(dirtyDAG)))
	}
	all := allRulesOptions()
	none := allRulesOptions()
	none.Rules = nil
	optsFor := func(i int) *lint.Options {
		if i%3 == 0 {
			return &none
		}
		return &all
	}
	for _, workers := range []int{1, 4} {
		results := lint.FilesEach(paths, workers, optsFor)
		for i, res := range results {
			if res.Path != paths[i] {
				t.Fatalf("workers %d: result %d is %s, want %s", workers, i, res.Path, paths[i])
			}
			found, _ := lint.Findings([]lint.Result{res}, all.Rules)
			if got, want := len(found) > 0, i%3 != 0; got != want {
				t.Errorf("workers %d: %s has findings = %v, want %v", workers, res.Path, got, want)
			}
		}
	}
}

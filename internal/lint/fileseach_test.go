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

// TestPoolResultsInTheOrderAsked: a Pool gives one result per added file,
// in the order added or in the order Wait is asked for, more files than
// its queue and result chunks hold included, whatever the number of
// workers.
func TestPoolResultsInTheOrderAsked(t *testing.T) {
	dir := t.TempDir()
	clean := writeFile(t, dir, "clean.py", []byte("x = 1\n"))
	dirty := writeFile(t, dir, "dirty.py", []byte(dirtyDAG))
	all := allRulesOptions()
	const n = 2500 // over two chunks of results
	pathOf := func(i int) string {
		if i%7 == 0 {
			return dirty
		}
		return clean
	}
	for _, workers := range []int{1, 2} {
		p := lint.NewPool(workers)
		for i := range n {
			if got := p.Add(pathOf(i), &all); got != i {
				t.Fatalf("workers %d: Add returned %d, want %d", workers, got, i)
			}
		}
		order := make([]int, n)
		for i := range order {
			order[i] = n - 1 - i
		}
		results := p.Wait(order)
		if len(results) != n {
			t.Fatalf("workers %d: %d results, want %d", workers, len(results), n)
		}
		for i, res := range results {
			if want := pathOf(n - 1 - i); res.Path != want || res.Parsed != (want == dirty) {
				t.Fatalf("workers %d: result %d is %s (parsed %v), want %s", workers, i, res.Path, res.Parsed, want)
			}
		}
	}
}

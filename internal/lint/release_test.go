package lint_test

import (
	"reflect"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
	"github.com/daglint/daglint/internal/lint"
)

// dagFixtureSources reads the fixture DAGs: every rule's findings, fixes,
// related locations, suppressions and syntax errors.
func dagFixtureSources(t *testing.T) (paths []string, srcs [][]byte) {
	t.Helper()
	for _, f := range fixtures.DAGs(t, 10) {
		paths = append(paths, f.Path)
		srcs = append(srcs, f.Src)
	}
	return paths, srcs
}

// A file's result holds nothing of its syntax tree: linting other files
// into the memory its tree handed back leaves it exactly as the result of
// a lint that releases nothing (a pointer into the tree would now see
// another file's nodes).
func TestReleasedTreeLeavesResultIntact(t *testing.T) {
	paths, srcs := dagFixtureSources(t)
	opts := allRulesOptions()
	for _, keep := range []bool{false, true} {
		opts.KeepSource = keep
		restore := lint.SetReleaseParsed(false)
		want := make([]lint.Result, len(srcs))
		for i := range srcs {
			want[i] = lint.Source(paths[i], srcs[i], opts)
		}
		restore()
		findings := 0
		for i := range srcs {
			got := lint.Source(paths[i], srcs[i], opts)
			findings += len(got.Diagnostics)
			// The next files are parsed into the memory this one released.
			for j := 1; j <= 3; j++ {
				k := (i + j) % len(srcs)
				lint.Source(paths[k], srcs[k], opts)
			}
			if !reflect.DeepEqual(got, want[i]) {
				t.Errorf("%s (KeepSource %v): result changed once other files reused its tree's memory", paths[i], keep)
			}
		}
		if findings == 0 {
			t.Fatal("the fixtures gave no findings")
		}
	}
}

// Linting a tree file by file with release gives byte-identical findings
// to linting it without.
func TestReleaseKeepsFindings(t *testing.T) {
	paths, _ := corpusPaths(t, 120, 3)
	fixtures, _ := dagFixtureSources(t)
	paths = append(paths, fixtures...)
	opts := allRulesOptions()
	for _, workers := range []int{1, 2} {
		opts.Workers = workers
		restore := lint.SetReleaseParsed(false)
		want, wantErrs := lint.Findings(lint.Files(paths, opts), opts.Rules)
		restore()
		got, gotErrs := lint.Findings(lint.Files(paths, opts), opts.Rules)
		if len(want) == 0 {
			t.Fatal("no findings to compare")
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("workers %d: findings with release differ from those without (%d vs %d)", workers, len(got), len(want))
		}
	}
}

// Source hands each file's tree back: the next file's parse reuses it
// and allocates far less.
func TestSourceReleaseReusesTree(t *testing.T) {
	src := sampleSource(true)
	opts := allRulesOptions()
	lint.Source("a.py", src, opts)
	released := testing.AllocsPerRun(10, func() { lint.Source("a.py", src, opts) })
	restore := lint.SetReleaseParsed(false)
	kept := testing.AllocsPerRun(10, func() { lint.Source("a.py", src, opts) })
	restore()
	if released >= kept {
		t.Errorf("lint with release: %.0f allocations, without: %.0f", released, kept)
	}
	t.Logf("allocations per file: %.0f with release, %.0f without", released, kept)
}

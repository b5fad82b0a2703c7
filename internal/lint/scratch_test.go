package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
	"github.com/daglint/daglint/internal/lint"
)

// plainModule is n functions of a module no rule concerns: the prefilter
// skips it without parsing.
func plainModule(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "def step_%d(x):\n    return x + %d\n\n", i, i)
	}
	return []byte(b.String())
}

// A file read into the memory a skipped file left is linted exactly as a
// file read into fresh memory, also when its source is kept, and the
// skipped file after it does not overwrite it.
func TestSkippedFileMemoryReuse(t *testing.T) {
	dir := t.TempDir()
	big := plainModule(4000)
	var paths []string
	for i, dag := range fixtures.DAGs(t, 10) {
		src := dag.Src
		skipped := filepath.Join(dir, fmt.Sprintf("plain_%03d.py", i))
		parsed := filepath.Join(dir, fmt.Sprintf("dag_%03d.py", i))
		if err := os.WriteFile(skipped, big, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(parsed, src, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, skipped, parsed)
	}
	opts := allRulesOptions()
	opts.Workers = 1
	opts.KeepSource = true
	results := lint.Files(paths, opts)
	for i, res := range results {
		if i%2 == 0 {
			if res.Parsed || res.Err != nil {
				t.Fatalf("%s: parsed %v, error %v; want it skipped", res.Path, res.Parsed, res.Err)
			}
			continue
		}
		src, err := os.ReadFile(res.Path)
		if err != nil {
			t.Fatal(err)
		}
		want := lint.Source(res.Path, src, opts)
		if string(res.Lines.Source()) != string(src) {
			t.Errorf("%s: the kept source changed after other files were read", res.Path)
		}
		got, _ := lint.Findings([]lint.Result{res}, opts.Rules)
		exp, _ := lint.Findings([]lint.Result{want}, opts.Rules)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: findings differ from a lint of fresh memory", res.Path)
		}
	}
}

// Reading skipped files one after another reuses one buffer: the bytes
// allocated by a read are a small part of the file's size.
func TestSkippedFileReadsReuseMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plain.py")
	src := plainModule(4000)
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := allRulesOptions()
	lint.File(path, opts)
	// The pool may drop a buffer (at random under the race detector), so
	// the fewest bytes any one read allocated are compared.
	least := uint64(1 << 62)
	for range 20 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if res := lint.File(path, opts); res.Parsed {
			t.Fatal("the plain module was parsed; want it skipped")
		}
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	if least > uint64(len(src))/4 {
		t.Errorf("%d bytes allocated by the cheapest read of a %d-byte skipped file", least, len(src))
	}
}

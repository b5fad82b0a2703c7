package lint_test

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/lint/lintbench"
	"github.com/daglint/daglint/internal/project"
)

// corpusPaths generates a corpus of n files in a temporary folder and lists
// its Python files in a stable order with their total size.
func corpusPaths(tb testing.TB, n int, seed uint64) ([]string, int64) {
	tb.Helper()
	dir := tb.TempDir()
	st, err := lintbench.Generate(dir, lintbench.Options{Files: n, Seed: seed})
	if err != nil {
		tb.Fatal(err)
	}
	var paths []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(p) == ".py" {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(paths) != st.Files {
		tb.Fatalf("generated %d files, found %d", st.Files, len(paths))
	}
	return paths, st.Bytes
}

// BenchmarkLintFiles lints a generated 3,000-file repository (40% DAG
// files) with every rule; MB/s is over the corpus bytes.
func BenchmarkLintFiles(b *testing.B) {
	paths, size := corpusPaths(b, 3000, 1)
	opts := allRulesOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res := lint.Files(paths, opts)
		if len(res) != len(paths) {
			b.Fatalf("%d results for %d files", len(res), len(paths))
		}
	}
}

// BenchmarkSourcePlain measures the cost of a file no rule concerns: the
// prefilter alone.
func BenchmarkSourcePlain(b *testing.B) {
	benchSource(b, false)
}

// BenchmarkSourceDAG measures one DAG file through parse, model and rules.
func BenchmarkSourceDAG(b *testing.B) {
	benchSource(b, true)
}

func benchSource(b *testing.B, dag bool) {
	src := sampleSource(dag)
	opts := allRulesOptions()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Source("x.py", src, opts)
	}
}

// BenchmarkSourcePlainWords measures a plain module that says key, token
// and password in ordinary code: the byte-level prefilter lets it through,
// its tokens show no literal given to a secret-named target.
func BenchmarkSourcePlainWords(b *testing.B) {
	src := lintbench.PlainModule(rand.New(rand.NewPCG(7, 7)), 0)
	opts := allRulesOptions()
	if res := lint.Source("x.py", src, opts); res.Parsed || !lint.Relevant(src) {
		b.Fatalf("relevant %v, parsed %v: not a module only its tokens skip", lint.Relevant(src), res.Parsed)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Source("x.py", src, opts)
	}
}

// BenchmarkRelevant runs the byte prefilter (without a module index) over
// the files of the generated corpus, held in memory.
func BenchmarkRelevant(b *testing.B) {
	paths, size := corpusPaths(b, 3000, 1)
	srcs := readAll(b, paths)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			lint.Relevant(src)
		}
	}
}

// BenchmarkImportsProject runs the project import test over the files of
// the generated corpus, held in memory, with the corpus's module index.
func BenchmarkImportsProject(b *testing.B) {
	paths, size := corpusPaths(b, 3000, 1)
	root := filepath.Dir(filepath.Dir(filepath.Dir(paths[0])))
	srcs := readAll(b, paths)
	ix := project.New(root, root, nil)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			lint.ImportsProject(paths[i], src, ix)
		}
	}
}

// readAll reads the files at paths.
func readAll(b *testing.B, paths []string) [][]byte {
	srcs := make([][]byte, len(paths))
	for i, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = src
	}
	return srcs
}

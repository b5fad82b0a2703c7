package airflow_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/lint/lintbench"
	"github.com/daglint/daglint/internal/project"
	"github.com/daglint/daglint/internal/pyparse"
)

// corpusDAGs generates the benchmark corpus (1,200 DAG files of 3,000) and
// returns its folder and the sources of its DAG files in a stable order.
func corpusDAGs(b *testing.B) (dir string, paths []string, srcs [][]byte) {
	b.Helper()
	dir = b.TempDir()
	if _, err := lintbench.Generate(dir, lintbench.Options{Files: 3000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	matches, err := filepath.Glob(filepath.Join(dir, "dags", "*", "*.py"))
	if err != nil || len(matches) == 0 {
		b.Fatalf("no DAG files generated (%v)", err)
	}
	sort.Strings(matches)
	for _, p := range matches {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		paths, srcs = append(paths, p), append(srcs, src)
	}
	return dir, paths, srcs
}

// benchBuild builds the model of every DAG file of the benchmark corpus as
// the linter does: each file is parsed (timer stopped), its model built,
// and its tree released, so that the next file reuses the tree's memory
// and its index's lists (the model builds the index first).
func benchBuild(b *testing.B, withProject bool) {
	dir, paths, srcs := corpusDAGs(b)
	var mods airflow.Modules
	if withProject {
		mods = project.New(dir, dir, nil)
	}
	calls := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		calls = 0
		for i, src := range srcs {
			b.StopTimer()
			f := pyparse.Parse(paths[i], src)
			b.StartTimer()
			calls += len(airflow.BuildWith(f, mods).Calls)
			f.Release()
		}
	}
	if calls == 0 {
		b.Fatal("no operator calls found in the corpus")
	}
}

// BenchmarkBuildCorpusDAGs builds the models without a project index.
func BenchmarkBuildCorpusDAGs(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildCorpusDAGsProject builds them with the corpus' project
// index, as `daglint check` does: names that are not Airflow's are looked
// up among the project's modules.
func BenchmarkBuildCorpusDAGsProject(b *testing.B) { benchBuild(b, true) }

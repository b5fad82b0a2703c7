package lintbench

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/daglint/daglint/internal/lint"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	sa, err := Generate(a, Options{Files: 50, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, Options{Files: 50, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(c, Options{Files: 50, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	if sa.Files != 50 || sa.DAGFiles != 20 {
		t.Errorf("stats %+v, want 50 files with 20 DAG files", sa)
	}
	if got, want := tree(t, b), tree(t, a); got != want {
		t.Errorf("same seed, different corpus")
	}
	if tree(t, c) == tree(t, a) {
		t.Errorf("different seeds, same corpus")
	}
}

// tree concatenates every file of dir with its relative path.
func tree(t *testing.T, dir string) string {
	var buf bytes.Buffer
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		buf.WriteString(rel + "\n")
		buf.Write(src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestPrefilterSplit checks the corpus exercises both paths of the driver:
// DAG files pass the prefilter, plain modules never do.
func TestPrefilterSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		if src := DAGFile(r, i); !lint.Relevant(src) {
			t.Fatalf("DAG file %d skipped by the prefilter:\n%s", i, src)
		}
		if src := PlainModule(r, i); lint.Relevant(src) {
			t.Fatalf("plain module %d passes the prefilter:\n%s", i, src)
		}
	}
}

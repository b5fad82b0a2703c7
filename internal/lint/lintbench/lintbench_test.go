package lintbench

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/config"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/rules"
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

// TestPrefilterSplit checks the corpus exercises every path of the driver's
// prefilter: DAG files and most plain modules (which say key, token, auth
// and password in ordinary code, as real modules do) pass its byte-level
// test, which the plain modules then fail at the token level
// (TestPlainModulesHaveNoFindings); the quiet plain modules (every fourth)
// never pass it.
func TestPrefilterSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		if src := DAGFile(r, i); !lint.Relevant(src) {
			t.Fatalf("DAG file %d skipped by the prefilter:\n%s", i, src)
		}
		src := PlainModule(r, i)
		if quiet := i%4 == 1; lint.Relevant(src) == quiet {
			t.Fatalf("plain module %d (quiet %v): prefilter says relevant %v:\n%s", i, quiet, !quiet, src)
		}
		if i%4 != 1 {
			for _, word := range []string{"key: str", "self.token_url", "auth_header", "password ="} {
				if !strings.Contains(string(src), word) {
					t.Fatalf("plain module %d lacks %q:\n%s", i, word, src)
				}
			}
		}
	}
}

// TestPlainModulesHaveNoFindings lints plain modules with every rule the
// default configuration enables. None is parsed: their secret-like names
// are never given a literal, which the rules' token prefilters see. Parsed
// all the same (a comment naming docker makes the driver parse a file),
// they have no finding: their secret-like names hold no secret, so any
// finding would be a false positive.
func TestPlainModulesHaveNoFindings(t *testing.T) {
	var enabled []*analysis.Rule
	known := map[string]bool{}
	for _, rule := range rules.All {
		known[rule.ID] = true
		enabled = append(enabled, rule)
	}
	opts := lint.Options{Rules: enabled, Settings: config.Default(".", rules.All).Settings(nil), KnownRules: known}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 60; i++ {
		src := PlainModule(r, i)
		if res := lint.Source("mod.py", src, opts); res.Parsed || res.Err != nil {
			t.Errorf("plain module %d: parsed %v, error %v; want it skipped", i, res.Parsed, res.Err)
		}
		res := lint.Source("mod.py", append(src, "# docker\n"...), opts)
		if res.Err != nil || !res.Parsed {
			t.Fatalf("plain module %d with a marker: parsed %v, error %v", i, res.Parsed, res.Err)
		}
		for _, d := range res.Diagnostics {
			t.Errorf("plain module %d: unexpected %s at offset %d: %s", i, d.RuleID, d.Start, d.Message)
		}
	}
}

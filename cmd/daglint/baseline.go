package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/daglint/daglint/internal/baseline"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/rules"
)

// baselineFlags are the flags of `daglint check` that record or apply a
// baseline of accepted findings.
type baselineFlags struct {
	baseline      string
	writeBaseline string
}

func (b *baselineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&b.baseline, "baseline", "", "hide the findings recorded in this baseline `FILE` and report only new ones")
	fs.StringVar(&b.writeBaseline, "write-baseline", "", "record the current findings in this baseline `FILE` and exit 0")
}

// validate rejects flag combinations that have no clear meaning.
func (b *baselineFlags) validate(fx *fixFlags) error {
	if b.baseline != "" && b.writeBaseline != "" {
		return errors.New("--baseline and --write-baseline cannot be combined (--write-baseline alone rewrites the baseline)")
	}
	if b.writeBaseline != "" && fx.diff {
		return errors.New("--write-baseline cannot be combined with --diff, which writes nothing")
	}
	return nil
}

// loadBaseline reads the --baseline file; nil when the flag is unset.
func loadBaseline(path string) (*baseline.File, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("--baseline: %s does not exist (create it with --write-baseline %s)", path, path)
	}
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	b, err := baseline.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %w", path, err)
	}
	return b, nil
}

// writeBaseline records findings in path; recorded holds them as the
// baseline sees them (see baselineView).
func writeBaseline(path string, recorded []report.Finding) (int, error) {
	b := baseline.New(recorded)
	data, err := b.Marshal()
	if err != nil {
		return 0, err
	}
	if err := writeFileAtomic(path, "", data); err != nil {
		return 0, fmt.Errorf("--write-baseline: %w", err)
	}
	return len(recorded), nil
}

// findingKey identifies a finding of one run: its fingerprint covers the rule,
// the path, the text and the occurrence.
// baselineView returns findings (in their order) as a baseline file at
// baselinePath records them: each path relative to the baseline's folder and
// the fingerprint computed on that path. So a baseline does not depend on
// the folder daglint runs from, and one written at the repository root
// serves runs from any subfolder. findings are lint.Findings(results): each
// result is converted once more, under its new path, and its findings keep
// their order within the file, so the n-th finding of a path is the n-th
// of its rebased path. A path whose count differs keeps its findings as
// they are.
func baselineView(findings []report.Finding, results []lint.Result, cwd, baselinePath string) []report.Finding {
	dir := filepath.Dir(absPath(cwd, baselinePath))
	moved := make([]lint.Result, len(results))
	newPath := make(map[string]string, len(results))
	for i, res := range results {
		moved[i] = res
		moved[i].Path = relToDir(dir, absPath(cwd, res.Path))
		newPath[res.Path] = moved[i].Path
	}
	rebased, _ := lint.Findings(moved, rules.All)
	byPath := map[string][]report.Finding{}
	for _, f := range rebased {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	count := map[string]int{}
	for _, f := range findings {
		count[f.Path]++
	}
	out := make([]report.Finding, len(findings))
	next := map[string]int{}
	for i, f := range findings {
		out[i] = f
		p, ok := newPath[f.Path]
		if list := byPath[p]; ok && len(list) == count[f.Path] {
			out[i] = list[next[f.Path]]
			next[f.Path]++
		}
	}
	return out
}

// relToDir returns the absolute path p relative to dir with slashes ("../"
// when p lies outside dir), or p with slashes when no relative path exists.
func relToDir(dir, p string) string {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

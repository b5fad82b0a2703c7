package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/daglint/daglint/internal/baseline"
	"github.com/daglint/daglint/internal/report"
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

// writeBaseline records findings in path.
func writeBaseline(path string, findings []report.Finding) (int, error) {
	b := baseline.New(findings)
	data, err := b.Marshal()
	if err != nil {
		return 0, err
	}
	if err := writeFileAtomic(path, data); err != nil {
		return 0, fmt.Errorf("--write-baseline: %w", err)
	}
	return len(findings), nil
}

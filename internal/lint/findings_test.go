package lint_test

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/daglint/daglint/internal/lint"
)

// TestFindingsMarkNotices checks that files skipped on purpose become
// notices and every other per-file problem stays an error.
func TestFindingsMarkNotices(t *testing.T) {
	dir := t.TempDir()
	big := writeFile(t, dir, "big.py", []byte(dirtyDAG))
	bin := writeFile(t, dir, "bin.py", []byte("\x00\x01"))
	missing := filepath.Join(dir, "missing.py")
	clean := writeFile(t, dir, "clean.py", []byte(dirtyDAG))
	opts := allRulesOptions()
	opts.MaxFileSize = int64(len(dirtyDAG)) - 1 // big.py and clean.py are the same size
	results := lint.Files([]string{big, bin, missing}, opts)
	results = append(results, lint.File(clean, allRulesOptions()))
	_, errs := lint.Findings(results, opts.Rules)
	want := map[string]bool{big: true, bin: true, missing: false}
	if len(errs) != len(want) {
		t.Fatalf("file errors %+v, want one each for %v", errs, want)
	}
	for _, e := range errs {
		notice, ok := want[e.Path]
		if !ok {
			t.Errorf("unexpected file error for %s: %s", e.Path, e.Message)
			continue
		}
		if e.Notice != notice {
			t.Errorf("%s: notice %v, want %v (%s)", e.Path, e.Notice, notice, e.Message)
		}
	}
}

func TestIsNotice(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("skipped: %w (1 bytes)", lint.ErrTooLarge), true},
		{fmt.Errorf("skipped: %w", lint.ErrBinary), true},
		{lint.ErrBinary, true},
		{fmt.Errorf("cannot read: %w", fs.ErrNotExist), false},
		{errors.New("skipped: file too large"), false}, // the words alone do not make a notice
		{nil, false},
	}
	for _, tt := range tests {
		if got := lint.IsNotice(tt.err); got != tt.want {
			t.Errorf("IsNotice(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/walk"
)

// fixFlags are the flags of `daglint check` that apply fixes.
type fixFlags struct {
	fix         bool
	diff        bool
	unsafeFixes bool
	// roots maps each linted path to the folder --fix may write in (see
	// walk.File.Root).
	roots map[string]string
}

func (f *fixFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.fix, "fix", false, "apply safe fixes in place, then report what remains")
	fs.BoolVar(&f.diff, "diff", false, "print the changes --fix would make as unified diffs and write nothing (exit 1 when there is something to fix)")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, also apply fixes labelled unsafe")
}

// fixing reports whether fixes are to be computed.
func (f *fixFlags) fixing() bool { return f.fix || f.diff }

// fixSummary counts what fixing did (or, with --diff, would do).
type fixSummary struct {
	findings  int // findings fixed
	files     int // files changed
	unwritten int // files whose fixes could not be written (exit 2)
}

// applyFixes fixes the files of results. With --fix it writes each changed
// file and replaces its result by a lint of the new text; with --diff it
// prints the diffs to stdout and leaves files and results alone. A file
// with a syntax error is never fixed. Problems with one file are reported
// on stderr and leave that file as it was.
func applyFixes(flags *fixFlags, results []lint.Result, optsFor func(i int) *lint.Options, stdout, stderr io.Writer) fixSummary {
	var sum fixSummary
	fopts := fix.Options{Unsafe: flags.unsafeFixes}
	for i, res := range results {
		if res.Err != nil || !res.Parsed || res.Lines == nil || !fix.Fixable(res.Diagnostics, fopts) {
			continue
		}
		before := res.Lines.Source()
		opts := *optsFor(i)
		out, err := fix.Iterate(before, lint.FixLinter(res.Path, opts), fopts)
		if err != nil {
			// A later version's error may quote the file: it holds no
			// secret the first version's redactor does not know (a fix
			// that would print one is dropped).
			fmt.Fprintf(stderr, "daglint: %s: not fixed: %s\n", res.Path, res.Redactor.Redact(err.Error()))
			continue
		}
		if !out.Changed(before) {
			continue
		}
		if flags.diff {
			// The diff is display: it shows the file's secrets redacted,
			// while --fix writes the real bytes.
			fmt.Fprint(stdout, res.Redactor.Redact(fix.UnifiedDiff(res.Path, before, out.Source)))
		} else {
			if err := writeFileAtomic(res.Path, flags.roots[res.Path], out.Source); err != nil {
				fmt.Fprintf(stderr, "daglint: %s: not fixed: %v\n", res.Path, err)
				sum.unwritten++
				continue
			}
			results[i] = lint.Source(res.Path, out.Source, opts)
		}
		sum.findings += out.Fixed
		sum.files++
	}
	return sum
}

// fixedMessage is the --fix summary line.
func (s fixSummary) fixedMessage(verb string) string {
	return fmt.Sprintf("%s %d %s in %d %s.", verb, s.findings, plural(s.findings, "finding"), s.files, plural(s.files, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// errOutsideRoot refuses a write through a symbolic link that leads out of
// the folder being linted.
var errOutsideRoot = errors.New("it is a symbolic link to a file outside the folder being linted, and daglint never writes there")

// writeFileAtomic replaces path's content with data through a temporary file
// in the same folder and a rename, keeping the file's permissions (0644 for
// a new file). A symbolic link is followed (its target is replaced, the link
// stays) only when the target lies inside root, the real path of the folder
// being linted ("" for no check).
func writeFileAtomic(path, root string, data []byte) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("cannot resolve the path: %w", err)
	}
	// Resolved from the root of the file system, as the walk resolved root:
	// a working directory reached through a link compares equal.
	target, err := filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		target, err = abs, nil
	}
	if err != nil {
		return fmt.Errorf("cannot resolve the path: %w", walk.Cause(err))
	}
	if root != "" && !walk.Within(root, target) {
		return errOutsideRoot
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
	}
	// Errors name the file being fixed, never the temporary file's random
	// name: the user cannot act on it, and it makes output differ per run.
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".daglint-*")
	if err != nil {
		return fmt.Errorf("cannot create a temporary file next to it: %w", walk.Cause(err))
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write the new content: %w", walk.Cause(err))
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("cannot keep the file's mode: %w", walk.Cause(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write the new content: %w", walk.Cause(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the new content: %w", walk.Cause(err))
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		done = true
		return fmt.Errorf("cannot replace the file: %w", walk.Cause(err))
	}
	done = true
	return nil
}

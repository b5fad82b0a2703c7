// Package fix applies suggested fixes to source files: it chooses which fixes
// of a file's diagnostics to apply, applies their edits, and re-lints the
// result until nothing more can be fixed, as ruff's --fix does.
package fix

import (
	"bytes"
	"errors"
	"fmt"
	"sort"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/daglint/daglint/internal/analysis"
)

// MaxIterations bounds how many times Iterate re-lints and fixes one file.
const MaxIterations = 10

// ErrOverlap is wrapped by Apply when two edits overlap.
var ErrOverlap = errors.New("overlapping edits")

// Apply returns src with edits applied. Edits may come in any order; they
// must lie within src and must not overlap (two insertions at the same
// offset overlap too, since their order would be ambiguous). src is not
// modified.
func Apply(src []byte, edits []analysis.TextEdit) ([]byte, error) {
	sorted := append([]analysis.TextEdit(nil), edits...)
	sortEdits(sorted)
	size := len(src)
	for i, e := range sorted {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d, %d) is outside the file (%d bytes)", e.Start, e.End, len(src))
		}
		if i > 0 && overlap(sorted[i-1], e) {
			p := sorted[i-1]
			return nil, fmt.Errorf("edits [%d, %d) and [%d, %d): %w", p.Start, p.End, e.Start, e.End, ErrOverlap)
		}
		size += len(e.NewText) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range sorted {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	out = append(out, src[last:]...)
	return out, nil
}

// sortEdits orders edits by start, insertions before replacements that
// start at the same offset.
func sortEdits(edits []analysis.TextEdit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
}

// overlap reports whether two edits touch the same bytes. Adjacent edits do
// not overlap; two insertions at one offset do.
func overlap(a, b analysis.TextEdit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	return a.Start < b.End && b.Start < a.End
}

// Options chooses which fixes apply.
type Options struct {
	// Unsafe also applies fixes labelled unsafe. Display-only fixes never apply.
	Unsafe bool
}

// allowed reports whether a fix of this applicability may be applied.
func (o Options) allowed(a analysis.Applicability) bool {
	return a == analysis.Safe || (a == analysis.Unsafe && o.Unsafe)
}

// Fixable reports whether any diagnostic carries a fix opts allows.
func Fixable(diags []analysis.Diagnostic, opts Options) bool {
	for _, d := range diags {
		for _, f := range d.Fixes {
			if opts.allowed(f.Applicability) && len(f.Edits) > 0 {
				return true
			}
		}
	}
	return false
}

// Select picks the edits to apply for one file's diagnostics, in the order
// given: for each diagnostic, its first fix that opts allows, unless one of
// that fix's edits overlaps an edit already chosen (or another edit of the
// same fix), in which case the diagnostic is left for the next round. It
// returns the chosen edits and how many diagnostics they fix.
func Select(diags []analysis.Diagnostic, opts Options) ([]analysis.TextEdit, int) {
	var chosen []analysis.TextEdit
	fixed := 0
	for _, d := range diags {
		for _, f := range d.Fixes {
			if !opts.allowed(f.Applicability) || len(f.Edits) == 0 {
				continue
			}
			if conflicts(chosen, f.Edits) {
				break // the next round may fix it once the others are applied
			}
			chosen = append(chosen, f.Edits...)
			fixed++
			break
		}
	}
	sortEdits(chosen)
	return chosen, fixed
}

// conflicts reports whether any edit of add overlaps an edit of have or
// another edit of add.
func conflicts(have, add []analysis.TextEdit) bool {
	for i, a := range add {
		for _, h := range have {
			if overlap(a, h) {
				return true
			}
		}
		for _, b := range add[:i] {
			if overlap(a, b) {
				return true
			}
		}
	}
	return false
}

// Linter lints one version of a file and returns its diagnostics, sorted by
// offset, and whether the file has a syntax error (whether or not a rule
// reports it): edits computed on a tree the parser had to recover are not
// trusted, so such a file is never fixed.
type Linter func(src []byte) (diags []analysis.Diagnostic, syntaxError bool, err error)

// Result is the outcome of fixing one file.
type Result struct {
	// Source is the fixed text (the input when nothing applied).
	Source []byte
	// Fixed counts the diagnostics whose fixes were applied.
	Fixed int
	// Diagnostics are the findings of the last lint: those of Source.
	Diagnostics []analysis.Diagnostic
	// Iterations counts the rounds that applied at least one fix.
	Iterations int
}

// Changed reports whether fixing changed the source.
func (r *Result) Changed(before []byte) bool { return !bytes.Equal(before, r.Source) }

// Iterate fixes src: it lints, applies the selected fixes, and repeats on the
// new text until no allowed fix is left, a fix makes no change, or
// MaxIterations rounds have run. A source with a syntax error is never
// fixed: its Result carries the findings and the unchanged source.
func Iterate(src []byte, lint Linter, opts Options) (Result, error) {
	res := Result{Source: src}
	diags, broken, err := lint(src)
	if err != nil {
		return res, fmt.Errorf("linting before fixing: %w", err)
	}
	res.Diagnostics = diags
	for res.Iterations < MaxIterations {
		if broken {
			return res, nil
		}
		edits, n := Select(diags, opts)
		if n == 0 {
			return res, nil
		}
		next, err := Apply(res.Source, edits)
		if err != nil {
			return res, fmt.Errorf("applying fixes: %w", err)
		}
		if bytes.Equal(next, res.Source) {
			return res, nil // the fixes change nothing: stop rather than loop
		}
		diags, broken, err = lint(next)
		if err != nil {
			return res, fmt.Errorf("linting after fixing: %w", err)
		}
		if broken {
			// A fix broke the file: keep the last good text rather than
			// write invalid Python.
			return res, fmt.Errorf("fixes would introduce a syntax error; nothing applied in round %d", res.Iterations+1)
		}
		res.Source, res.Diagnostics = next, diags
		res.Fixed += n
		res.Iterations++
	}
	return res, nil
}

// UnifiedDiff returns a unified diff (three lines of context) turning before
// into after, with "a/" and "b/" headers naming path; "" when they are equal.
func UnifiedDiff(path string, before, after []byte) string {
	if bytes.Equal(before, after) {
		return ""
	}
	ud := difflib.UnifiedDiff{
		A:        splitLines(before),
		B:        splitLines(after),
		FromFile: "a/" + path,
		ToFile:   "b/" + path,
		Context:  3,
	}
	s, err := difflib.GetUnifiedDiffString(ud)
	if err != nil {
		// Writing to a strings.Builder cannot fail; keep a visible marker
		// rather than a silent empty diff.
		return fmt.Sprintf("--- a/%s\n+++ b/%s\n(diff unavailable: %v)\n", path, path, err)
	}
	return s
}

// noNewline marks a last line without a line break, as diff(1) does.
const noNewline = "\n\\ No newline at end of file\n"

// splitLines splits src after each "\n"; a last line without one carries
// the "No newline at end of file" marker, so the diff shows the difference.
func splitLines(src []byte) []string {
	var lines []string
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			lines = append(lines, string(src)+noNewline)
			break
		}
		lines = append(lines, string(src[:i+1]))
		src = src[i+1:]
	}
	return lines
}

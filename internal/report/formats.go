package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/daglint/daglint/internal/analysis"
)

// Formats lists the names accepted by Get, in the order help text shows them.
var Formats = []string{"text", "json", "sarif", "gitlab", "github"}

// Get returns the writer of the named format; ok is false for an unknown name.
func Get(format string) (w Writer, ok bool) {
	switch format {
	case "text":
		return WriteText, true
	case "json":
		return WriteJSON, true
	case "sarif":
		return WriteSARIF, true
	case "gitlab":
		return WriteGitLab, true
	case "github":
		return WriteGitHub, true
	}
	return nil, false
}

// sortedErrors returns the run's file errors ordered by path and message.
func sortedErrors(run *Run) []FileError {
	es := slices.Clone(run.Errors)
	slices.SortStableFunc(es, func(a, b FileError) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Message, b.Message))
	})
	return es
}

// counts is the number of findings at each level.
type counts struct {
	errors, warnings, notes int
}

func countLevels(fs []Finding) counts {
	var c counts
	for _, f := range fs {
		switch level(f.Severity) {
		case analysis.Error:
			c.errors++
		case analysis.Warning:
			c.warnings++
		default:
			c.notes++
		}
	}
	return c
}

// level maps a finding's severity to one of the three levels. The driver
// resolves SeverityDefault before a finding reaches a writer; should one slip
// through, it is shown as a warning rather than dropped or guessed higher.
func level(s analysis.Severity) analysis.Severity {
	switch s {
	case analysis.Error, analysis.Warning, analysis.Note:
		return s
	}
	return analysis.Warning
}

// hasSafeFix reports whether a finding carries a fix that --fix applies.
// hasUnsafeFixOnly reports whether f's fixes are all unsafe ones that
// --unsafe-fixes would apply (no safe fix exists).
func hasUnsafeFixOnly(f Finding) bool {
	if hasSafeFix(f) {
		return false
	}
	for _, fx := range f.Fixes {
		if fx.Applicability == analysis.Unsafe && len(fx.Edits) > 0 {
			return true
		}
	}
	return false
}

func hasSafeFix(f Finding) bool {
	for _, fx := range f.Fixes {
		if fx.Applicability == analysis.Safe && len(fx.Edits) > 0 {
			return true
		}
	}
	return false
}

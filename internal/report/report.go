// Package report writes lint results in daglint's output formats: text, json,
// sarif, gitlab and github. Each writer takes an io.Writer and a *Run, and
// encodes its own wire structs (never internal types as they are).
package report

import (
	"io"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

// Run is everything one `daglint check` produced, ready to be written.
// Findings are sorted by path, offset and rule ID.
type Run struct {
	ToolName    string // "daglint"
	ToolVersion string // semantic version, "0.1.0"
	InfoURI     string // project home page
	// DocsURI is the base URL of the rule pages: DocsURI + "DAG101.md".
	DocsURI string
	// Rules lists every rule of the registry, in ID order (SARIF descriptors).
	Rules []*analysis.Rule
	// Findings are in report order, which writers keep: by path, then
	// offset, rule ID, end offset and message. lint.Findings returns them
	// so (the driver sorts each file's findings once, Findings orders the
	// files by path), and dropping some (a baseline) keeps the order.
	Findings []Finding
	// Errors lists files that could not be read or linted, and files skipped
	// with a notice; their absence from Findings does not mean they are clean.
	Errors []FileError
	// Category is SARIF's automationDetails.id (--category); empty for none.
	Category string
	// SrcRoot is the absolute file URI of the directory relative paths start
	// from, ending in "/" (see DirURI); SARIF's %SRCROOT%. Empty leaves the
	// base unresolved in the log.
	SrcRoot string
	// Color enables ANSI colour in the text format.
	Color bool
	// Quiet leaves the summary lines out of the text format: findings and
	// file errors only (-q).
	Quiet bool
}

// Finding is one diagnostic with positions computed from the file's line table.
type Finding struct {
	Path     string // slash-separated, relative to the working directory when under it
	RuleID   string
	RuleName string
	Severity analysis.Severity
	Message  string
	Start    source.Position
	End      source.Position
	Related  []Related
	Fixes    []Fix
	// Fingerprint is stable under edits elsewhere in the file: a hex hash of the
	// rule ID, path, normalised source text of the primary location and its
	// occurrence index. It never contains source text.
	Fingerprint string
}

// Related is a secondary location of a finding.
type Related struct {
	Path    string
	Start   source.Position
	End     source.Position
	Message string
}

// Fix is a suggested fix with positions.
type Fix struct {
	Message       string
	Applicability analysis.Applicability
	Edits         []Edit
}

// Edit replaces the text between Start and End with NewText.
type Edit struct {
	Start   source.Position
	End     source.Position
	NewText string
}

// FileError is a file that could not be read or linted, or that was
// skipped on purpose.
type FileError struct {
	Path    string
	Message string
	// Notice marks a file skipped on purpose (too large, binary): it is
	// reported, but it is not a failure to check it.
	Notice bool
}

// Writer writes a run in one format.
type Writer func(w io.Writer, run *Run) error

package report

import (
	"fmt"
	"io"

	"github.com/daglint/daglint/internal/source"
)

// JSONSchemaVersion is the version of the json format's schema. It changes
// only when a field is removed, renamed or changes meaning; adding a field
// keeps it. docs/output-formats.md describes every field.
const JSONSchemaVersion = 1

// The json format's wire structs. Field order is key order in the output.
type (
	jsonReport struct {
		SchemaVersion int      `json:"schema_version"`
		Tool          jsonTool `json:"tool"`
		// Findings holds []jsonFinding; WriteJSON streams them in.
		Findings any         `json:"findings"`
		Errors   []jsonError `json:"errors"`
		Summary  jsonSummary `json:"summary"`
	}
	jsonTool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	jsonFinding struct {
		RuleID      string        `json:"rule_id"`
		RuleName    string        `json:"rule_name"`
		Severity    string        `json:"severity"`
		Message     string        `json:"message"`
		Path        string        `json:"path"`
		Start       jsonPosition  `json:"start"`
		End         jsonPosition  `json:"end"`
		Related     []jsonRelated `json:"related"`
		Fixes       []jsonFix     `json:"fixes"`
		Fingerprint string        `json:"fingerprint"`
	}
	jsonPosition struct {
		Line   int `json:"line"`
		Column int `json:"column"` // 1-based, in code points
		Offset int `json:"offset"` // 0-based, in bytes
	}
	jsonRelated struct {
		Path    string       `json:"path"`
		Start   jsonPosition `json:"start"`
		End     jsonPosition `json:"end"`
		Message string       `json:"message"`
	}
	jsonFix struct {
		Message       string     `json:"message"`
		Applicability string     `json:"applicability"`
		Edits         []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Start   jsonPosition `json:"start"`
		End     jsonPosition `json:"end"`
		NewText string       `json:"new_text"`
	}
	jsonError struct {
		Path    string `json:"path"`
		Message string `json:"message"`
		// Notice is true for a file skipped on purpose (too large, binary).
		Notice bool `json:"notice"`
	}
	jsonSummary struct {
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Notes    int `json:"notes"`
	}
)

// WriteJSON writes the run as one JSON document (schema JSONSchemaVersion),
// indented by two spaces and ending in a newline. Lists are [] when empty,
// never null.
func WriteJSON(w io.Writer, run *Run) error {
	fs := run.Findings
	c := countLevels(fs)
	doc := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          jsonTool{Name: run.ToolName, Version: run.ToolVersion},
		Findings:      streamPlaceholder,
		Errors:        []jsonError{},
		Summary:       jsonSummary{Errors: c.errors, Warnings: c.warnings, Notes: c.notes},
	}
	for _, e := range sortedErrors(run) {
		doc.Errors = append(doc.Errors, jsonError{Path: e.Path, Message: e.Message, Notice: e.Notice})
	}
	err := writeStreamed(w, doc, len(fs), func(i int) (any, error) { return jsonFindingOf(fs[i]), nil })
	if err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// jsonFindingOf is the wire form of one finding.
func jsonFindingOf(f Finding) jsonFinding {
	jf := jsonFinding{
		RuleID:      f.RuleID,
		RuleName:    f.RuleName,
		Severity:    level(f.Severity).String(),
		Message:     f.Message,
		Path:        f.Path,
		Start:       jsonPos(f.Start),
		End:         jsonPos(f.End),
		Related:     make([]jsonRelated, 0, len(f.Related)),
		Fixes:       make([]jsonFix, 0, len(f.Fixes)),
		Fingerprint: f.Fingerprint,
	}
	for _, r := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{Path: r.Path, Start: jsonPos(r.Start), End: jsonPos(r.End), Message: r.Message})
	}
	for _, fx := range f.Fixes {
		jx := jsonFix{Message: fx.Message, Applicability: fx.Applicability.String(), Edits: make([]jsonEdit, 0, len(fx.Edits))}
		for _, e := range fx.Edits {
			jx.Edits = append(jx.Edits, jsonEdit{Start: jsonPos(e.Start), End: jsonPos(e.End), NewText: e.NewText})
		}
		jf.Fixes = append(jf.Fixes, jx)
	}
	return jf
}

func jsonPos(p source.Position) jsonPosition {
	return jsonPosition{Line: p.Line, Column: p.RuneColumn, Offset: p.Offset}
}

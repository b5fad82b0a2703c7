package report

import (
	"fmt"
	"io"
)

// JSONSchemaVersion is the version of the json format's schema. It changes
// only when a field is removed, renamed or changes meaning; adding a field
// keeps it. docs/output-formats.md describes every field.
const JSONSchemaVersion = 1

// The json format's document skeleton. Field order is key order in the
// output. The findings are appended by hand (jsonappend.go lists their
// keys); json_oracle_test.go keeps their encoding/json form.
type (
	jsonReport struct {
		SchemaVersion int      `json:"schema_version"`
		Tool          jsonTool `json:"tool"`
		// Findings holds streamPlaceholder; WriteJSON streams the
		// findings in.
		Findings any         `json:"findings"`
		Errors   []jsonError `json:"errors"`
		Summary  jsonSummary `json:"summary"`
	}
	jsonTool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
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
	if err := writeJSONFindings(w, jsonSkeleton(run), run.Findings); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// jsonSkeleton is the run's document with streamPlaceholder where the
// findings go.
func jsonSkeleton(run *Run) jsonReport {
	c := countLevels(run.Findings)
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
	return doc
}

// writeJSONFindings writes doc with the findings array in the place of
// streamPlaceholder, appending each finding by hand to a buffer written
// out whenever it holds streamBuffer bytes: the bytes are encoding/json's
// for the whole document, the memory held does not grow with the findings.
func writeJSONFindings(w io.Writer, doc jsonReport, fs []Finding) error {
	head, tail, indent, err := splitSkeleton(doc)
	if err != nil {
		return err
	}
	depth := len(indent)/len(jsonIndent) + 1   // of each finding's brace
	buf := make([]byte, 0, streamBuffer+4<<10) // a finding rarely passes 4 kB
	buf = append(buf, head...)
	if len(fs) == 0 {
		buf = append(buf, "[]"...)
	} else {
		buf = append(buf, '[')
		for i := range fs {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONNewline(buf, depth)
			buf = appendJSONFinding(buf, &fs[i], depth)
			if len(buf) >= streamBuffer {
				if _, err := w.Write(buf); err != nil {
					return err
				}
				buf = buf[:0]
			}
		}
		buf = append(buf, '\n')
		buf = append(buf, indent...)
		buf = append(buf, ']')
	}
	buf = append(buf, tail...)
	_, err = w.Write(buf)
	return err
}

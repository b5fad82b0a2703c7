package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONSchema(t *testing.T) {
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Tool          struct{ Name, Version string }
		Findings      []struct {
			RuleID   string `json:"rule_id"`
			Severity string
			Path     string
			Start    struct{ Line, Column, Offset int }
			Related  []json.RawMessage
			Fixes    []struct {
				Applicability string
				Edits         []struct {
					NewText *string `json:"new_text"`
				}
			}
			Fingerprint string
		}
		Errors []struct {
			Path, Message string
			Notice        *bool
		}
		Summary struct{ Errors, Warnings, Notes int }
	}
	out := write(t, "json", testRun(t))
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if doc.SchemaVersion != JSONSchemaVersion || doc.Tool.Name != "daglint" || doc.Tool.Version != "0.1.0" {
		t.Errorf("header = %d %q %q", doc.SchemaVersion, doc.Tool.Name, doc.Tool.Version)
	}
	if len(doc.Findings) != 4 || len(doc.Errors) != 2 {
		t.Fatalf("got %d findings and %d errors, want 4 and 2", len(doc.Findings), len(doc.Errors))
	}
	// Both kinds carry "notice"; only the skipped file has it true.
	for _, e := range doc.Errors {
		if want := e.Path == "dags/huge.py"; e.Notice == nil || *e.Notice != want {
			t.Errorf("error %s: notice %v, want %v", e.Path, e.Notice, want)
		}
	}
	if s := doc.Summary; s.Errors != 1 || s.Warnings != 2 || s.Notes != 1 {
		t.Errorf("summary = %+v, want 1 error, 2 warnings, 1 note", s)
	}
	byID := map[string]int{}
	for i, f := range doc.Findings {
		byID[f.RuleID] = i
	}
	img := doc.Findings[byID["DAG102"]]
	// Column counts code points, offset bytes: é is 2 bytes and 🚀 4.
	if img.Start.Line != 4 || img.Start.Column != 40 || img.Start.Offset-strings.Index(etlSrc, "t = Docker") != 43 {
		t.Errorf("DAG102 start = %+v", img.Start)
	}
	if len(img.Related) != 1 || len(img.Fixes) != 1 || img.Fixes[0].Applicability != "unsafe" {
		t.Errorf("DAG102 related/fixes = %d/%+v", len(img.Related), img.Fixes)
	}
	if sev := doc.Findings[byID["DAG002"]].Severity; sev != "note" {
		t.Errorf("DAG002 severity = %q, want note", sev)
	}
	del := doc.Findings[byID["DAG002"]].Fixes[0].Edits[0]
	if del.NewText == nil || *del.NewText != "" {
		t.Errorf("a deletion's new_text must be present and empty, got %v", del.NewText)
	}
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	for name, run := range map[string]*Run{"empty": emptyRun(), "nil lists": {}, "full": testRun(t)} {
		out := write(t, "json", run)
		if bytes.Contains(out, []byte("null")) {
			t.Errorf("%s: output contains null:\n%s", name, out)
		}
	}
	out := string(write(t, "json", emptyRun()))
	for _, want := range []string{`"findings": []`, `"errors": []`} {
		if !strings.Contains(out, want) {
			t.Errorf("empty run lacks %s:\n%s", want, out)
		}
	}
	full := string(write(t, "json", testRun(t)))
	if !strings.Contains(full, `"related": []`) || !strings.Contains(full, `"edits": []`) {
		t.Errorf("findings without related locations or edits must show []:\n%s", full)
	}
}

func TestJSONKeyOrder(t *testing.T) {
	out := string(write(t, "json", testRun(t)))
	keys := []string{`"schema_version"`, `"tool"`, `"findings"`, `"rule_id"`, `"rule_name"`, `"severity"`,
		`"message"`, `"path"`, `"start"`, `"end"`, `"related"`, `"fixes"`, `"fingerprint"`, `"errors"`, `"summary"`}
	last := -1
	for _, k := range keys {
		i := strings.Index(out[last+1:], k)
		if i < 0 {
			t.Fatalf("key %s missing or out of order", k)
		}
		last += 1 + i
	}
	if strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
		t.Errorf("HTML escaping should be off")
	}
}

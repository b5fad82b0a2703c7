package report

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

type gitlabDoc []struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
			End   int `json:"end"`
		} `json:"lines"`
	} `json:"location"`
}

func decodeGitLab(t *testing.T, run *Run) gitlabDoc {
	t.Helper()
	var doc gitlabDoc
	if err := json.Unmarshal(write(t, "gitlab", run), &doc); err != nil {
		t.Fatalf("gitlab output is not JSON: %v", err)
	}
	return doc
}

func TestGitLabSeverity(t *testing.T) {
	for _, tt := range []struct {
		sev  analysis.Severity
		want string
	}{{analysis.Note, "info"}, {analysis.Warning, "minor"}, {analysis.Error, "major"}} {
		if got := gitlabSeverity(tt.sev); got != tt.want {
			t.Errorf("gitlabSeverity(%v) = %q, want %q", tt.sev, got, tt.want)
		}
	}
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestGitLabIssues(t *testing.T) {
	doc := decodeGitLab(t, testRun(t))
	if len(doc) != 4 {
		t.Fatalf("got %d issues, want 4 (file errors are not issues)", len(doc))
	}
	seen := map[string]bool{}
	for _, is := range doc {
		if !hex64.MatchString(is.Fingerprint) || seen[is.Fingerprint] {
			t.Errorf("fingerprint %q not a unique SHA-256 hex digest", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if is.Description[:len(is.CheckName)+2] != is.CheckName+": " {
			t.Errorf("description %q does not start with %q", is.Description, is.CheckName+": ")
		}
		if is.Location.Lines.Begin < 1 || is.Location.Lines.End < is.Location.Lines.Begin {
			t.Errorf("%s lines = %+v", is.CheckName, is.Location.Lines)
		}
	}
	if doc[0].Location.Path != etlPath || doc[0].CheckName != "DAG102" || doc[0].Severity != "minor" {
		t.Errorf("first issue = %+v", doc[0])
	}
}

func TestGitLabFingerprintUnique(t *testing.T) {
	at := source.Position{Line: 2, Column: 1, UTF16Column: 1, RuneColumn: 1}
	same := Finding{Path: "a.py", RuleID: "DAG101", Severity: analysis.Warning, Message: "m", Start: at, End: at, Fingerprint: "abc"}
	other := same
	other.Fingerprint = "abd"
	noFP := same
	noFP.Fingerprint = ""
	doc := decodeGitLab(t, &Run{Findings: []Finding{same, same, other, noFP}})
	seen := map[string]bool{}
	for _, is := range doc {
		if seen[is.Fingerprint] {
			t.Errorf("duplicate fingerprint %s", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	// Stable: the same finding hashes the same in another report.
	again := decodeGitLab(t, &Run{Findings: []Finding{other}})
	if !seen[again[0].Fingerprint] {
		t.Errorf("fingerprint of the same finding changed between reports")
	}
}

func TestGitLabEmpty(t *testing.T) {
	if got := string(write(t, "gitlab", emptyRun())); got != "[]\n" {
		t.Errorf("empty report = %q, want []", got)
	}
}

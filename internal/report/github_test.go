package report

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"%0A literal", "%250A literal", "%250A literal"},
		{"a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"},
		{"key: value, more", "key: value, more", "key%3A value%2C more"},
		{"dags/team a/é🚀.py", "dags/team a/é🚀.py", "dags/team a/é🚀.py"},
		{"::error::", "::error::", "%3A%3Aerror%3A%3A"},
		// Raw control characters from a file name never reach the log's terminal.
		{"a\x1b]0;pwned\x07b.py", "a%1B]0;pwned%07b.py", "a%1B]0;pwned%07b.py"},
		{"tab\tdel\x7fcsi\u009b", "tab%09del%7Fcsi%9B", "tab%09del%7Fcsi%9B"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestGitHubCommands(t *testing.T) {
	l := source.NewLines([]byte("ab\ncd\nef\n"))
	f := func(sev analysis.Severity, start, end int) Finding {
		return Finding{Path: "d/a,b.py", RuleID: "DAG203", RuleName: "missing-docker-conn-id", Severity: sev,
			Message: "no conn: add one", Start: l.Position(start), End: l.Position(end)}
	}
	tests := []struct {
		name    string
		finding Finding
		want    string
	}{
		{"error on one line", f(analysis.Error, 3, 5),
			"::error file=d/a%2Cb.py,line=2,col=1,endLine=2,endColumn=3,title=DAG203 missing-docker-conn-id::no conn: add one\n"},
		{"warning across lines drops columns", f(analysis.Warning, 4, 7),
			"::warning file=d/a%2Cb.py,line=2,endLine=3,title=DAG203 missing-docker-conn-id::no conn: add one\n"},
		{"note is a notice", f(analysis.Note, 0, 1),
			"::notice file=d/a%2Cb.py,line=1,col=1,endLine=1,endColumn=2,title=DAG203 missing-docker-conn-id::no conn: add one\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(write(t, "github", &Run{Findings: []Finding{tt.finding}})); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGitHubRun(t *testing.T) {
	got := string(write(t, "github", testRun(t)))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d commands, want 4 findings and 2 file errors:\n%s", len(lines), got)
	}
	for _, want := range []string{
		// Related location on its own (escaped) line; UTF-16 is not used: code points.
		"::warning file=dags/etl.py,line=4,col=40,endLine=4,endColumn=45,title=DAG102 image-mutable-tag::image \"registry.gitlab.com/acme/etl\" has no tag: workers keep the copy they cached first%0Adags/etl.py:3:9: note: IMAGE is defined here",
		"::error file=dags/broken.py,title=daglint could not check this file::read dags/broken.py: permission denied",
	} {
		if !containsLine(lines, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "100%25 of the time") {
		t.Errorf("%% in a message not escaped:\n%s", got)
	}
	if got := string(write(t, "github", emptyRun())); got != "" {
		t.Errorf("empty run wrote %q", got)
	}
}

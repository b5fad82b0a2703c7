package report

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/source"
)

func TestTextSummary(t *testing.T) {
	at := source.Position{Line: 1, Column: 1, UTF16Column: 1, RuneColumn: 1}
	f := func(s analysis.Severity) Finding {
		return Finding{Path: "a.py", RuleID: "DAG101", Severity: s, Message: "m", Start: at, End: at}
	}
	tests := []struct {
		name     string
		findings []Finding
		errors   []FileError
		want     []string // lines that must appear
		wantNot  []string // text that must not appear
	}{
		{"clean", nil, nil, []string{"All checks passed."}, []string{"Found", "could not"}},
		{"one of each", []Finding{f(analysis.Error), f(analysis.Warning), f(analysis.Note)}, nil,
			[]string{"Found 3 findings (1 error, 1 warning, 1 note)."}, []string{"All checks passed", "fixable"}},
		{"plurals", []Finding{f(analysis.Error), f(analysis.Error), f(analysis.Note)}, nil,
			[]string{"Found 3 findings (2 errors, 0 warnings, 1 note)."}, nil},
		{"single", []Finding{f(analysis.Warning)}, nil,
			[]string{"Found 1 finding (0 errors, 1 warning, 0 notes)."}, nil},
		{"file error only", nil, []FileError{{Path: "b.py", Message: "read b.py: denied"}},
			[]string{"b.py: error: read b.py: denied", "1 file could not be checked."}, []string{"All checks passed", "Found"}},
		{"two file errors", []Finding{f(analysis.Note)}, []FileError{{Path: "b.py", Message: "x"}, {Path: "c.py", Message: "y"}},
			[]string{"Found 1 finding (0 errors, 0 warnings, 1 note).", "2 files could not be checked."}, []string{"All checks passed"}},
		{"skipped file only", nil, []FileError{{Path: "big.py", Message: "skipped: file too large", Notice: true}},
			[]string{"big.py: skipped: file too large", "All checks passed.", "1 file skipped."}, []string{"error", "could not", "Found"}},
		{"error and skipped files", []Finding{f(analysis.Warning)}, []FileError{
			{Path: "b.py", Message: "x"},
			{Path: "big.py", Message: "skipped: file too large", Notice: true},
			{Path: "bin.py", Message: "skipped: binary file", Notice: true},
		},
			[]string{"b.py: error: x", "big.py: skipped: file too large", "bin.py: skipped: binary file",
				"1 file could not be checked.", "2 files skipped."}, []string{"All checks passed", "big.py: error", "bin.py: error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(write(t, "text", &Run{Findings: tt.findings, Errors: tt.errors}))
			lines := strings.Split(got, "\n")
			for _, w := range tt.want {
				if !containsLine(lines, w) {
					t.Errorf("missing line %q in:\n%s", w, got)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("unexpected %q in:\n%s", w, got)
				}
			}
		})
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

func TestTextFindingLine(t *testing.T) {
	run := testRun(t)
	got := string(write(t, "text", run))
	for _, want := range []string{
		// é and 🚀 count one column each: code points, not bytes or UTF-16 units.
		`dags/etl.py:4:40: DAG102 image "registry.gitlab.com/acme/etl" has no tag: workers keep the copy they cached first`,
		`  dags/etl.py:3:9: note: IMAGE is defined here`,
		`dags/etl.py:4:69: DAG002 [*] unused suppression "DAG999"`,
		`[*] 1 fixable with --fix (1 more with --unsafe-fixes).`,
	} {
		if !containsLine(strings.Split(got, "\n"), want) {
			t.Errorf("missing line %q in:\n%s", want, got)
		}
	}
	// Unsafe and display-only fixes get no marker.
	for _, id := range []string{"DAG102", "DAG201"} {
		if strings.Contains(got, id+" [*]") {
			t.Errorf("%s has no safe fix but is marked [*]", id)
		}
	}
	if strings.Contains(got, "\x1b[") {
		t.Errorf("colour codes without run.Color:\n%q", got)
	}
}

func TestTextColor(t *testing.T) {
	run := testRun(t)
	run.Color = true
	got := string(write(t, "text", run))
	for _, want := range []string{
		ansiRed + "DAG201" + ansiReset,
		ansiYellow + "DAG102" + ansiReset,
		ansiCyan + "DAG002" + ansiReset,
		ansiBold + "dags/etl.py:4:40:" + ansiReset,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	if strings.Contains(got, ansiRed+"DAG102") {
		t.Errorf("warning DAG102 coloured as an error")
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain é🚀 text", "plain é🚀 text"},
		{"tab\tkept", "tab\tkept"},
		{"esc\x1b[31mred", `esc\x1b[31mred`},
		{"two\nlines\r", `two\x0alines\x0d`},
		{"del\x7f c1\u0085", `del\x7f c1\x85`},
	}
	for _, tt := range tests {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	run := &Run{Findings: []Finding{{Path: "a\x1b.py", RuleID: "DAG101", Message: "bad\nline"}}}
	if got := string(write(t, "text", run)); strings.Contains(got, "\x1b") || strings.Contains(got, "bad\n") {
		t.Errorf("control characters reached the terminal: %q", got)
	}
}

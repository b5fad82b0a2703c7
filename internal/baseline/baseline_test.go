package baseline

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/report"
	"github.com/daglint/daglint/internal/rules"
)

func finding(rule, path, fp string) report.Finding {
	return report.Finding{RuleID: rule, Path: path, Fingerprint: fp, Message: "secret glpat-abcdefghijklmnopqrst"}
}

func TestNewMarshalParse(t *testing.T) {
	fs := []report.Finding{
		finding("DAG301", "dags/b.py", "bbbbbbbbbbbbbbbb"),
		finding("DAG101", "dags/b.py", "aaaaaaaaaaaaaaaa"),
		finding("DAG101", "dags/a.py", "cccccccccccccccc"),
		finding("DAG101", "dags/a.py", "cccccccccccccccc"),
	}
	b := New(fs)
	data, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "findings": [
    {
      "rule": "DAG101",
      "path": "dags/a.py",
      "fingerprint": "cccccccccccccccc",
      "count": 2
    },
    {
      "rule": "DAG101",
      "path": "dags/b.py",
      "fingerprint": "aaaaaaaaaaaaaaaa"
    },
    {
      "rule": "DAG301",
      "path": "dags/b.py",
      "fingerprint": "bbbbbbbbbbbbbbbb"
    }
  ]
}
`
	if string(data) != want {
		t.Fatalf("Marshal =\n%s\nwant\n%s", data, want)
	}
	if bytes.Contains(data, []byte("glpat")) || bytes.Contains(data, []byte("secret")) {
		t.Fatalf("baseline carries message text:\n%s", data)
	}
	// Same findings in another order: same bytes.
	again, _ := New([]report.Finding{fs[3], fs[1], fs[0], fs[2]}).Marshal()
	if !bytes.Equal(again, data) {
		t.Fatalf("Marshal depends on finding order:\n%s", again)
	}
	parsed, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse of Marshal output: %v", err)
	}
	if len(parsed.Findings) != 3 || parsed.Findings[0].count() != 2 || parsed.Findings[1].count() != 1 {
		t.Fatalf("Parse round trip = %+v", parsed.Findings)
	}
	empty, _ := New(nil).Marshal()
	if !strings.Contains(string(empty), `"findings": []`) {
		t.Fatalf("empty baseline = %s; want an empty list, not null", empty)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		ok         bool
	}{
		{name: "valid", data: `{"version":1,"findings":[{"rule":"DAG101","path":"a.py","fingerprint":"0123456789abcdef"}]}`, ok: true},
		{name: "valid empty", data: `{"version":1,"findings":[]}`, ok: true},
		{name: "empty file", data: ``},
		{name: "not json", data: `rule,path`},
		{name: "truncated", data: `{"version":1,"findings":[`},
		{name: "trailing data", data: `{"version":1,"findings":[]} {}`},
		{name: "wrong version", data: `{"version":2,"findings":[]}`},
		{name: "no version", data: `{"findings":[]}`},
		{name: "bad rule", data: `{"version":1,"findings":[{"rule":"E501","path":"a.py","fingerprint":"0123456789abcdef"}]}`},
		{name: "no path", data: `{"version":1,"findings":[{"rule":"DAG101","fingerprint":"0123456789abcdef"}]}`},
		{name: "bad fingerprint", data: `{"version":1,"findings":[{"rule":"DAG101","path":"a.py","fingerprint":"zz"}]}`},
		{name: "negative count", data: `{"version":1,"findings":[{"rule":"DAG101","path":"a.py","fingerprint":"0123456789abcdef","count":-1}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data))
			if (err == nil) != tt.ok {
				t.Fatalf("Parse error = %v; want ok %v", err, tt.ok)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	b := &File{Version: 1, Findings: []Entry{
		{Rule: "DAG101", Path: "a.py", Fingerprint: "f1"},
		{Rule: "DAG102", Path: "a.py", Fingerprint: "f2", Count: 2},
	}}
	tests := []struct {
		name       string
		in         []report.Finding
		wantKept   []string // fingerprints, in order
		wantHidden int
	}{
		{name: "exact match hidden", in: []report.Finding{finding("DAG101", "a.py", "f1")}, wantHidden: 1},
		{name: "other rule same fingerprint kept", in: []report.Finding{finding("DAG103", "a.py", "f1")}, wantKept: []string{"f1"}},
		{name: "other path kept", in: []report.Finding{finding("DAG101", "b.py", "f1")}, wantKept: []string{"f1"}},
		{name: "new fingerprint kept", in: []report.Finding{finding("DAG101", "a.py", "f9")}, wantKept: []string{"f9"}},
		{name: "entry hides once", in: []report.Finding{finding("DAG101", "a.py", "f1"), finding("DAG101", "a.py", "f1")}, wantKept: []string{"f1"}, wantHidden: 1},
		{name: "count hides that many", in: []report.Finding{finding("DAG102", "a.py", "f2"), finding("DAG102", "a.py", "f2"), finding("DAG102", "a.py", "f2")}, wantKept: []string{"f2"}, wantHidden: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, hidden := b.Filter(tt.in)
			var got []string
			for _, f := range kept {
				got = append(got, f.Fingerprint)
			}
			if hidden != tt.wantHidden || strings.Join(got, ",") != strings.Join(tt.wantKept, ",") {
				t.Fatalf("Filter = %v, hidden %d; want %v, hidden %d", got, hidden, tt.wantKept, tt.wantHidden)
			}
		})
	}
}

// lintFindings lints src as path with the real rules and returns its findings.
func lintFindings(t *testing.T, path, src string) []report.Finding {
	t.Helper()
	res := lint.Source(path, []byte(src), lint.Options{
		Rules:    rules.All,
		Settings: &analysis.Settings{AirflowVersion: "2", Options: map[string]any{rules.PublicRegistries.Name: []string{"docker.io"}}},
	})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	fs, _ := lint.Findings([]lint.Result{res}, rules.All)
	return fs
}

const header = `from airflow.providers.docker.operators.docker import DockerOperator
`

const call = `DockerOperator(task_id="a", image="team/etl:1.0", docker_conn_id="gitlab")
`

const otherCall = `DockerOperator(task_id="b", image="team/other:2.0", docker_conn_id="gitlab")
`

func countRule(fs []report.Finding, id string) int {
	n := 0
	for _, f := range fs {
		if f.RuleID == id {
			n++
		}
	}
	return n
}

// TestBaselineAgainstLint checks matching through real fingerprints: a line
// shift keeps a finding hidden; a new finding, or a second copy of an
// accepted one, is reported.
func TestBaselineAgainstLint(t *testing.T) {
	base := lintFindings(t, "dags/x.py", header+call)
	if countRule(base, "DAG101") != 1 {
		t.Fatalf("setup: want one DAG101 finding, got %+v", base)
	}
	data, err := New(base).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		path, src  string
		wantDAG101 int // DAG101 findings left after filtering
	}{
		{name: "unchanged", path: "dags/x.py", src: header + call, wantDAG101: 0},
		{name: "lines added above", path: "dags/x.py", src: header + "\n\nimport os\n# comment\n" + call, wantDAG101: 0},
		{name: "re-indented call", path: "dags/x.py", src: header + "if True:\n    " + call, wantDAG101: 0},
		{name: "new finding", path: "dags/x.py", src: header + call + otherCall, wantDAG101: 1},
		{name: "duplicate of the accepted finding", path: "dags/x.py", src: header + call + call, wantDAG101: 1},
		{name: "same file under another path", path: "dags/y.py", src: header + call, wantDAG101: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := lintFindings(t, tt.path, tt.src)
			kept, hidden := b.Filter(now)
			if got := countRule(kept, "DAG101"); got != tt.wantDAG101 {
				t.Fatalf("DAG101 findings after baseline = %d; want %d (kept %+v)", got, tt.wantDAG101, kept)
			}
			if hidden+len(kept) != len(now) {
				t.Fatalf("hidden %d + kept %d != %d findings", hidden, len(kept), len(now))
			}
		})
	}
}

// TestParseErrorsAreCapped: a baseline with 300,000 bad entries gets a
// short error that describes the first few and counts the rest.
func TestParseErrorsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"version": 1, "findings": [`)
	const n = 300000
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"rule": "DAG101", "path": "a.py", "fingerprint": "not-hex"}`)
	}
	b.WriteString("]}")
	_, err := Parse([]byte(b.String()))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if got := strings.Count(msg, "fingerprint is not a hex hash"); got != maxErrors {
		t.Errorf("%d entries described, want %d", got, maxErrors)
	}
	if want := fmt.Sprintf("and %d more invalid entries", n-maxErrors); !strings.Contains(msg, want) {
		t.Errorf("error does not say %q:\n%.500s", want, msg)
	}
	if len(msg) > 4000 {
		t.Errorf("error is %d bytes long", len(msg))
	}
}

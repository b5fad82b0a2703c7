package lint_test

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/lint"
)

const suppressHeader = "from airflow.providers.docker.operators.docker import DockerOperator\n\n"

// firstDAG102 lints src and returns its first DAG102 finding.
func firstDAG102(t *testing.T, src string) analysis.Diagnostic {
	t.Helper()
	for _, d := range lint.Source("s.py", []byte(src), allRulesOptions()).Diagnostics {
		if d.RuleID == "DAG102" {
			return d
		}
	}
	t.Fatalf("no DAG102 in\n%s", src)
	return analysis.Diagnostic{}
}

func TestSuppressEdit(t *testing.T) {
	tests := []struct {
		name string
		form lint.SuppressionForm
		line string // the finding's line (after the header)
		want string // the text after the edit, "" when no edit is offered
	}{
		{"new noqa", lint.Noqa,
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)` + "\n",
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # noqa: DAG102` + "\n"},
		{"noqa merges into the list", lint.Noqa,
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # noqa: E501,W291 because` + "\n",
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # noqa: E501,W291, DAG102 because` + "\n"},
		{"noqa after another comment", lint.Noqa,
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # type: ignore` + "\n",
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # type: ignore  # noqa: DAG102` + "\n"},
		{"a noqa without codes is left to its owners", lint.Noqa,
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # noqa: see below` + "\n", ""},
		{"noqa not after a line continuation", lint.Noqa,
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True) + \` + "\n    0\n", ""},
		{"noqa never inside a string", lint.Noqa,
			"t = DockerOperator(image=\"python:latest\", force_pull=True, doc_md=\"\"\"starts here\nends here\"\"\")\n", ""},
		{"new ignore above, indented", lint.Ignore,
			"if True:\n    t = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\n",
			"if True:\n    # daglint: ignore[DAG102]\n    t = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\n"},
		{"new ignore above ends like its line (CRLF)", lint.Ignore,
			"t = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\r\nu = 1\r\n",
			"# daglint: ignore[DAG102]\r\nt = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\r\nu = 1\r\n"},
		{"new ignore above ends like its line (lone CR)", lint.Ignore,
			"t = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\ru = 1\r",
			"# daglint: ignore[DAG102]\rt = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\ru = 1\r"},
		{"ignore merges into the comment above", lint.Ignore,
			"# daglint: ignore[DAG101] migrating\nt = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\n",
			"# daglint: ignore[DAG101, DAG102] migrating\nt = DockerOperator(task_id=\"t\", image=\"python:latest\", force_pull=True)\n"},
		{"ignore merges into an empty list", lint.Ignore,
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # daglint: ignore[]` + "\n",
			`t = DockerOperator(task_id="t", image="python:latest", force_pull=True)  # daglint: ignore[DAG102]` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := suppressHeader + tt.line
			d := firstDAG102(t, src)
			e, ok := lint.SuppressEdit("s.py", []byte(src), d, tt.form, allRulesOptions())
			if tt.want == "" {
				if ok {
					t.Errorf("edit %+v offered, want none", e)
				}
				return
			}
			if !ok {
				t.Fatalf("no edit offered")
			}
			out, err := fix.Apply([]byte(src), []analysis.TextEdit{e})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimPrefix(string(out), suppressHeader); got != tt.want {
				t.Errorf("after the edit:\n%s\nwant:\n%s", got, tt.want)
			}
			// The comment really suppresses, and is not itself unused.
			for _, nd := range lint.Source("s.py", out, allRulesOptions()).Diagnostics {
				if nd.RuleID == "DAG102" || nd.RuleID == "DAG002" && !strings.Contains(nd.Message, "DAG101") {
					t.Errorf("after the edit: %s %s", nd.RuleID, nd.Message)
				}
			}
		})
	}
}

func TestSuppressionCodeAt(t *testing.T) {
	src := "x = 1  # noqa: E501, DAG101 text DAG999\ny = 'DAG102'  # daglint: ignore[DAG204]\n"
	at := func(s string, delta int) int { return strings.Index(src, s) + delta }
	for _, tt := range []struct {
		offset int
		want   string
	}{
		{at("DAG101", 0), "DAG101"},
		{at("DAG101", 3), "DAG101"},
		{at("E501", 1), ""},
		{at("DAG999", 2), ""}, // after the list's end: not a code of the comment
		{at("DAG102", 2), ""}, // in a string
		{at("DAG204", 5), "DAG204"},
		{0, ""},
	} {
		if got := lint.SuppressionCodeAt("s.py", []byte(src), tt.offset); got != tt.want {
			t.Errorf("offset %d (%q): %q, want %q", tt.offset, src[tt.offset:min(tt.offset+8, len(src))], got, tt.want)
		}
	}
}

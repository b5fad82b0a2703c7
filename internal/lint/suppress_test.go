package lint

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/pyparse"
)

// everyCall reports each Docker call's image value as DAG900.
var everyCall = &analysis.Rule{
	ID: "DAG900", Name: "every-call", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) error {
		for _, op := range p.Model.Calls {
			if a := op.Arg("image"); a != nil {
				p.Reportf(a.Loc(), "image")
			}
		}
		return nil
	},
}

var unused = &analysis.Rule{ID: "DAG002", Name: "unused-suppression", Severity: analysis.Note, Driver: true}

func lintIDs(t *testing.T, src string, opts Options) []string {
	t.Helper()
	opts.Rules = []*analysis.Rule{everyCall, unused}
	opts.KnownRules = map[string]bool{"DAG900": true, "DAG002": true}
	res := Source("s.py", []byte(src), opts)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	f := pyparse.Parse("s.py", []byte(src))
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.RuleID+"@"+itoa(f.Lines.Line(d.Start)))
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestSuppressionForms(t *testing.T) {
	const imp = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	tests := []struct {
		name string
		src  string
		opts Options
		want []string
	}{
		{"no suppression", imp + "DockerOperator(image='a')\n", Options{}, []string{"DAG900@2"}},
		{"noqa", imp + "DockerOperator(image='a')  # noqa: DAG900\n", Options{}, nil},
		{"noqa list", imp + "DockerOperator(image='a')  # noqa: E501,DAG900\n", Options{}, nil},
		{"ignore same line", imp + "DockerOperator(image='a')  # daglint: ignore[DAG900] reviewed\n", Options{}, nil},
		{"ignore line above", imp + "# daglint: ignore[DAG900] reviewed\nDockerOperator(image='a')\n", Options{}, nil},
		{"ignore two lines above does nothing", imp + "# daglint: ignore[DAG900]\n\nDockerOperator(image='a')\n", Options{}, []string{"DAG002@2", "DAG900@4"}},
		{"ignore-file", "# daglint: ignore-file[DAG900]\n" + imp + "DockerOperator(image='a')\nDockerOperator(image='b')\n", Options{}, nil},
		{"ignore-file after the first statement is not honoured", imp + "# daglint: ignore-file[DAG900]\nDockerOperator(image='a')\n", Options{}, []string{"DAG002@2", "DAG900@3"}},
		{"unused noqa", imp + "x = 1  # noqa: DAG900\n", Options{}, []string{"DAG002@2"}},
		{"no-inline-ignores", imp + "DockerOperator(image='a')  # noqa: DAG900\n", Options{NoInlineIgnores: true}, []string{"DAG900@2"}},
		{"per-file ignore silences the rule and its suppressions", imp + "DockerOperator(image='a')  # noqa: DAG900\n",
			Options{Ignored: func(path, id string) bool { return id == "DAG900" }}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lintIDs(t, tt.src, tt.opts)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestUnusedSuppressionFixRemovesComment(t *testing.T) {
	const src = "from airflow.providers.docker.operators.docker import DockerOperator\nx = 1  # noqa: DAG900\n# daglint: ignore[DAG900]\ny = 2\n"
	const want = "from airflow.providers.docker.operators.docker import DockerOperator\nx = 1\ny = 2\n"
	// The fix keeps the file's line endings: a comment never takes the
	// "\r" of "\r\n", and lone "\r" ends lines as in Python.
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		t.Run(strings.NewReplacer("\r", "CR", "\n", "LF").Replace(eol), func(t *testing.T) {
			in := strings.ReplaceAll(src, "\n", eol)
			res := Source("s.py", []byte(in), Options{Rules: []*analysis.Rule{everyCall, unused}, KnownRules: map[string]bool{"DAG900": true}})
			if len(res.Diagnostics) != 2 {
				t.Fatalf("got %d diagnostics, want 2", len(res.Diagnostics))
			}
			out := []byte(in)
			// Apply the edits back to front.
			var edits []analysis.TextEdit
			for i, d := range res.Diagnostics {
				if len(d.Fixes) != 1 || d.Fixes[0].Applicability != analysis.Safe {
					t.Fatalf("diagnostic %d has fixes %+v", i, d.Fixes)
				}
				edits = append(edits, d.Fixes[0].Edits...)
			}
			out, err := fix.Apply(out, edits)
			if err != nil {
				t.Fatal(err)
			}
			if w := strings.ReplaceAll(want, "\n", eol); string(out) != w {
				t.Errorf("fixed source:\n%q\nwant\n%q", out, w)
			}
		})
	}
}

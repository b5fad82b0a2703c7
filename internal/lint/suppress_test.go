package lint

import (
	"slices"
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

var unused = &analysis.Rule{ID: "DAG002", Name: "unused-suppression", Severity: analysis.Note, UnusedSuppressions: true}

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

func TestBareNoqaSuppressesEveryFindingOnItsLine(t *testing.T) {
	const imp = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"bare noqa", imp + "DockerOperator(image='a')  # noqa\n", nil},
		{"bare noqa, no space", imp + "DockerOperator(image='a')  #noqa\n", nil},
		{"bare noqa on the call's first line", imp + "DockerOperator(  # NOQA\n    image='a',\n)\n", nil},
		{"bare noqa on the line above does nothing", imp + "# noqa\nDockerOperator(image='a')\n", []string{"DAG900@3"}},
		{"bare noqa that suppresses nothing is not DAG002", imp + "x = 1  # noqa\n", nil},
		{"a word starting with noqa is no noqa", imp + "DockerOperator(image='a')  # noqanything\n", []string{"DAG900@2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lintIDs(t, tt.src, Options{}); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestUnusedSuppressionFixKeepsWhatTheUserWrote applies DAG002's fix: only
// the unused daglint codes go; other tools' codes, used codes and trailing
// text stay.
func TestUnusedSuppressionFixKeepsWhatTheUserWrote(t *testing.T) {
	const imp = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	const used = "DockerOperator(image='a')"
	tests := []struct{ name, line, want string }{
		{"other tool's code stays", "x = 1  # noqa: E501, DAG900", "x = 1  # noqa: E501"},
		{"other tool's code after ours", "x = 1  # noqa: DAG900,E501", "x = 1  # noqa: E501"},
		{"trailing text stays", "x = 1  # noqa: DAG900 keep this for reviewers", "x = 1  # keep this for reviewers"},
		{"partly unused list", used + "  # noqa: DAG900, DAG404", used + "  # noqa: DAG900"},
		{"partly unused ignore", used + "  # daglint: ignore[DAG404, DAG900] reviewed", used + "  # daglint: ignore[DAG900] reviewed"},
		{"unused ignore with a reason", "x = 1  # daglint: ignore[DAG900] reviewed", "x = 1  # reviewed"},
		{"comment after another tool's", "x = 1  # type: ignore # noqa: DAG900", "x = 1  # type: ignore"},
		{"next comment stays", "x = 1  # noqa: DAG900  # pylint: disable=foo", "x = 1  # pylint: disable=foo"},
		{"whole comment goes", "x = 1  # noqa: DAG900", "x = 1"},
		{"both directives go", "x = 1  # noqa: DAG900 # daglint: ignore[DAG404]", "x = 1"},
	}
	opts := Options{Rules: []*analysis.Rule{everyCall, unused}, KnownRules: map[string]bool{"DAG900": true, "DAG002": true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := imp + tt.line + "\n"
			res := Source("s.py", []byte(src), opts)
			var edits []analysis.TextEdit
			for _, d := range res.Diagnostics {
				if d.RuleID != "DAG002" {
					t.Fatalf("unexpected %s %q", d.RuleID, d.Message)
				}
				if len(d.Fixes) != 1 || d.Fixes[0].Applicability != analysis.Safe {
					t.Fatalf("DAG002 %q has fixes %+v, want one safe fix", d.Message, d.Fixes)
				}
				edits = append(edits, d.Fixes[0].Edits...)
			}
			if len(edits) == 0 {
				t.Fatal("no DAG002 fix")
			}
			out, err := fix.Apply([]byte(src), edits)
			if err != nil {
				t.Fatal(err)
			}
			if want := imp + tt.want + "\n"; string(out) != want {
				t.Errorf("fixed line %q, want %q", strings.TrimPrefix(string(out), imp), tt.want+"\n")
			}
			if again := Source("s.py", out, opts); len(again.Diagnostics) != 0 {
				t.Errorf("after the fix: %+v", again.Diagnostics)
			}
		})
	}
}

// TestSuppressionMatchingIsLinear puts a finding and a noqa comment on each
// of N lines: the directives examined grow with N, not N squared.
func TestSuppressionMatchingIsLinear(t *testing.T) {
	examined := func(n int) int {
		var b strings.Builder
		b.WriteString("from airflow.providers.docker.operators.docker import DockerOperator\n")
		for i := 0; i < n; i++ {
			b.WriteString("DockerOperator(image='a')  # noqa: DAG900\n")
		}
		f := pyparse.Parse("s.py", []byte(b.String()))
		ix := newSuppressionIndex(parseDirectives(f))
		for line := 2; line <= n+1; line++ {
			if !ix.suppress("DAG900", line, 0) {
				t.Fatalf("line %d not suppressed", line)
			}
		}
		return ix.examined
	}
	n1, n2 := examined(2000), examined(4000)
	if r := float64(n2) / float64(n1); r > 2.5 {
		t.Errorf("directives examined: %d for 2,000 lines, %d for 4,000 (ratio %.2f, want about 2)", n1, n2, r)
	}
}

// TestCallFirstLinesNested checks the sweep against nested multi-line calls.
func TestCallFirstLinesNested(t *testing.T) {
	src := "f(\n  g(\n    1,\n  ),\n  2,\n)\nh(3)\n"
	f := pyparse.Parse("s.py", []byte(src))
	at := func(s string) analysis.Diagnostic {
		i := strings.Index(src, s)
		return analysis.Diagnostic{Start: i, End: i + len(s)}
	}
	diags := []analysis.Diagnostic{at("2"), at("1"), at("3"), at("g(\n    1,\n  )")}
	got := callFirstLines(f, diags)
	if want := []int{1, 2, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("callFirstLines = %v, want %v", got, want)
	}
}

// TestRuleEnabledBySettings checks Rule.Enabled: a rule the settings turn
// off neither runs nor has its suppressions judged, and the same rule runs
// once the settings turn it on. The unused-suppression finding takes its ID
// and level from the rule marked UnusedSuppressions.
func TestRuleEnabledBySettings(t *testing.T) {
	gated := *everyCall
	gated.Enabled = func(s *analysis.Settings) bool { _, ok := s.Options["gate"]; return ok }
	unusedW := *unused
	unusedW.ID, unusedW.Severity = "DAG009", analysis.Warning
	const src = "from airflow.providers.docker.operators.docker import DockerOperator\n" +
		"DockerOperator(image='a')\n" +
		"x = 1  # noqa: DAG900\n"
	lintWith := func(s *analysis.Settings) []analysis.Diagnostic {
		res := Source("s.py", []byte(src), Options{
			Rules: []*analysis.Rule{&gated, &unusedW}, Settings: s,
			KnownRules: map[string]bool{"DAG900": true, "DAG009": true},
		})
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		return res.Diagnostics
	}
	if got := lintWith(&analysis.Settings{}); len(got) != 0 {
		t.Errorf("rule off: got %+v, want nothing (no finding, its noqa not judged)", got)
	}
	got := lintWith(&analysis.Settings{Options: map[string]any{"gate": []string{}}})
	if len(got) != 2 || got[0].RuleID != "DAG900" || got[1].RuleID != "DAG009" || got[1].Severity != analysis.Warning {
		t.Errorf("rule on: got %+v, want DAG900 and an unused suppression DAG009 at warning", got)
	}
}

// TestFixLinterSyntaxError checks that FixLinter tells fix.Iterate of a
// syntax error although no enabled rule reports one.
func TestFixLinterSyntaxError(t *testing.T) {
	lint := FixLinter("s.py", Options{Rules: []*analysis.Rule{everyCall}})
	for src, want := range map[string]bool{
		"import docker\nx = (\n": true,
		"import docker\nx = 1\n": false,
	} {
		diags, broken, err := lint([]byte(src))
		if err != nil || broken != want || len(diags) != 0 {
			t.Errorf("%q: diags %v, syntax error %v, err %v; want syntax error %v", src, diags, broken, err, want)
		}
	}
}

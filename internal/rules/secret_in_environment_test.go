package rules_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/fix"
	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/pyparse"
	"github.com/daglint/daglint/internal/rules"
)

const fixHeader = `import os
from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.decorators import task
`

// lintOne runs one rule on src and returns its diagnostics.
func lintOne(t *testing.T, rule *analysis.Rule, version, src string) []analysis.Diagnostic {
	t.Helper()
	res := lint.Source("fix.py", []byte(src), lint.Options{
		Rules:    []*analysis.Rule{rule},
		Settings: &analysis.Settings{AirflowVersion: version},
	})
	if res.Err != nil {
		t.Fatalf("lint: %v", res.Err)
	}
	return res.Diagnostics
}

// applyEdits applies a fix's edits with the same code --fix uses.
func applyEdits(t *testing.T, src string, edits []analysis.TextEdit) string {
	t.Helper()
	out, err := fix.Apply([]byte(src), edits)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return string(out)
}

func TestSecretInEnvironmentFix(t *testing.T) {
	tests := []struct {
		name   string
		call   string
		want   string // "" means no fix is offered
		unsafe bool
	}{
		{
			name: "one line, new keyword",
			call: `DockerOperator(task_id="a", image="x:1", environment={"DB_HOST": "db", "DB_PASSWORD": os.environ["DB_PASSWORD"]})
`,
			want: `DockerOperator(task_id="a", image="x:1", environment={"DB_HOST": "db"}, private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})
`,
		},
		{
			name: "one line, first item moved, trailing comma",
			call: `DockerOperator(task_id="a", image="x:1", environment={"API_TOKEN": os.environ["API_TOKEN"], "DB_HOST": "db",})
`,
			want: `DockerOperator(task_id="a", image="x:1", environment={"DB_HOST": "db"}, private_environment={"API_TOKEN": os.environ["API_TOKEN"]})
`,
		},
		{
			name: "multi-line, two entries, new keyword line",
			call: `DockerOperator(
    task_id="a",
    image="x:1",
    environment={
        "DB_PASSWORD": os.environ["DB_PASSWORD"],  # the warehouse
        # connection settings
        "DB_HOST": "db",
        "API_TOKEN": os.environ["API_TOKEN"]
    },
    retries=2,
)
`,
			want: `DockerOperator(
    task_id="a",
    image="x:1",
    environment={
        # connection settings
        "DB_HOST": "db",
    },
    private_environment={
        "DB_PASSWORD": os.environ["DB_PASSWORD"],  # the warehouse
        "API_TOKEN": os.environ["API_TOKEN"],
    },
    retries=2,
)
`,
		},
		{
			name: "multi-line, last keyword without comma, all entries moved",
			call: `DockerOperator(
    task_id="a",
    image="x:1",
    environment={
        "DB_PASSWORD": os.environ["DB_PASSWORD"],
    }
)
`,
			want: `DockerOperator(
    task_id="a",
    image="x:1",
    environment={},
    private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]},
)
`,
		},
		{
			name: "existing multi-line private_environment",
			call: `DockerOperator(
    task_id="a",
    image="x:1",
    private_environment={
        "A_PASSWORD": os.environ["A_PASSWORD"]  # first
    },
    environment={"DB_HOST": "db", "B_TOKEN": os.environ["B_TOKEN"]},
)
`,
			want: `DockerOperator(
    task_id="a",
    image="x:1",
    private_environment={
        "A_PASSWORD": os.environ["A_PASSWORD"],  # first
        "B_TOKEN": os.environ["B_TOKEN"],
    },
    environment={"DB_HOST": "db"},
)
`,
		},
		{
			name: "existing one-line and empty private_environment",
			call: `DockerOperator(task_id="a", image="x:1", environment={"B_TOKEN": os.environ["B_TOKEN"]}, private_environment={"X": "1"})
DockerOperator(task_id="b", image="x:1", environment={"C_TOKEN": os.environ["C_TOKEN"]}, private_environment={})
`,
			want: `DockerOperator(task_id="a", image="x:1", environment={}, private_environment={"X": "1", "B_TOKEN": os.environ["B_TOKEN"]})
DockerOperator(task_id="b", image="x:1", environment={}, private_environment={"C_TOKEN": os.environ["C_TOKEN"]})
`,
		},
		{
			// private_environment renders nothing: the move would make it DAG206.
			name: "jinja value gets no fix",
			call: `DockerOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": "{{ var.value.db_password }}"})
`,
		},
		{
			name: "unresolved value is unsafe",
			call: `DockerOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": get_password()})
`,
			want: `DockerOperator(task_id="a", image="x:1", environment={}, private_environment={"DB_PASSWORD": get_password()})
`,
			unsafe: true,
		},
		{
			name: "comment moves into an existing multi-line private_environment",
			call: `DockerOperator(
    task_id="a",
    private_environment={
        "X": "1",
    },
    environment={
        "DB_HOST": "db",
        "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
    },
)
`,
			want: `DockerOperator(
    task_id="a",
    private_environment={
        "X": "1",
        "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
    },
    environment={
        "DB_HOST": "db",
    },
)
`,
		},
		{
			name: "comment moves with the keyword on a shared line",
			call: `DockerOperator(task_id="a", environment={
    "DB_HOST": "db",
    "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
})
`,
			want: `DockerOperator(task_id="a", environment={
    "DB_HOST": "db",
}, private_environment={
    "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
})
`,
		},
		{name: "a comment cannot go into a one-line private_environment", call: `DockerOperator(
    task_id="a",
    private_environment={"X": "1"},
    environment={
        "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
    },
)
`},
		{
			name: "decorator",
			call: `with DAG("d"):
    @task.docker(image="x:1", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})
    def f():
        pass
`,
			want: `with DAG("d"):
    @task.docker(image="x:1", environment={}, private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})
    def f():
        pass
`,
		},
		{
			name: "partial",
			call: `DockerOperator.partial(task_id="a", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]}).expand(image=["x:1"])
`,
			want: `DockerOperator.partial(task_id="a", environment={}, private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]}).expand(image=["x:1"])
`,
		},
		{name: "through a name", call: `ENV = {"DB_PASSWORD": os.environ["DB_PASSWORD"]}
DockerOperator(task_id="a", image="x:1", environment=ENV)
`},
		{name: "through a mapping", call: `DockerOperator(task_id="a", image="x:1", **{"environment": {"DB_PASSWORD": os.environ["DB_PASSWORD"]}})
`},
		{name: "spread in the dict", call: `DockerOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"], **{"X": "1"}})
`},
		{name: "swarm", call: `DockerSwarmOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})
`},
		{name: "key already private", call: `DockerOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": "a-real-one"}, private_environment={"DB_PASSWORD": os.environ["P"]})
`},
		{name: "private through a name", call: `PRIV = {"X": "1"}
DockerOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]}, private_environment=PRIV)
`},
		{name: "unknown kwargs", call: `DockerOperator(task_id="a", image="x:1", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]}, **kwargs)
`},
		{name: "item shares its line", call: `DockerOperator(
    task_id="a",
    image="x:1",
    environment={"DB_HOST": "db",
                 "DB_PASSWORD": os.environ["DB_PASSWORD"]},
)
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixHeader + tt.call
			diags := lintOne(t, rules.SecretInEnvironment, "2", src)
			if len(diags) == 0 {
				t.Fatal("no DAG204 finding")
			}
			// Findings of one call share one fix; fixes of different calls
			// are applied together.
			var fixes []analysis.SuggestedFix
			seen := map[string]bool{}
			for _, d := range diags {
				for _, fx := range d.Fixes {
					key := fmt.Sprint(fx.Edits)
					if !seen[key] {
						seen[key] = true
						fixes = append(fixes, fx)
					}
				}
			}
			if tt.want == "" {
				if len(fixes) > 0 {
					t.Fatalf("unexpected fix %q: %+v", fixes[0].Message, fixes[0].Edits)
				}
				return
			}
			if len(fixes) == 0 {
				t.Fatal("no fix offered")
			}
			var edits []analysis.TextEdit
			for _, fx := range fixes {
				if got := fx.Applicability == analysis.Unsafe; got != tt.unsafe {
					t.Errorf("applicability %v, want unsafe=%v", fx.Applicability, tt.unsafe)
				}
				if !strings.HasPrefix(fx.Message, "move \"") || !strings.HasSuffix(fx.Message, " to private_environment") {
					t.Errorf("fix message %q", fx.Message)
				}
				edits = append(edits, fx.Edits...)
			}
			got := applyEdits(t, src, edits)
			if want := fixHeader + tt.want; got != want {
				t.Errorf("fixed source:\n%s\nwant:\n%s", got, want)
			}
			if f := pyparse.Parse("fixed.py", []byte(got)); len(f.Errors) > 0 {
				t.Errorf("fixed source does not parse: %v", f.Errors[0].Msg)
			}
		})
	}
}

func TestSecretInEnvironmentFixResolves(t *testing.T) {
	src := fixHeader + `DockerOperator(
    task_id="a",
    image="x:1",
    environment={
        "DB_PASSWORD": os.environ["DB_PASSWORD"],
        "API_TOKEN": os.environ["API_TOKEN"],
    },
)
`
	diags := lintOne(t, rules.SecretInEnvironment, "2", src)
	if len(diags) != 2 || len(diags[0].Fixes) != 1 {
		t.Fatalf("want 2 findings with a fix, got %+v", diags)
	}
	fixed := applyEdits(t, src, diags[0].Fixes[0].Edits)
	if again := lintOne(t, rules.SecretInEnvironment, "2", fixed); len(again) != 0 {
		t.Errorf("findings remain after the fix: %+v\n%s", again, fixed)
	}
}

// TestSecretInEnvironmentFixLineEndings applies the fix in files whose lines
// end in CRLF or a lone CR: new lines end the same way, and no two entries
// end up on one line.
func TestSecretInEnvironmentFixLineEndings(t *testing.T) {
	const call = `DockerOperator(
    task_id="a",
    environment={
        "DB_HOST": "db",
        "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
        "LOG_LEVEL": "info",
    },
)
`
	const want = `DockerOperator(
    task_id="a",
    environment={
        "DB_HOST": "db",
        "LOG_LEVEL": "info",
    },
    private_environment={
        "API_TOKEN": os.environ["API_TOKEN"],  # rotated monthly
    },
)
`
	for _, eol := range []string{"\r\n", "\r"} {
		t.Run(fmt.Sprintf("%q", eol), func(t *testing.T) {
			src := strings.ReplaceAll(fixHeader+call, "\n", eol)
			diags := lintOne(t, rules.SecretInEnvironment, "2", src)
			if len(diags) != 1 || len(diags[0].Fixes) != 1 {
				t.Fatalf("want one finding with a fix, got %+v", diags)
			}
			got := applyEdits(t, src, diags[0].Fixes[0].Edits)
			if w := strings.ReplaceAll(fixHeader+want, "\n", eol); got != w {
				t.Errorf("fixed source:\n%q\nwant:\n%q", got, w)
			}
			if again := lintOne(t, rules.SecretInEnvironment, "2", got); len(again) != 0 {
				t.Errorf("findings remain after the fix: %+v", again)
			}
		})
	}
}

// TestSecretInEnvironmentAdvice checks that each case gets advice that
// works: private_environment for a plain value, not for a Jinja one, and
// Docker secrets for DockerSwarmOperator; and that a name Airflow's secrets
// masker does not recognise is called out.
func TestSecretInEnvironmentAdvice(t *testing.T) {
	tests := []struct {
		name, call string
		want, not  []string
		version    string // airflow-version, "2" when empty
	}{
		{"plain value", `DockerOperator(task_id="a", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})`,
			[]string{"pass it in private_environment instead"}, []string{"masker"}, ""},
		{"jinja value", `DockerOperator(task_id="a", environment={"API_TOKEN": "{{ var.value.api_token }}"})`,
			[]string{"private_environment is not rendered, so the Jinja value cannot move there", "fetch the secret itself"},
			[]string{"pass it in private_environment", "masker"}, ""},
		{"swarm", `DockerSwarmOperator(task_id="a", environment={"SMTP_PASSWORD": os.environ["SMTP_PASSWORD"]})`,
			[]string{"DockerSwarmOperator ignores private_environment", "secrets="}, []string{"pass it in private_environment", "upgrade"}, ""},
		{"swarm without secrets", `DockerSwarmOperator(task_id="a", environment={"SMTP_PASSWORD": os.environ["SMTP_PASSWORD"]})`,
			[]string{"DockerSwarmOperator ignores private_environment", "upgrade the docker provider"}, nil, "1.10"},
		{"name the masker misses", `DockerOperator(task_id="a", environment={"PGPASS_VALUE": os.environ["DB_PASSWORD"]})`,
			[]string{"pass it in private_environment instead", "secrets masker does not recognise the name \"PGPASS_VALUE\""}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			version := "2"
			if tt.version != "" {
				version = tt.version
			}
			diags := lintOne(t, rules.SecretInEnvironment, version, fixHeader+tt.call+"\n")
			if len(diags) != 1 {
				t.Fatalf("want one finding, got %+v", diags)
			}
			msg := diags[0].Message
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(msg, n) {
					t.Errorf("message %q has %q", msg, n)
				}
			}
		})
	}
}

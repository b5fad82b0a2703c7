package rules

import (
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/lint"
)

func TestCorrectedReference(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://registry.gitlab.com/g/app:1.0", "registry.gitlab.com/g/app:1.0", true},
		{"HTTP://localhost:5000/etl", "localhost:5000/etl", true},
		{"https://ghcr.io/acme/etl/", "ghcr.io/acme/etl", true},
		{"Acme/Tool:V2", "acme/tool:V2", true},
		{"ghcr.io/Acme/etl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			"ghcr.io/acme/etl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true},
		{" python:3.12\n", "python:3.12", true},
		// no obvious correction
		{"python: 3.12", "", false},
		{"ghcr.io/acme/etl:-rc1", "", false},
		{"", "", false},
		{"https://", "", false},
		{"ghcr.io/acme/etl@sha256:abc", "", false},
		// already valid: nothing to suggest
		{"python:3.12", "", false},
	}
	for _, tt := range tests {
		got, ok := correctedReference(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("correctedReference(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRegistryAllowed(t *testing.T) {
	allowed := []string{"registry.gitlab.com", "ghcr.io", "registry.internal:5000", "index.docker.io"}
	tests := []struct {
		registry string
		want     bool
	}{
		{"registry.gitlab.com", true},
		{"Registry.GitLab.com", true},
		{"ghcr.io", true},
		{"registry.internal:5000", true},
		{"docker.io", true}, // index.docker.io is Docker Hub
		{"registry.gitlab.com:5050", false},
		{"registry.internal", false},
		{"quay.io", false},
		{"gitlab.com", false},
		{"ghcr.io.evil.example", false},
	}
	for _, tt := range tests {
		if got := registryAllowed(tt.registry, allowed); got != tt.want {
			t.Errorf("registryAllowed(%q) = %v, want %v", tt.registry, got, tt.want)
		}
	}
	if registryAllowed("docker.io", nil) {
		t.Error("an empty list must allow nothing")
	}
}

// lintLines runs one rule on src and returns the level of its finding on
// each 1-based line.
func lintLines(t *testing.T, rule *analysis.Rule, src string, settings *analysis.Settings) map[int]analysis.Severity {
	t.Helper()
	if settings == nil {
		settings = &analysis.Settings{AirflowVersion: "2"}
	}
	res := lint.Source("t.py", []byte(src), lint.Options{Rules: []*analysis.Rule{rule}, Settings: settings})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	got := map[int]analysis.Severity{}
	for _, d := range res.Diagnostics {
		if d.RuleID != rule.ID {
			continue
		}
		got[strings.Count(src[:d.Start], "\n")+1] = d.Severity
	}
	return got
}

func TestImageLocalOnlyLevel(t *testing.T) {
	src := `from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
DockerOperator(task_id="a", image="runner:1")
DockerOperator(task_id="b", image="runner:2", force_pull=True)
DockerOperator(task_id="c", image="runner:3", force_pull=False)
KubernetesPodOperator(task_id="d", name="d", image="runner:4", image_pull_policy="Always")
KubernetesPodOperator(task_id="e", name="e", image="runner:5")
KubernetesPodOperator(task_id="f", name="f", image="runner")
DockerOperator(task_id="g", image="python:3", force_pull=True)
`
	want := map[int]analysis.Severity{
		3: analysis.Note,
		4: analysis.Error,
		5: analysis.Note,
		6: analysis.Error,
		7: analysis.Note,
		8: analysis.Note, // the default policy depends on the provider version
	}
	got := lintLines(t, ImageLocalOnly, src, nil)
	for line, sev := range want {
		if got[line] != sev {
			t.Errorf("line %d: level %v, want %v", line, got[line], sev)
		}
	}
	for line := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected finding", line)
		}
	}
}

func TestImageLocalOnlySharedDefaultKeepsWorstLevel(t *testing.T) {
	// The same default_args entry reaches a task without and a task with
	// force_pull: one finding, at error level, whatever the task order.
	for _, order := range [][2]string{{"", "force_pull=True"}, {"force_pull=True", ""}} {
		src := `from datetime import datetime
from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
with DAG(dag_id="x", start_date=datetime(2024, 1, 1), default_args={"image": "runner:1"}):
    DockerOperator(task_id="a", ` + order[0] + `)
    DockerOperator(task_id="b", ` + order[1] + `)
`
		got := lintLines(t, ImageLocalOnly, src, nil)
		if len(got) != 1 || got[4] != analysis.Error {
			t.Errorf("order %q: got %v, want one error on line 4", order, got)
		}
	}
}

func TestImagePullKPOAirflowVersion(t *testing.T) {
	src := `from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
KubernetesPodOperator(task_id="a", name="a", image="ghcr.io/acme/t:latest")
`
	for _, tt := range []struct {
		version, want string
	}{
		{"2", "default pull policy it is pulled again"},
		{"3", "default pull policy it is pulled again"},
		{"1.10", `"IfNotPresent" (the default) each node keeps`},
	} {
		res := lint.Source("t.py", []byte(src), lint.Options{
			Rules:    []*analysis.Rule{ImageMutableTag},
			Settings: &analysis.Settings{AirflowVersion: tt.version},
		})
		if len(res.Diagnostics) != 1 || !strings.Contains(res.Diagnostics[0].Message, tt.want) {
			t.Errorf("airflow %s: got %+v, want one finding containing %q", tt.version, res.Diagnostics, tt.want)
		}
	}
}

package rules_test

import (
	"testing"

	"github.com/daglint/daglint/internal/analysis"
	"github.com/daglint/daglint/internal/rules"
)

func TestUnknownOperatorArgumentFix(t *testing.T) {
	const header = "from airflow.providers.docker.operators.docker import DockerOperator\n"
	tests := []struct {
		name, version, call, want string // want "" means no fix
	}{
		{"typo", "2",
			`DockerOperator(task_id="a", image="x:1", docker_con_id="c")` + "\n",
			`DockerOperator(task_id="a", image="x:1", docker_conn_id="c")` + "\n"},
		{"case and dashes", "2",
			`DockerOperator(task_id="a", image="x:1", Force_Pull=True)` + "\n",
			`DockerOperator(task_id="a", image="x:1", force_pull=True)` + "\n"},
		{"renamed on Airflow 3", "3",
			`DockerOperator(task_id="a", image="x:1", skip_exit_code=3)` + "\n",
			`DockerOperator(task_id="a", image="x:1", skip_on_exit_code=3)` + "\n"},
		{"auth_config has no rename", "2",
			`DockerOperator(task_id="a", image="x:1", auth_config={})` + "\n", ""},
		{"volumes has no rename", "2",
			`DockerOperator(task_id="a", image="x:1", volumes=[])` + "\n", ""},
		{"target already written", "2",
			`DockerOperator(task_id="a", image="x:1", docker_conn_id="c", docker_con_id="d")` + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := header + tt.call
			diags := lintOne(t, rules.UnknownOperatorArgument, tt.version, src)
			if len(diags) != 1 {
				t.Fatalf("want one finding, got %+v", diags)
			}
			if tt.want == "" {
				if len(diags[0].Fixes) != 0 {
					t.Fatalf("unexpected fix %+v", diags[0].Fixes)
				}
				return
			}
			if len(diags[0].Fixes) != 1 || diags[0].Fixes[0].Applicability != analysis.Safe {
				t.Fatalf("want one safe fix, got %+v", diags[0].Fixes)
			}
			if got := applyEdits(t, src, diags[0].Fixes[0].Edits); got != header+tt.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, header+tt.want)
			}
			if again := lintOne(t, rules.UnknownOperatorArgument, tt.version, applyEdits(t, src, diags[0].Fixes[0].Edits)); len(again) != 0 {
				t.Errorf("findings remain after the fix: %+v", again)
			}
		})
	}
}

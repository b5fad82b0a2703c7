package airflow

import (
	"testing"
)

// TestArgLocated: a value written at the call, in default_args or in a
// **mapping is located where it is written; an expanded list gives each
// element at the element; an expanded value that is no list gives nothing.
func TestArgLocated(t *testing.T) {
	src := `from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
IMAGES = ["a:1", "b:2"]
KW = {"network_mode": "host"}
with DAG("d", default_args={"docker_url": "tcp://x:2375"}):
    DockerOperator.partial(task_id="t", **KW).expand(image=IMAGES, command=get_commands())
    DockerOperator(task_id="u", image="c:3")
`
	m := build(t, src)
	if len(m.Calls) != 2 {
		t.Fatalf("%d calls, want 2", len(m.Calls))
	}
	text := func(l Located) string { return src[l.Loc.Start:l.Loc.End] }
	tests := []struct {
		call int
		arg  string
		want []string
	}{
		{0, "image", []string{`"a:1"`, `"b:2"`}},
		{0, "command", nil},
		{0, "network_mode", []string{`"host"`}},
		{0, "docker_url", []string{`"tcp://x:2375"`}},
		{1, "image", []string{`"c:3"`}},
		{1, "missing", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range m.Calls[tt.call].Arg(tt.arg).Located() {
			got = append(got, text(l))
		}
		if len(got) != len(tt.want) {
			t.Errorf("call %d %s: located at %q, want %q", tt.call, tt.arg, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("call %d %s: located at %q, want %q", tt.call, tt.arg, got, tt.want)
				break
			}
		}
	}
}

package airflow

import (
	"slices"
	"testing"

	"github.com/daglint/daglint/internal/fixtures"
	"github.com/daglint/daglint/internal/pyparse"
)

// TestBuildShortcut checks that skipping the call walk for files that
// import nothing from Airflow changes no model: on every fixture and on
// files that reach Airflow in unusual ways, the model built with the
// shortcut has the same operator calls, with the same arguments, as the one
// built without it; and the files it skips have none.
func TestBuildShortcut(t *testing.T) {
	srcs := map[string]string{
		"module import": "import airflow\nairflow.providers.docker.operators.docker.DockerOperator(task_id='a', image='x')\n",
		"star import":   "from airflow.providers.docker.operators.docker import *\nDockerOperator(task_id='a', image='x')\n",
		"nested import": "def f():\n    from airflow.providers.docker.operators.docker import DockerOperator as D\n    D(task_id='a', image='x')\n",
		"no airflow":    "from docker_helpers import DockerOperator\nDockerOperator(task_id='a', image='x')\nclass K(DockerOperator):\n    pass\nK(image='y')\n",
		"lookalike":     "from airflow_plugins.docker import DockerOperator\nDockerOperator(task_id='a', image='x')\n",
		"plain module":  "import os\n\ndef auth_header(key: str):\n    token = os.environ['API_TOKEN']\n    return {'token': token, 'key': key}\n",
	}
	for _, f := range fixtures.DAGs(t, 20) {
		srcs[f.Name] = string(f.Src)
	}
	calls, skipped := 0, 0
	for name, src := range srcs {
		slow := buildModel(pyparse.Parse(name, []byte(src)), nil, nil, false)
		f := pyparse.Parse(name, []byte(src))
		fast := buildModel(f, nil, nil, true)
		if !fast.imports.fromAirflow() {
			skipped++
			if len(slow.Calls) > 0 {
				t.Errorf("%s: skipped, but has %d operator calls", name, len(slow.Calls))
			}
		}
		if len(fast.Calls) != len(slow.Calls) {
			t.Errorf("%s: %d calls with the shortcut, %d without", name, len(fast.Calls), len(slow.Calls))
			continue
		}
		for i, c := range slow.Calls {
			d := fast.Calls[i]
			if c.Kind != d.Kind || c.Callee != d.Callee || len(c.Args) != len(d.Args) || len(slices.Collect(c.EachKeyword)) != len(slices.Collect(d.EachKeyword)) {
				t.Errorf("%s: call %d differs: %+v / %+v", name, i, c.Callee, d.Callee)
			}
			for k, a := range c.Args {
				if b := d.Args[k]; b == nil || b.Value.Str != a.Value.Str || b.Value.Kind != a.Value.Kind || b.Source != a.Source {
					t.Errorf("%s: call %d argument %s differs", name, i, k)
				}
			}
		}
		calls += len(slow.Calls)
	}
	if calls < 100 || skipped < 2 {
		t.Fatalf("too little compared: %d calls, %d files skipped", calls, skipped)
	}
}

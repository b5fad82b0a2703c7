package airflow

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/daglint/daglint/internal/pyparse"
)

// TestCollectImports checks the qualified names collectImports writes into
// one shared buffer, also when many names make it long.
func TestCollectImports(t *testing.T) {
	type want struct {
		alias    map[string]string
		star     []string
		relative []importRef
	}
	cases := []struct {
		src string
		want
	}{
		{"", want{alias: map[string]string{}}},
		{"import os\nimport a.b.c\nimport x.y as z\n", want{alias: map[string]string{"os": "os", "a": "a", "z": "x.y"}}},
		{"from airflow import DAG\nfrom airflow.providers.docker.operators.docker import DockerOperator as Docker, DockerOperator\n",
			want{alias: map[string]string{
				"DAG":            "airflow.DAG",
				"Docker":         "airflow.providers.docker.operators.docker.DockerOperator",
				"DockerOperator": "airflow.providers.docker.operators.docker.DockerOperator",
			}}},
		{"from . import sib\nfrom ..pkg.mod import Thing\nfrom airflow.operators import *\n",
			want{alias: map[string]string{}, star: []string{"airflow.operators"}, relative: []importRef{{level: 1}, {level: 2, module: "pkg.mod"}}}},
		// The last import of a name wins, also inside a function.
		{"from a import X\ndef f():\n    from b.c import X\n    import d as X\n", want{alias: map[string]string{"X": "d"}}},
		{"try:\n    from airflow.operators.docker_operator import DockerOperator\nexcept ImportError:\n    from airflow.providers.docker.operators.docker import DockerOperator\n",
			want{alias: map[string]string{"DockerOperator": "airflow.providers.docker.operators.docker.DockerOperator"}}},
	}
	var b strings.Builder
	many := want{alias: map[string]string{}}
	for i := range 300 {
		fmt.Fprintf(&b, "from pkg%d.sub import (name%d, other%d as alias%d)\n", i%7, i, i, i)
		many.alias[fmt.Sprintf("name%d", i)] = fmt.Sprintf("pkg%d.sub.name%d", i%7, i)
		many.alias[fmt.Sprintf("alias%d", i)] = fmt.Sprintf("pkg%d.sub.other%d", i%7, i)
	}
	cases = append(cases, struct {
		src string
		want
	}{b.String(), many})
	for _, c := range cases {
		got := collectImports(pyparse.Parse("m.py", []byte(c.src)))
		if !maps.Equal(got.alias, c.alias) {
			t.Errorf("%.80q: alias %v, want %v", c.src, got.alias, c.alias)
		}
		if !slices.Equal(got.star, c.star) || !slices.Equal(got.relative, c.relative) {
			t.Errorf("%.80q: star %v relative %v, want %v %v", c.src, got.star, got.relative, c.star, c.relative)
		}
	}
}

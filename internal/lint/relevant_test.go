package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/daglint/daglint/internal/lint"
	"github.com/daglint/daglint/internal/project"
)

// TestRelevantKPOFamily: a file that names only a member of the
// KubernetesPodOperator family is parsed; a plain module is not.
func TestRelevantKPOFamily(t *testing.T) {
	for _, src := range []string{
		"from ops import EksPodOperator\nEksPodOperator(task_id='a', image='app:latest')\n",
		"from ops import GKEStartJobOperator as J\nJ(task_id='a')\n",
		"@task.kubernetes(image='python:latest')\ndef f():\n    pass\n",
		"from kubernetes.client import models as k8s\n",
	} {
		if !lint.Relevant([]byte(src)) {
			t.Errorf("Relevant(%q) = false, want true", src)
		}
	}
	if src := "import os\nprint(os.getcwd())\n"; lint.Relevant([]byte(src)) {
		t.Errorf("Relevant(%q) = true, want false", src)
	}
}

// TestImportsProject: with a module index, a file that names no operator
// but imports a module of the project (an operator subclass in plugins/
// may be all it calls) is parsed; one that imports only modules from
// outside the project, or mentions a project module in no import, is not.
func TestImportsProject(t *testing.T) {
	root := t.TempDir()
	for path, src := range map[string]string{
		"plugins/operators/__init__.py": "",
		"plugins/operators/base.py":     "class Runner: pass\n",
		"include/settings.py":           "IMAGE = 'app:1.0'\n",
		"dags/common.py":                "X = 1\n",
		"airflow/__init__.py":           "",
		"airflow/models.py":             "class Variable: pass\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := project.New(root, root, nil)
	dag := filepath.Join(root, "dags", "etl.py")
	for _, src := range []string{
		"from operators.base import Runner\nRunner(task_id='a')\n",
		"import operators.base as ops\n",
		"import os, operators\n",
		"if True:\n    from settings import IMAGE\n",
		"from  operators . base import (\n    Runner,\n)\n",
		"from . import common\n",
		"from .common import X\n",
		"from .import common\n",
	} {
		if !lint.ImportsProject(dag, []byte(src), ix) {
			t.Errorf("ImportsProject(%q) = false, want true", src)
		}
	}
	for _, src := range []string{
		"import os\nfrom datetime import datetime\n",
		"from operatorsx import Runner\n",
		"# operators.base holds Runner\nx = 'from operators import Runner' if False else 1\n",
		"important = 'operators'\n",
		"from airflow.models import Variable\n", // a project that holds the airflow package
	} {
		if lint.ImportsProject(dag, []byte(src), ix) {
			t.Errorf("ImportsProject(%q) = true, want false", src)
		}
	}
	if lint.ImportsProject(dag, []byte("from operators.base import Runner\n"), nil) {
		t.Error("ImportsProject without an index = true, want false")
	}
}

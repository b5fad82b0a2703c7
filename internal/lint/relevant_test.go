package lint

import "testing"

// TestRelevantKPOFamily: a file that names only a member of the
// KubernetesPodOperator family is parsed; a plain module is not.
func TestRelevantKPOFamily(t *testing.T) {
	for _, src := range []string{
		"from ops import EksPodOperator\nEksPodOperator(task_id='a', image='app:latest')\n",
		"from ops import GKEStartJobOperator as J\nJ(task_id='a')\n",
		"@task.kubernetes(image='python:latest')\ndef f():\n    pass\n",
		"from kubernetes.client import models as k8s\n",
	} {
		if !Relevant([]byte(src)) {
			t.Errorf("Relevant(%q) = false, want true", src)
		}
	}
	if src := "import os\nprint(os.getcwd())\n"; Relevant([]byte(src)) {
		t.Errorf("Relevant(%q) = true, want false", src)
	}
}

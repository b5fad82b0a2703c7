package airflow

import "testing"

// TestKPOFamilyData: the embedded data decodes, every class leads to
// KubernetesPodOperator and carries the parameters of the classes between.
func TestKPOFamilyData(t *testing.T) {
	if _, err := buildKPOFamily(kpoFamilyJSON); err != nil {
		t.Fatal(err)
	}
	gke := kpoFamilyParams("GKEStartKueueJobOperator")
	for _, name := range []string{"cluster_name", "queue_name", "backoff_limit"} {
		if !gke[name] {
			t.Errorf("GKEStartKueueJobOperator lacks %q (own, KubernetesStartKueueJobOperator's, KubernetesJobOperator's)", name)
		}
	}
	if kpoFamilyParams("EKSPodOperator")["pod_name"] != true || kpoFamilyParams("SparkKubernetesOperator") != nil {
		t.Errorf("EKSPodOperator inherits EksPodOperator's; SparkKubernetesOperator is not in the family")
	}
	for _, bad := range []string{
		`{"operators": {"A": {"extends": "B", "source": "x", "params": []}}, "task_kubernetes": {"params": ["n"]}}`,
		`{"operators": {"A": {"extends": "A", "source": "x", "params": []}}, "task_kubernetes": {"params": ["n"]}}`,
		`{"operators": {"A": {"extends": "KubernetesPodOperator", "params": []}}, "task_kubernetes": {"params": ["n"]}}`,
		`{"operators": {}, "task_kubernetes": {"params": []}}`,
	} {
		if _, err := buildKPOFamily([]byte(bad)); err == nil {
			t.Errorf("buildKPOFamily(%s) = nil error", bad)
		}
	}
}

// TestPodOverrideImages: literal images of executor_config pod overrides are
// KubernetesPodOperator-like calls, through names; other k8s lookalikes and
// unresolved images are not.
func TestPodOverrideImages(t *testing.T) {
	m := build(t, `from airflow.operators.python import PythonOperator
from kubernetes.client import models as k8s
from mylib import k8s as fake

C = k8s.V1Container(name="base", image="ghcr.io/a/w:latest", image_pull_policy="IfNotPresent")
POD = k8s.V1Pod(spec=k8s.V1PodSpec(containers=[C], init_containers=[k8s.V1Container(name="init", image="busybox:1.36")]))
CFG = {"pod_override": POD}

PythonOperator(task_id="a", python_callable=print, executor_config=CFG)
PythonOperator(task_id="b", python_callable=print, executor_config=CFG)
PythonOperator(task_id="c", python_callable=print, executor_config={"pod_override": fake.V1Pod(spec=fake.V1PodSpec(containers=[fake.V1Container(image="x:latest")]))})
PythonOperator(task_id="d", python_callable=print, executor_config={"pod_override": k8s.V1Pod(spec=k8s.V1PodSpec(containers=[k8s.V1Container(image=get_image())]))})
PythonOperator(task_id="e", python_callable=print, executor_config={"KubernetesExecutor": {"image": "y:latest"}})
PythonOperator(task_id="f", python_callable=print, executor_config={"pod_override": k8s.V1Pod(spec=k8s.V1PodSpec(containers=[k8s.V1Container(name="base", image="")]))})
`)
	var images []string
	for i, op := range m.Calls {
		if op.PodOverride == nil || op.Kind != KubernetesPodOperator || op.KeywordsKnown() {
			t.Fatalf("call %d is no pod override call: %+v", i, op)
		}
		images = append(images, argStr(m, i, "image"))
	}
	want := []string{"ghcr.io/a/w:latest", "busybox:1.36", "<unknown>"}
	if len(images) != len(want) {
		t.Fatalf("images = %q, want %q", images, want)
	}
	for i := range want {
		if images[i] != want[i] {
			t.Errorf("images = %q, want %q", images, want)
		}
	}
	if got := argStr(m, 0, "image_pull_policy"); got != "IfNotPresent" {
		t.Errorf("image_pull_policy = %q", got)
	}
}

// kpoFamilyParams returns the parameters a provider subclass of
// KubernetesPodOperator adds to it (the caller's own copy), or nil for
// another name.
func kpoFamilyParams(class string) map[string]bool {
	names, ok := kpoFamilyData().params[class]
	return copyOf(names, ok)
}

"""DAG102 fixture: mutable tags on KubernetesPodOperator (reproducibility wording)."""
from datetime import datetime

from airflow import DAG
from airflow.contrib.operators.kubernetes_pod_operator import KubernetesPodOperator as ContribKPO
from airflow.providers.cncf.kubernetes.operators import pod as pod_ops
from airflow.providers.cncf.kubernetes.operators.kubernetes_pod import KubernetesPodOperator as OldKPO
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

BASE = "ghcr.io/acme/transform"
SPEC = {"namespace": "data", "image_pull_policy": "Always"}

with DAG(dag_id="dag102_kpo", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # must flag: default policy is Always for latest/untagged images
    KubernetesPodOperator(task_id="a", name="a", image="ghcr.io/acme/transform:latest")  # want DAG102:"Kubernetes' default pull policy it is pulled again on every pod start"
    KubernetesPodOperator(task_id="b", name="b", image=BASE)  # want DAG102:"has no tag, so it means ghcr.io/acme/transform:latest: with Kubernetes' default"
    # must flag: explicit IfNotPresent / Never keep the cached copy
    KubernetesPodOperator(task_id="c", name="c", image="ghcr.io/acme/t:latest", image_pull_policy="IfNotPresent")  # want DAG102:"image_pull_policy \"IfNotPresent\" each node keeps"
    KubernetesPodOperator(task_id="d", name="d", image="ghcr.io/acme/t", image_pull_policy="Never")  # want DAG102:"\"Never\" each node keeps"
    # must flag: a pod template may set the policy -> neutral wording
    KubernetesPodOperator(task_id="e", name="e", image="ghcr.io/acme/t:latest", pod_template_file="/opt/pod.yaml")  # want DAG102:"can change without the DAG changing"
    # must flag: policy through **mapping
    KubernetesPodOperator(task_id="f", name="f", image=BASE + ":latest", **SPEC)  # want DAG102:"image_pull_policy \"Always\" pulls it again on every pod start"
    # must flag: other import paths
    pod_ops.KubernetesPodOperator(task_id="g", name="g", image="python")  # want "DAG102"
    OldKPO(task_id="h", name="h", image="quay.io/acme/t:latest")  # want "DAG102"
    ContribKPO(task_id="i", name="i", image="quay.io/acme/t", namespace="default")  # want "DAG102"

    # must not flag: pinned tags and digests
    KubernetesPodOperator(task_id="j", name="j", image=BASE + ":2.3.1")
    KubernetesPodOperator(task_id="k", name="k", image="ghcr.io/acme/t@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
    KubernetesPodOperator(task_id="l", name="l", image="python:3.12-slim", image_pull_policy="Always")
    OldKPO(task_id="m", name="m", image="quay.io/acme/t:2024-06")
    # must not flag: templated images and images left to the pod template
    KubernetesPodOperator(task_id="n", name="n", image="ghcr.io/acme/t:{{ params.version }}")
    KubernetesPodOperator(task_id="o", name="o", pod_template_file="/opt/pod.yaml")
    # must not flag: a local-only name is DAG105's business
    KubernetesPodOperator(task_id="p", name="p", image="transform", image_pull_policy="Never")
    # must not flag: invalid references are DAG103's business
    KubernetesPodOperator(task_id="q", name="q", image="ghcr.io/Acme/T")

# partial/expand over images
KubernetesPodOperator.partial(task_id="exp", name="exp").expand(
    image=["ghcr.io/acme/x:latest", "ghcr.io/acme/y:9"],  # want "DAG102"
)
KubernetesPodOperator.partial(task_id="exp_ok", name="exp_ok", image="ghcr.io/acme/z:1").expand(arguments=[["a"], ["b"]])

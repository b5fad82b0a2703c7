"""DAG105 fixture: single-name images on KubernetesPodOperator."""
from datetime import datetime

from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from kubernetes.client import models as k8s

with DAG(dag_id="dag105_kpo", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # must flag (note): runs only on a node where it was loaded
    KubernetesPodOperator(task_id="a", name="a", image="transform:1.0")  # want DAG105:"runs only on a node where it was built or loaded; .* with image_pull_secrets"
    KubernetesPodOperator(task_id="b", name="b", image="transform:1.0", image_pull_policy="IfNotPresent")  # want "DAG105"
    # must flag (note): image_pull_secrets do not change what a single name means
    KubernetesPodOperator(
        task_id="c",
        name="c",
        image="transform:1.0",  # want "DAG105"
        image_pull_secrets=[k8s.V1LocalObjectReference("regcred")],
    )
    # must flag (note, with the Kubernetes default explained): untagged, no policy
    KubernetesPodOperator(task_id="d", name="d", image="transform")  # want DAG105:"leave the pull policy to Kubernetes"
    # must flag (error): an explicit Always policy pulls, and the pull must fail
    KubernetesPodOperator(task_id="e", name="e", image="transform:1.0", image_pull_policy="Always")  # want DAG105:"image_pull_policy \"Always\" pulls it on every pod start, so the pod must fail to start"

    # must not flag: official images, qualified names, templates
    KubernetesPodOperator(task_id="f", name="f", image="python:3.12-slim")
    KubernetesPodOperator(task_id="g", name="g", image="alpine", image_pull_policy="Always")
    KubernetesPodOperator(task_id="h", name="h", image="ghcr.io/acme/transform:1.0")
    KubernetesPodOperator(task_id="i", name="i", image="acme/transform:1.0")
    KubernetesPodOperator(task_id="j", name="j", image="{{ var.value.transform_image }}")
    KubernetesPodOperator(task_id="k", name="k", pod_template_file="/opt/templates/transform.yaml")
    KubernetesPodOperator(task_id="l", name="l", image="Transform:1.0")

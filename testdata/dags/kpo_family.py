"""The KubernetesPodOperator family (RULES.md "KPO"): provider subclasses
(GKEStartPodOperator, EksPodOperator, KubernetesJobOperator ...),
@task.kubernetes, project subclasses, and container images of executor_config
pod overrides. They get the KPO image rules (DAG102 about reproducibility,
DAG103-DAG105) and never the Docker-only ones; their own parameters are no
DAG202. Every rule runs on this fixture."""
from datetime import datetime

from airflow import DAG
from airflow.decorators import task
from airflow.operators.python import PythonOperator
from airflow.providers.amazon.aws.operators.eks import EksPodOperator
from airflow.providers.cncf.kubernetes.operators.job import KubernetesJobOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.google.cloud.operators.kubernetes_engine import GKEStartPodOperator
from kubernetes.client import models as k8s

from dummy.operators import GKEStartPodOperator as NotGKE

GKE = {"project_id": "acme", "location": "europe-west1", "cluster_name": "data"}

BASE_POD = k8s.V1Pod(
    spec=k8s.V1PodSpec(
        containers=[
            k8s.V1Container(name="base", image="ghcr.io/acme/worker:latest"),  # want DAG102:"ghcr.io/acme/worker:latest.*Kubernetes' default pull policy"
        ]
    )
)


class AcmePodOperator(KubernetesPodOperator):
    def __init__(self, team="data", **kwargs):
        super().__init__(image="quay.io/acme/pod", namespace=team, **kwargs)  # want DAG102:"quay.io/acme/pod.*has no tag"


class AcmeGKEOperator(GKEStartPodOperator):
    def __init__(self, **kwargs):
        super().__init__(project_id="acme", location="europe-west1", cluster_name="data", **kwargs)


with DAG(dag_id="kpo_family", start_date=datetime(2024, 1, 1), schedule=None):
    GKEStartPodOperator(task_id="a", name="a", image="gcr.io/acme/etl:latest", **GKE)  # want DAG102:"gcr.io/acme/etl:latest"
    GKEStartPodOperator(task_id="b", name="b", image="gcr.io/acme/etl:1.2.0", regional=True, use_internal_ip=True, **GKE)
    EksPodOperator(task_id="c", pod_name="c", cluster_name="eks", image="etl-runner:1.0", aws_conn_id="aws")  # want DAG105:"etl-runner:1.0"
    EksPodOperator(task_id="d", pod_name="d", cluster_name="eks", image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:2.0", region="eu-west-1")
    KubernetesJobOperator(task_id="e", name="e", image="ghcr.io/acme/job", backoff_limit=2)  # want DAG102:"ghcr.io/acme/job.*has no tag"
    KubernetesJobOperator(task_id="f", name="f", image="ghcr.io/acme/job:3.0", parallelism=2, wait_until_job_complete=True)
    GKEStartPodOperator(task_id="g", name="g", image="gcr.io/acme/etl:1.2.0", clustr_name="data", **GKE)  # want DAG202:`GKEStartPodOperator has no argument "clustr_name".*did you mean "cluster_name"`
    AcmePodOperator(task_id="h", name="h")
    AcmePodOperator(task_id="i", name="i", team="ml")  # silent: its own parameter; the image finding is at the subclass
    AcmeGKEOperator(task_id="j", name="j", image="gcr.io/acme/etl:latest")  # want DAG102:"gcr.io/acme/etl:latest"
    AcmeGKEOperator(task_id="k", name="k", image="gcr.io/acme/etl:1.2.0", gcp_conn_id="gcp")  # silent: provider parameter through a project subclass
    # not the provider's class: an import from elsewhere is no KPO
    NotGKE(task_id="l", image="gcr.io/acme/etl:latest")
    # KPO gets no Docker-only rule: no DAG401 (privileged is no KPO parameter, DAG202 says so)
    GKEStartPodOperator(task_id="m", name="m", image="gcr.io/acme/etl:1.2.0", privileged=True, **GKE)  # want DAG202:"no argument \"privileged\""

    PythonOperator(task_id="n", python_callable=print, executor_config={"pod_override": BASE_POD})
    PythonOperator(task_id="o", python_callable=print, executor_config={"pod_override": BASE_POD})  # the same container, reported once
    PythonOperator(
        task_id="p",
        python_callable=print,
        executor_config={
            "pod_override": k8s.V1Pod(
                spec=k8s.V1PodSpec(containers=[k8s.V1Container(name="base", image="ghcr.io/acme/worker:4.1", image_pull_policy="Always")])
            )
        },
    )
    PythonOperator(
        task_id="q",
        python_callable=print,
        executor_config={"pod_override": k8s.V1Pod(spec=k8s.V1PodSpec(containers=[k8s.V1Container(name="base", image="ghcr.io/acme/w:{{ ds }}")]))},
    )

    @task.kubernetes(image="python:latest", namespace="data", use_dill=True)  # want DAG102:"python:latest"
    def in_pod():
        return 1

    @task.kubernetes(image="python:3.12-slim", namespace="data", get_logs=True)
    def in_pod_pinned():
        return 2

    @task.kubernetes(image="python:3.12-slim", namspace="data")  # want DAG202:`@task.kubernetes has no argument "namspace".*did you mean "namespace"`
    def in_pod_typo():
        return 3

    @task(executor_config={"pod_override": k8s.V1Pod(spec=k8s.V1PodSpec(containers=[k8s.V1Container(name="base", image="ghcr.io/acme/task")]))})  # want DAG102:"ghcr.io/acme/task.*has no tag"
    def overridden():
        return 4

    in_pod()
    in_pod_pinned()
    in_pod_typo()
    overridden()

    # a job template may set the pull policy (neutral wording) or give the image
    KubernetesJobOperator(task_id="r", name="r", image="ghcr.io/acme/job:latest", job_template_file="/opt/job.yaml")  # want DAG102:"can change without the DAG changing"
    KubernetesJobOperator(task_id="s", name="s", image="", full_job_spec=JOB_SPEC)

JOB_SPEC = None

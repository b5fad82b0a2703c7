"""DAG104 fixture: images from registries outside allowed-registries."""
# ruletest: allowed-registries=registry.gitlab.com,ghcr.io,registry.internal:5000
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import task
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

QUAY = "quay.io/acme/etl:1.0"
GITLAB = "registry.gitlab.com"

with DAG(
    dag_id="dag104",
    start_date=datetime(2024, 1, 1),
    schedule=None,
    default_args={"image": "public.ecr.aws/acme/base:1"},  # want DAG104:`is pulled from public.ecr.aws, which is not allowed \(allowed-registries: registry.gitlab.com, ghcr.io, registry.internal:5000\)`
) as dag:
    # must flag: another registry host
    DockerOperator(task_id="a", image="quay.io/acme/etl:1.0", docker_conn_id="quay")  # want DAG104:"is pulled from quay.io"
    DockerOperator(task_id="b", image=QUAY, docker_conn_id="quay")  # want "DAG104"
    # must flag: no registry means Docker Hub
    DockerOperator(task_id="c", image="python:3.12-slim")  # want DAG104:"names no registry, so it is pulled from docker.io"
    DockerOperator(task_id="d", image="acme/tool:2")  # want DAG104:"docker.io"
    DockerOperator(task_id="e", image="docker.io/library/python:3.12")  # want DAG104:"is pulled from docker.io"
    # must flag: the port is part of the registry
    DockerOperator(task_id="f", image="registry.gitlab.com:5050/acme/etl:1", docker_conn_id="gl")  # want DAG104:"registry.gitlab.com:5050"
    DockerOperator(task_id="g", image="registry.internal/acme/etl:1")  # want DAG104:"registry.internal,"
    # must flag: the DAG's default image reaches this task (reported once, at the entry)
    DockerOperator(task_id="h")
    # must flag: Swarm and KPO
    DockerSwarmOperator(task_id="i", image="mcr.microsoft.com/dotnet/runtime:8.0")  # want "DAG104"
    KubernetesPodOperator(task_id="j", name="j", image="gcr.io/acme/etl:1")  # want "DAG104"

    # must not flag: allowed registries, any case, any form
    DockerOperator(task_id="k", image="registry.gitlab.com/acme/etl:1.0", docker_conn_id="gl")
    DockerOperator(task_id="l", image=f"{GITLAB}/acme/etl:1.0", docker_conn_id="gl")
    DockerOperator(task_id="m", image="GHCR.IO/acme/etl:1.0", docker_conn_id="ghcr")
    DockerOperator(task_id="n", image="ghcr.io/acme/etl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
    DockerOperator(task_id="o", image="registry.internal:5000/acme/etl:1")
    KubernetesPodOperator(task_id="p", name="p", image="ghcr.io/acme/etl:1")
    # must not flag: templated, unresolved, invalid (DAG103)
    DockerOperator(task_id="q", image="{{ var.value.registry }}/acme/etl:1")
    DockerOperator(task_id="r", image=os.environ["ETL_IMAGE"])
    DockerOperator(task_id="s", image="https://quay.io/acme/etl:1")
    with TaskGroup("grp", default_args={"image": "ghcr.io/acme/grp:1"}):
        DockerOperator(task_id="t")

DockerOperator.partial(task_id="exp").expand(
    image=[
        "ghcr.io/acme/one:1",
        "quay.io/acme/two:1",  # want "DAG104"
        "registry.gitlab.com/acme/three:1",
    ]
)


@task.docker(image="busybox:1.36")  # want "DAG104"
def run_hub():
    pass


@task.docker(image="registry.gitlab.com/acme/py:3")
def run_ok():
    pass

"""DAG203 fixture: images on a registry host with no docker_conn_id."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators import docker as docker_ops
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.utils.task_group import TaskGroup

GITLAB = "registry.gitlab.com/mygroup/etl:1.4.2"
REGISTRY = "harbor.corp.example:8443"
WITH_CONN = {"docker_conn_id": "gitlab_registry"}
NO_CONN = {"auto_remove": "success"}


class AuthedDocker(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(docker_conn_id="gitlab_registry", **kwargs)


class PlainDocker(DockerOperator):
    pass


class TemplatedDocker(DockerOperator):
    template_fields = ("image", "command", "docker_conn_id")


class ConnDefaultDocker(DockerOperator):
    template_fields = ("image", "docker_conn_id")

    def __init__(self, docker_conn_id="harbor", **kwargs):
        super().__init__(docker_conn_id=docker_conn_id, **kwargs)


with DAG(dag_id="dag203", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: private-capable registries, f-strings, ports, every import path
    DockerOperator(task_id="a", image="registry.gitlab.com/mygroup/etl:latest")  # want DAG203:"image \"registry.gitlab.com/mygroup/etl:latest\" is on registry.gitlab.com but no docker_conn_id reaches this DockerOperator"
    DockerOperator(task_id="b", image=GITLAB)  # want "DAG203"
    docker_ops.DockerOperator(task_id="c", image="ghcr.io/acme/tool:2")  # want DAG203:"on ghcr.io"
    LegacyDocker(task_id="d", image=f"{REGISTRY}/data/loader:7")  # want DAG203:"on harbor.corp.example:8443"
    DockerSwarmOperator(task_id="e", image="quay.io/acme/worker:1")  # want DAG203:"this DockerSwarmOperator"
    DockerOperator(task_id="f", image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:3", **NO_CONN)  # want "DAG203"
    PlainDocker(task_id="g", image="gcr.io/acme/job:5")  # want DAG203:"this PlainDocker"
    # must flag: naming docker_conn_id in template_fields sets nothing
    TemplatedDocker(task_id="g2", image="gcr.io/acme/job:5")  # want DAG203:"this TemplatedDocker"
    # must not flag: a subclass whose __init__ supplies the connection
    ConnDefaultDocker(task_id="g3", image="gcr.io/acme/job:5")
    # must flag: an expanded list with one private image is enough (once per call)
    DockerOperator.partial(task_id="h").expand(image=["python:3.12", GITLAB, "ghcr.io/acme/x:1"])  # want "DAG203"

    # must not flag: a connection from the call, a mapping, partial
    DockerOperator(task_id="i", image=GITLAB, docker_conn_id="gitlab_registry")
    DockerOperator(task_id="j", image=GITLAB, **WITH_CONN)
    DockerOperator.partial(task_id="k", docker_conn_id="gitlab_registry").expand(image=[GITLAB])
    # must not flag: an explicit None is a deliberate anonymous pull
    DockerOperator(task_id="l", image="ghcr.io/acme/public-tool:1", docker_conn_id=None)
    # must not flag: public registries and Docker Hub names
    DockerOperator(task_id="m", image="docker.io/library/python:3.12")
    DockerOperator(task_id="n", image="public.ecr.aws/docker/library/redis:7")
    DockerOperator(task_id="o", image="mcr.microsoft.com/dotnet/runtime:8.0")
    DockerOperator(task_id="p", image="registry.k8s.io/pause:3.9")
    DockerOperator(task_id="q", image="acme/tool:1.2")
    DockerOperator(task_id="r", image="python:3.12-slim")
    # must not flag: loopback registries
    DockerOperator(task_id="s", image="localhost:5000/etl:1")
    DockerOperator(task_id="t", image="127.0.0.1:5000/etl:1")
    DockerOperator(task_id="u", image="[::1]:5000/etl:1")
    # must not flag: templated, unknown or invalid images
    DockerOperator(task_id="v", image="{{ var.value.registry }}/etl:1")
    DockerOperator(task_id="w", image=os.environ["IMAGE"])
    DockerOperator(task_id="x", image="https://registry.gitlab.com/g/etl:1")
    # must not flag: unknown **kwargs, a subclass that sets the connection, KPO
    DockerOperator(task_id="y", image=GITLAB, **dict(os.environ))
    AuthedDocker(task_id="z", image=GITLAB)
    KubernetesPodOperator(task_id="kpo", name="kpo", image=GITLAB)

with DAG(dag_id="dag203_defaults", default_args=WITH_CONN, start_date=datetime(2024, 1, 1)):
    # must not flag: the DAG's default_args carry the connection
    DockerOperator(task_id="da", image=GITLAB)
    with TaskGroup("grp", default_args={"docker_conn_id": "ghcr"}):
        DockerOperator(task_id="db", image="ghcr.io/acme/tool:2")

with DAG(dag_id="dag203_group", start_date=datetime(2024, 1, 1)):
    with TaskGroup("authed", default_args={"docker_conn_id": "gitlab_registry"}):
        # must not flag: the task group's default_args
        DockerOperator(task_id="ga", image=GITLAB)
    # must flag: outside the group nothing sets it
    DockerOperator(task_id="gb", image=GITLAB)  # want "DAG203"


@dag(default_args={"docker_conn_id": "gitlab_registry"}, start_date=datetime(2024, 1, 1))
def with_defaults():
    # must not flag: @dag default_args
    @task.docker(image=GITLAB)
    def run_ok():
        pass

    run_ok()


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def without_defaults():
    @task.docker(image=GITLAB)  # want DAG203:"this @task.docker task"
    def run_anonymous():
        pass

    @task.docker(image=GITLAB, docker_conn_id="gitlab_registry")
    def run_authed():
        pass

    run_anonymous()
    run_authed()


with_defaults()
without_defaults()

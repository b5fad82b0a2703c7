"""DAG105 fixture: single-name images that exist only where they were built."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

RUNNER = "etl-runner:1.0"
NAME = "etl-runner"

with DAG(dag_id="dag105", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # must flag (note): a local build, no connection
    DockerOperator(task_id="a", image="etl-runner:1.0")  # want DAG105:"means docker.io/library/etl-runner:1.0, which Docker Hub does not serve, so it runs only on a worker where it was built"
    DockerOperator(task_id="b", image=RUNNER)  # want "DAG105"
    DockerOperator(task_id="c", image=f"{NAME}:2.0")  # want "DAG105"
    DockerOperator(task_id="d", image="etl-runner")  # want DAG105:"docker.io/library/etl-runner:latest"
    DockerOperator(task_id="e", image="etl-runner:1.0", docker_conn_id=None)  # want "DAG105"
    LegacyDocker(task_id="f", image="my_job:3")  # want "DAG105"
    DockerSwarmOperator(task_id="g", image="svc-worker:1")  # want "DAG105"
    # must flag (error): force_pull=True makes the pull certain, and it must fail
    DockerOperator(task_id="h", image="etl-runner:1.1", force_pull=True)  # want DAG105:"force_pull=True pulls it on every run, so the task must fail"

    # must not flag: Docker Official Images
    DockerOperator(task_id="i", image="python:3.12-slim")
    DockerOperator(task_id="j", image="busybox")
    DockerOperator(task_id="k", image="postgres:16", force_pull=True)
    # must not flag: a namespace or a registry
    DockerOperator(task_id="l", image="acme/etl-runner:1.0")
    DockerOperator(task_id="m", image="localhost:5000/etl-runner:1.0")
    DockerOperator(task_id="n", image="registry.gitlab.com/acme/etl-runner:1.0", docker_conn_id="gl")
    DockerOperator(task_id="o", image="library/etl-runner:1.0")
    # must not flag: a docker_conn_id reaches the call (DAG101's business)
    DockerOperator(task_id="p", image="etl-runner:1.0", docker_conn_id="gl")
    DockerOperator(task_id="q", image="etl-runner:1.0", docker_conn_id=os.environ["CONN"])
    # must not flag: templated, unresolved or invalid images
    DockerOperator(task_id="r", image="{{ params.runner }}")
    DockerOperator(task_id="s", image=os.environ.get("RUNNER_IMAGE"))
    DockerOperator(task_id="t", image="Etl-Runner:1.0")
    DockerOperator(task_id="u", image="sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")

with DAG(
    dag_id="dag105_defaults",
    start_date=datetime(2024, 1, 1),
    default_args={"image": "shared-runner:2"},  # want DAG105:"force_pull=True"
) as dag2:
    # the default image reaches both tasks: one finding, at error level because one forces the pull
    DockerOperator(task_id="da")
    DockerOperator(task_id="db", force_pull=True)
    with TaskGroup("grp", default_args={"docker_conn_id": "gl", "image": "grp-runner:1"}):
        # must not flag: the group brings a connection
        DockerOperator(task_id="dc")

with DAG(dag_id="dag105_alias", start_date=datetime(2024, 1, 1)) as dag105_alias:
    # must flag: dag= names the enclosing DAG, which has no default_args
    DockerOperator(task_id="al", image="etl-runner:1.2", dag=dag105_alias)  # want "DAG105"
    # must not flag: dag= names a DAG object daglint cannot see
    DockerOperator(task_id="am", image="etl-runner:1.3", dag=imported_dag)

with DAG(dag_id="dag105_conn", start_date=datetime(2024, 1, 1), default_args={"docker_conn_id": "gl"}) as dag3:
    # must not flag: docker_conn_id from the DAG's default_args
    DockerOperator(task_id="ea", image="etl-runner:1.0")

local = {"image": "mapped-runner:1", "auto_remove": "success"}  # want "DAG105"
DockerOperator(task_id="mapped", **local)
with_conn = {"image": "mapped-runner:2", "docker_conn_id": "gl"}
DockerOperator(task_id="mapped_conn", **with_conn)


def extra_kwargs():
    return {"docker_conn_id": "gl"}


# must not flag: unknown **kwargs may carry a docker_conn_id
DockerOperator(task_id="open", image="etl-runner:1.0", **extra_kwargs())

DockerOperator.partial(task_id="exp").expand(
    image=[
        "runner-a:1",  # want "DAG105"
        "python:3.12",
        "acme/runner-b:1",
    ]
)


@dag(start_date=datetime(2024, 1, 1))
def decorated():
    @task.docker(image="py-runner:1")  # want "DAG105"
    def run_local():
        pass

    @task.docker(image="py-runner:1", docker_conn_id="gl")
    def run_with_conn():
        pass

    run_local()
    run_with_conn()


decorated()

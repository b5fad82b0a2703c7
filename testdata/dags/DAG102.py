"""DAG102 fixture: images with no tag or the tag latest and no digest (Docker calls)."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators import docker as docker_ops
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

REGISTRY = "registry.gitlab.com"
GROUP = "acme"
LATEST = "registry.gitlab.com/acme/etl:latest"
PINNED = "registry.gitlab.com/acme/etl:1.4.2"
TAG = "latest"
DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

with DAG(dag_id="dag102", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # must flag: explicit latest, force_pull not set -> cached copy wording
    DockerOperator(task_id="a", image="registry.gitlab.com/acme/etl:latest", docker_conn_id="gl")  # want DAG102:"mutable tag latest: without force_pull=True each worker keeps whatever copy it cached first"
    # must flag: no tag at all
    DockerOperator(task_id="b", image="ghcr.io/acme/etl", docker_conn_id="ghcr")  # want DAG102:"has no tag, so it means ghcr.io/acme/etl:latest"
    # must flag: force_pull=True wording
    DockerOperator(task_id="c", image="python:latest", force_pull=True)  # want DAG102:"force_pull pulls it again on every run"
    # must flag: force_pull=False is the cached wording too
    DockerOperator(task_id="d", image="python", force_pull=False)  # want DAG102:"keeps whatever copy it cached first"
    # must flag: force_pull unresolved -> neutral wording
    DockerOperator(task_id="e", image="python", force_pull=os.environ.get("FORCE") == "1")  # want DAG102:"can change without the DAG changing"
    # must flag: through a constant (location is the name at the call)
    DockerOperator(task_id="f", image=LATEST, docker_conn_id="gl")  # want "DAG102"
    # must flag: f-string and concatenation of constants
    DockerOperator(task_id="g", image=f"{REGISTRY}/{GROUP}/etl:{TAG}", docker_conn_id="gl")  # want "DAG102"
    DockerOperator(task_id="h", image=REGISTRY + "/" + GROUP + "/etl", docker_conn_id="gl")  # want "DAG102"
    DockerOperator(task_id="i", image="{}/{}/etl:latest".format(REGISTRY, GROUP), docker_conn_id="gl")  # want "DAG102"
    # must flag: other import paths and operators
    docker_ops.DockerOperator(task_id="j", image="acme/tool:latest")  # want "DAG102"
    LegacyDocker(task_id="k", image="acme/tool")  # want "DAG102"
    DockerSwarmOperator(task_id="l", image="ghcr.io/acme/svc:latest", docker_conn_id="ghcr")  # want DAG102:"can change without the DAG changing"
    # must flag: an official image without a tag is still mutable
    DockerOperator(task_id="m", image="busybox")  # want DAG102:"docker.io/library/busybox:latest"

    # must not flag: version tags, digests (even with latest), constants thereof
    DockerOperator(task_id="n", image=PINNED, docker_conn_id="gl")
    DockerOperator(task_id="o", image="python:3.12-slim")
    DockerOperator(task_id="p", image="registry.gitlab.com/acme/etl@" + DIGEST, docker_conn_id="gl")
    DockerOperator(task_id="q", image="registry.gitlab.com/acme/etl:latest@" + DIGEST, docker_conn_id="gl")
    DockerOperator(task_id="r", image=f"{REGISTRY}/{GROUP}/etl:2024.01.15", docker_conn_id="gl")
    DockerOperator(task_id="s", image="localhost:5000/etl:1.0")
    DockerOperator(task_id="s2", image="acme/latest:1.0")
    DockerOperator(task_id="s3", image="acme/tool:latest-2024")
    DockerOperator(task_id="s4", image="python:3.12@" + DIGEST, force_pull=True)
    DockerOperator(task_id="s5", image="registry.gitlab.com:5050/acme/etl:v2", docker_conn_id="gl")
    # must not flag: templated or unknown images (never guessed)
    DockerOperator(task_id="t", image="registry.gitlab.com/acme/etl:{{ params.tag }}", docker_conn_id="gl")
    DockerOperator(task_id="u", image=os.environ["ETL_IMAGE"], docker_conn_id="gl")
    DockerOperator(task_id="v", image=f"{REGISTRY}/acme/etl:{os.environ['TAG']}", docker_conn_id="gl")
    # must not flag: local-only single names are DAG105's business
    DockerOperator(task_id="w", image="etl-runner")
    # must not flag: a single non-official name stays local-only when a connection
    # may reach the call (unknown conn id, or default_args daglint cannot see)
    DockerOperator(task_id="w2", image="etl-runner", docker_conn_id=os.environ["CONN"])
    DockerOperator(task_id="w3", image="etl-runner:latest", docker_conn_id="gl")
    DockerOperator(task_id="x", image="etl-runner:latest", docker_conn_id=None)
    # must not flag: invalid reference is DAG103's business
    DockerOperator(task_id="y", image="https://registry.gitlab.com/acme/etl", docker_conn_id="gl")
    DockerOperator(task_id="z", image="Acme/Etl", docker_conn_id="gl")

with DAG(
    dag_id="dag102_defaults",
    default_args={"image": "registry.gitlab.com/acme/base:latest", "docker_conn_id": "gl"},  # want "DAG102"
    start_date=datetime(2024, 1, 1),
) as dag2:
    # the finding sits on the default_args entry, once for both tasks
    DockerOperator(task_id="da")
    DockerOperator(task_id="db", force_pull=True)
    # must not flag: the call overrides the default with a pinned image
    DockerOperator(task_id="dc", image="registry.gitlab.com/acme/base:3.1")
    with TaskGroup("grp", default_args={"image": "ghcr.io/acme/grp"}):  # want "DAG102"
        DockerOperator(task_id="dd")
    with TaskGroup("grp2", default_args={"image": "ghcr.io/acme/grp:7"}):
        DockerOperator(task_id="de")

common = {"image": "quay.io/acme/job:latest", "docker_conn_id": "quay"}  # want "DAG102"
DockerOperator(task_id="mapped", **common)
pinned_common = dict(image="quay.io/acme/job:5.0", docker_conn_id="quay")
DockerOperator(task_id="mapped_ok", **pinned_common)

# partial/expand: each literal of the mapped list is checked on its own
DockerOperator.partial(task_id="exp", docker_conn_id="gl").expand(
    image=[
        "registry.gitlab.com/acme/a:latest",  # want "DAG102"
        "registry.gitlab.com/acme/b:1.0",
        "registry.gitlab.com/acme/c",  # want "DAG102"
    ]
)
DockerOperator.partial(task_id="part", image="ghcr.io/acme/p:latest").expand(command=["a", "b"])  # want "DAG102"
DockerOperator.partial(task_id="part_ok", image="ghcr.io/acme/p:2").expand(command=["a", "b"])


@dag(default_args={"docker_conn_id": "gl"}, start_date=datetime(2024, 1, 1))
def decorated():
    @task.docker(image="registry.gitlab.com/acme/py:latest")  # want "DAG102"
    def run_latest():
        pass

    @task.docker(image="registry.gitlab.com/acme/py:3.12", force_pull=True)
    def run_pinned():
        pass

    @task.docker(image="{{ var.value.py_image }}")
    def run_templated():
        pass

    run_latest()
    run_pinned()
    run_templated()


decorated()

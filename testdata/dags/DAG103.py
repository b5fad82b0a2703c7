"""DAG103 fixture: image values that are not valid image references."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import task
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator

REGISTRY_URL = "https://registry.gitlab.com"
BAD = "registry.gitlab.com/MyGroup/etl:1.0"
GOOD = "registry.gitlab.com/mygroup/etl:1.0"
IMAGE_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

with DAG(dag_id="dag103", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # must flag: URL scheme, with the corrected reference in the message
    DockerOperator(task_id="a", image="https://registry.gitlab.com/g/app:1.0", docker_conn_id="gl")  # want DAG103:"URL scheme \"https://\".*use \"registry.gitlab.com/g/app:1.0\""
    DockerOperator(task_id="b", image=f"{REGISTRY_URL}/g/app:1.0", docker_conn_id="gl")  # want DAG103:"use \"registry.gitlab.com/g/app:1.0\""
    # must flag: uppercase repository path (through a constant), tag case kept
    DockerOperator(task_id="c", image=BAD, docker_conn_id="gl")  # want DAG103:"uppercase.*use \"registry.gitlab.com/mygroup/etl:1.0\""
    DockerOperator(task_id="d", image="Acme/Tool:V2")  # want DAG103:"use \"acme/tool:V2\""
    # must flag: whitespace (trailing, inner), empty
    DockerOperator(task_id="e", image="python:3.12 ")  # want DAG103:"whitespace.*use \"python:3.12\""
    DockerOperator(task_id="f", image="python: 3.12")  # want DAG103:`whitespace.*\[registry/\]repository`
    DockerOperator(task_id="g", image="")  # want DAG103:"is empty"
    # must flag: bad tag and bad digest
    DockerOperator(task_id="h", image="ghcr.io/acme/etl:")  # want DAG103:"invalid tag"
    DockerOperator(task_id="i", image="ghcr.io/acme/etl:-rc1")  # want DAG103:"invalid tag"
    DockerOperator(task_id="j", image="ghcr.io/acme/etl@sha256:abc")  # want DAG103:"invalid digest"
    # must flag: a bare image ID cannot be pulled
    DockerOperator(task_id="k", image=IMAGE_ID)  # want DAG103:"image ID.*repository and tag or digest"
    DockerOperator(task_id="k2", image="sha256:" + IMAGE_ID)  # want DAG103:"is an image ID"
    # must flag: credentials written into the reference (never quoted back)
    DockerOperator(task_id="u1", image="oauth2:glpat-Ab7Lm2Np9Rt4Vw8Yz3Cd@registry.gitlab.com/g/app:1.0")  # want DAG103:"<credentials>@registry.gitlab.com.*user info.*use \"registry.gitlab.com/g/app:1.0\".*docker_conn_id"
    DockerOperator(task_id="u2", image="https://user:Imag3Passw0rdKK@registry.example.com/app:1.0")  # want DAG103:"user info.*use \"registry.example.com/app:1.0\""
    # must flag: a registry host that is no host name
    DockerOperator(task_id="h1", image="my_registry.example.com/app:1.0", docker_conn_id="gl")  # want DAG103:"registry host that is not a valid host name.*my_registry.example.com.*'_' is not allowed"
    # must flag: Swarm, KPO and @task.docker too
    DockerSwarmOperator(task_id="l", image="http://localhost:5000/etl:1")  # want DAG103:"use \"localhost:5000/etl:1\""
    KubernetesPodOperator(task_id="m", name="m", image="ghcr.io/Acme/etl:1")  # want "DAG103"
    KubernetesPodOperator(task_id="n", name="n", image="")  # want "DAG103"

    # must not flag: valid references of every shape
    DockerOperator(task_id="o", image=GOOD, docker_conn_id="gl")
    DockerOperator(task_id="p", image="python:3.12-slim")
    DockerOperator(task_id="q", image="localhost:5000/etl:1.0")
    DockerOperator(task_id="r", image="[::1]:5000/etl:1.0")
    DockerOperator(task_id="s", image="ghcr.io/acme/etl:V1.2_RC")
    DockerOperator(task_id="t", image="ghcr.io/acme/etl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
    DockerOperator(task_id="u", image="Registry.GitLab.com/acme/etl:1.0", docker_conn_id="gl")
    DockerOperator(task_id="v2", image="sha256:1.0")
    DockerOperator(task_id="v3", image="ghcr.io/acme/etl:" + IMAGE_ID)
    DockerOperator(task_id="v", image="123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:2024-01-01")
    # must not flag: a hyphen in the host and '_' in the path are valid; a tag with a digest is not user info
    DockerOperator(task_id="h2", image="my-registry.example.com/data_team/app_core:1.0", docker_conn_id="gl")
    DockerOperator(task_id="h3", image="python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
    # must not flag: templated or unresolved (never guessed)
    DockerOperator(task_id="w", image="{{ var.value.ETL_IMAGE }}")
    DockerOperator(task_id="x", image="https://{{ var.value.registry }}/etl:1")
    DockerOperator(task_id="y", image=os.getenv("ETL_IMAGE", "python:3.12"))
    DockerOperator(task_id="z", image=f"{os.environ['REGISTRY']}/Etl:1")
    # must not flag: an empty KPO image with a pod template that supplies it
    KubernetesPodOperator(task_id="kt", name="kt", image="", pod_template_file="/opt/templates/etl.yaml")
    KubernetesPodOperator(task_id="ku", name="ku", pod_template_file="/opt/templates/etl.yaml")

bad_defaults = {"image": "https://ghcr.io/acme/etl:1", "retries": 2}  # want DAG103:"use \"ghcr.io/acme/etl:1\""
DockerOperator(task_id="mapped", **bad_defaults)
good_defaults = {"image": "ghcr.io/acme/etl:1", "retries": 2}
DockerOperator(task_id="mapped_ok", **good_defaults)

DockerOperator.partial(task_id="exp").expand(
    image=[
        "ghcr.io/acme/ok:1",
        "ghcr.io/acme/Bad:1",  # want "DAG103"
        "ghcr.io/acme/also-ok@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ]
)


@task.docker(image="HTTPS://ghcr.io/acme/py:3")  # want DAG103:"URL scheme"
def run_bad():
    pass


@task.docker(image="ghcr.io/acme/py:3")
def run_ok():
    pass

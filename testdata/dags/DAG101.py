"""DAG101 fixture: credentials for a private registry with an image that names none."""
import os
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators import docker as docker_ops
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.decorators import dag, task
from airflow.utils.task_group import TaskGroup

IMAGE = "mygroup/etl:1.4.2"
QUALIFIED = "registry.gitlab.com/mygroup/etl:1.4.2"
REGISTRY = "registry.gitlab.com"

DEFAULTS = {"owner": "data", "docker_conn_id": "gitlab_registry"}

with DAG(dag_id="dag101", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # must flag: unqualified image with a connection on the call
    DockerOperator(task_id="a", image="etl:1.0", docker_conn_id="gitlab_registry")  # want DAG101:"docker.io/library/etl:1.0"
    # must flag: through a constant (location is the name at the call)
    DockerOperator(task_id="b", image=IMAGE, docker_conn_id="gitlab_registry")  # want "DAG101"
    # must flag: module-qualified and 1.10 import paths
    docker_ops.DockerOperator(task_id="c", image="team/app:2", docker_conn_id="ghcr")  # want "DAG101"
    LegacyDocker(task_id="d", image="team/app:3", docker_conn_id="ecr-prod")  # want "DAG101"
    DockerSwarmOperator(task_id="e", image="team/app:4", docker_conn_id="harborRegistry")  # want "DAG101"
    # must not flag: qualified images
    DockerOperator(task_id="f", image=QUALIFIED, docker_conn_id="gitlab_registry")
    DockerOperator(task_id="g", image=f"{REGISTRY}/mygroup/etl:1.4.2", docker_conn_id="gitlab_registry")
    DockerOperator(task_id="h", image=REGISTRY + "/mygroup/etl:2", docker_conn_id="gitlab_registry")
    DockerOperator(task_id="i", image="localhost:5000/etl:1", docker_conn_id="local")
    # must not flag: no connection at all (public Docker Hub images are normal)
    DockerOperator(task_id="j", image="python:3.12-slim")
    DockerOperator(task_id="k", image="acme/tool:1.2", docker_conn_id=None)
    # must not flag: templated or unknown image (never guessed)
    DockerOperator(task_id="l", image="{{ var.value.image }}", docker_conn_id="c")
    DockerOperator(task_id="m", image=os.environ["IMAGE"], docker_conn_id="c")
    # must not flag: invalid reference is DAG103's business
    DockerOperator(task_id="n", image="Team/App:1", docker_conn_id="c")
    # must flag: a single non-official name means docker.io/library/..., which serves
    # only official images, whatever registry the connection is for
    DockerOperator(task_id="n2", image="etl:5", docker_conn_id="docker_default")  # want DAG101:"docker.io/library/etl:5, where Docker Hub serves only official images"
    # must not flag: a Docker Hub organisation's image with a connection that does not
    # name another registry (a Docker Hub login is what private Hub images need)
    DockerOperator(task_id="n3", image="acme/etl:production", docker_conn_id="docker_default")
    DockerOperator(task_id="n4", image="acme/etl:1.0", docker_conn_id="dockerhub")
    DockerOperator(task_id="n5", image="acme/etl:1.0", docker_conn_id=os.environ["CONN"])
    DockerOperator(task_id="n6", image="python:3.12-slim", docker_conn_id="docker_default")
    # must not flag: the short registry words (ecr, gar, acr, aws ...) count only as whole
    # words of the connection id, not inside another word
    DockerOperator(task_id="n6b", image="acme/etl:1.0", docker_conn_id="garage_hub")
    DockerOperator(task_id="n6c", image="python:3.12-slim", docker_conn_id="lawson-dockerhub")
    # must flag: an official image with a connection named for another registry
    DockerOperator(task_id="n7", image="python:3.12-slim", docker_conn_id="gitlab_ci")  # want "DAG101"

with DAG(dag_id="dag101_defaults", default_args=DEFAULTS, start_date=datetime(2024, 1, 1)) as dag2:
    # must flag: docker_conn_id from default_args
    DockerOperator(task_id="o", image="etl:2.0")  # want "DAG101"
    with TaskGroup("grp", default_args={"docker_conn_id": None}):
        # must not flag: the task group resets the connection
        DockerOperator(task_id="p", image="etl:2.1")

common = dict(docker_conn_id="gitlab_registry", image="plain:1")  # want "DAG101"
DockerOperator(task_id="q", **common)

# partial/expand: each expanded literal is checked
DockerOperator.partial(task_id="r", docker_conn_id="c").expand(image=["one:1", "registry.gitlab.com/g/two:1"])  # want "DAG101"


@dag(default_args={"docker_conn_id": "gitlab_registry"}, start_date=datetime(2024, 1, 1))
def decorated():
    @task.docker(image="etl:3.0")  # want "DAG101"
    def run_it():
        pass

    @task.docker(image="registry.gitlab.com/g/etl:3.0")
    def run_ok():
        pass

    run_it()
    run_ok()


decorated()

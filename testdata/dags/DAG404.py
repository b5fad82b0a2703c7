"""DAG404 fixture: host networking."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators import docker as docker_ops
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

IMAGE = "registry.example.com/data/scraper:2.0"
HOST = "host"
NET = {"network_mode": "host"}  # want "DAG404"

with DAG(
    dag_id="dag404",
    start_date=datetime(2024, 1, 1),
    default_args={"network_mode": "host"},  # want DAG404:"network_mode \"host\""
):
    # must flag (at the default_args entry above): inherits host networking
    DockerOperator(task_id="a", image=IMAGE)
    # must flag: on the call, through a constant, f-string, 1.10 path, module-qualified
    DockerOperator(task_id="b", image=IMAGE, network_mode="host")  # want DAG404:"bridge network"
    DockerOperator(task_id="c", image=IMAGE, network_mode=HOST)  # want "DAG404"
    LegacyDocker(task_id="d", image=IMAGE, network_mode=f"{HOST}")  # want "DAG404"
    docker_ops.DockerOperator(task_id="e", image=IMAGE, network_mode="ho" "st")  # want "DAG404"
    # must flag: **mapping
    DockerOperator(task_id="f", image=IMAGE, **NET)
    # must flag: expanded element
    DockerOperator.partial(task_id="g", image=IMAGE).expand(network_mode=["bridge", "host"])  # want "DAG404"
    # must not flag: other modes, unknown and templated values
    DockerOperator(task_id="h", image=IMAGE, network_mode="bridge")
    DockerOperator(task_id="i", image=IMAGE, network_mode="none")
    DockerOperator(task_id="j", image=IMAGE, network_mode="container:sidecar")
    DockerOperator(task_id="k", image=IMAGE, network_mode="scraper-net")
    DockerOperator(task_id="l", image=IMAGE, network_mode=os.environ["NETWORK_MODE"])
    DockerOperator(task_id="m", image=IMAGE, network_mode="{{ params.network }}")
    DockerOperator(task_id="n", image=IMAGE, network_mode="Host-Net")
    # must not flag: Swarm ignores network_mode (it uses networks)
    DockerSwarmOperator(task_id="o", image=IMAGE, network_mode="host")
    with TaskGroup("isolated", default_args={"network_mode": "bridge"}):
        # must not flag: the task group overrides the DAG's default
        DockerOperator(task_id="p", image=IMAGE)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, network_mode="host")  # want "DAG404"
    def scrape():
        pass

    @task.docker(image=IMAGE, network_mode="bridge")
    def isolated():
        pass

    scrape()
    isolated()


decorated()

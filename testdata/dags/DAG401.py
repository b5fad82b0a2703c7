"""DAG401 fixture: privileged containers."""
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

IMAGE = "registry.example.com/tools/fuse:1.2"
PRIVILEGED = True
PRIV_DEFAULTS = {"owner": "ops", "privileged": True}  # want "DAG401"
RUN_OPTS = dict(privileged=True, auto_remove="success")  # want "DAG401"

with DAG(dag_id="dag401", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: on the call, through a constant, module-qualified, 1.10 path
    DockerOperator(task_id="a", image=IMAGE, privileged=True)  # want DAG401:"privileged=True.*cap_add"
    DockerOperator(task_id="b", image=IMAGE, privileged=PRIVILEGED)  # want "DAG401"
    docker_ops.DockerOperator(task_id="c", image=IMAGE, privileged=True)  # want "DAG401"
    LegacyDocker(task_id="d", image=IMAGE, privileged=True)  # want "DAG401"
    # must flag: **mapping (location is the mapping entry)
    DockerOperator(task_id="e", image=IMAGE, **RUN_OPTS)
    # must flag: partial, and expand when any value is True
    DockerOperator.partial(task_id="f", privileged=True).expand(image=[IMAGE])  # want "DAG401"
    DockerOperator.partial(task_id="g", image=IMAGE).expand(privileged=[False, True])  # want "DAG401"

    # must not flag: False, None, unknown, templated
    DockerOperator(task_id="h", image=IMAGE, privileged=False)
    DockerOperator(task_id="i", image=IMAGE, privileged=None)
    DockerOperator(task_id="j", image=IMAGE, privileged=os.environ.get("PRIVILEGED") == "1")
    DockerOperator(task_id="k", image=IMAGE, privileged="{{ params.privileged }}")
    # must not flag: specific capabilities instead
    DockerOperator(task_id="l", image=IMAGE, cap_add=["NET_ADMIN", "NET_RAW"])
    # must not flag: Swarm services have no privileged mode; KPO is not a Docker call
    DockerSwarmOperator(task_id="m", image=IMAGE, privileged=True)
    KubernetesPodOperator(task_id="n", name="n", image=IMAGE, privileged=True)
    # must not flag: expand with only False
    DockerOperator.partial(task_id="o", image=IMAGE).expand(privileged=[False, False])

with DAG(dag_id="dag401_defaults", default_args=PRIV_DEFAULTS, start_date=datetime(2024, 1, 1)):
    # must flag (at the default_args entry above): inherits privileged
    DockerOperator(task_id="p", image=IMAGE)
    with TaskGroup("reset", default_args={"privileged": False}):
        # must not flag: the task group resets it
        DockerOperator(task_id="q", image=IMAGE)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, privileged=True)  # want "DAG401"
    def run_privileged():
        pass

    @task.docker(image=IMAGE, privileged=False)
    def run_plain():
        pass

    run_privileged()
    run_plain()


decorated()

"""DAG402 fixture: the Docker socket bound into the container."""
import os
from datetime import datetime

import docker
from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from docker.types import Mount
from docker import types as dtypes

IMAGE = "registry.example.com/ci/builder:1.0"
SOCKET = "/var/run/docker.sock"
SOCKET_MOUNT = Mount(source="/var/run/docker.sock", target="/var/run/docker.sock", type="bind")  # want DAG402:"mounts binds \"/var/run/docker.sock\", the Docker daemon's socket"
DATA_MOUNT = Mount(source="/srv/data", target="/data", type="bind", read_only=True)
SHARED = {"mounts": [Mount(target="/run/docker.sock", source="/run/docker.sock", type="bind")]}  # want "DAG402"

with DAG(dag_id="dag402", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: keyword, positional (target, source, type), through a constant
    DockerOperator(task_id="a", image=IMAGE, mounts=[SOCKET_MOUNT, DATA_MOUNT])
    DockerOperator(task_id="b", image=IMAGE, mounts=[Mount("/var/run/docker.sock", "/var/run/docker.sock", "bind")])  # want "DAG402"
    DockerOperator(task_id="c", image=IMAGE, mounts=[Mount(source=SOCKET, target="/sock", type="bind")])  # want "DAG402"
    # must flag: module-qualified Mount, parse_mount_string, a raw mount dict
    DockerOperator(task_id="d", image=IMAGE, mounts=[docker.types.Mount(target="/d.sock", source="/run/docker.sock/", type="bind")])  # want "DAG402"
    DockerOperator(task_id="e", image=IMAGE, mounts=[dtypes.Mount.parse_mount_string("/var/run/docker.sock:/var/run/docker.sock:ro")])  # want DAG402:"binds \"/var/run/docker.sock\", the Docker daemon's socket"
    DockerOperator(task_id="f", image=IMAGE, mounts=[{"Source": "/var/run/docker.sock", "Target": "/s", "Type": "bind"}])  # want "DAG402"
    # must flag: rootless socket and the folder holding the socket
    DockerOperator(task_id="g", image=IMAGE, mounts=[Mount(target="/s", source="/run/user/1000/docker.sock", type="bind")])  # want "DAG402"
    DockerOperator(task_id="h", image=IMAGE, mounts=[Mount(target="/host-run", source="/var/run", type="bind")])  # want DAG402:"folder holding"
    # must flag: Airflow 1.10 volumes strings, Swarm, **mapping
    LegacyDocker(task_id="i", image=IMAGE, volumes=["/var/run/docker.sock:/var/run/docker.sock"])  # want DAG402:"volumes binds \"/var/run/docker.sock\","
    DockerSwarmOperator(task_id="j", image=IMAGE, mounts=[SOCKET_MOUNT])
    DockerOperator(task_id="k", image=IMAGE, **SHARED)
    # must flag: partial/expand
    DockerOperator.partial(task_id="l", image=IMAGE, mounts=[Mount(source=SOCKET, target="/s", type="bind")]).expand(command=["a", "b"])  # want "DAG402"
    DockerOperator.partial(task_id="m", image=IMAGE).expand(mounts=[[DATA_MOUNT], [Mount(source="/run/docker.sock", target="/s", type="bind")]])  # want "DAG402"

    # must not flag: other host paths, named volumes, tmpfs
    DockerOperator(task_id="n", image=IMAGE, mounts=[DATA_MOUNT])
    DockerOperator(task_id="o", image=IMAGE, mounts=[Mount(source="docker.sock", target="/var/run/docker.sock")])
    DockerOperator(task_id="p", image=IMAGE, mounts=[Mount(source=None, target="/tmp", type="tmpfs")])
    DockerOperator(task_id="q", image=IMAGE, mounts=[Mount(source="/var/run/docker.sock.d", target="/x", type="bind")])
    DockerOperator(task_id="r", image=IMAGE, mounts=[Mount(source="/var/run/docker", target="/x", type="bind")])
    # must not flag: without type="bind" docker-py makes a named volume
    DockerOperator(task_id="s", image=IMAGE, mounts=[Mount(source="/var/run/docker.sock", target="/var/run/docker.sock")])
    # must not flag: socket path only on the container side, or in a named volume spec
    LegacyDocker(task_id="t", image=IMAGE, volumes=["/srv/sock:/var/run/docker.sock", "docker.sock:/x"])
    # must not flag: unknown source, unknown type, an unknown Mount class
    DockerOperator(task_id="u", image=IMAGE, mounts=[Mount(source=os.environ["SRC"], target="/x", type="bind")])
    DockerOperator(task_id="v", image=IMAGE, mounts=[Mount(source=SOCKET, target="/x", type=os.environ["T"])])
    DockerOperator(task_id="w", image=IMAGE, mounts=[MyMount(source=SOCKET, target="/x", type="bind")])
    # must not flag: KPO volumes are Kubernetes objects
    KubernetesPodOperator(task_id="x", name="x", image=IMAGE, volumes=["/var/run/docker.sock:/var/run/docker.sock"])


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, mounts=[Mount(source="/var/run/docker.sock", target="/var/run/docker.sock", type="bind")])  # want "DAG402"
    def with_socket():
        pass

    @task.docker(image=IMAGE, mounts=[DATA_MOUNT])
    def with_data():
        pass

    with_socket()
    with_data()


decorated()

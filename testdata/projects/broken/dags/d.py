import os.path

from airflow.providers.docker.operators.docker import DockerOperator

from include.chain.m0 import DEEP
from include.chain.m35 import DEEP as NEAR
from include.missing import MISSING
from include.ok import GOOD, NOPE
from include.syntax import IMAGE

DockerOperator(task_id="a", image=IMAGE, docker_conn_id="ghcr")
DockerOperator(task_id="b", image=MISSING, docker_conn_id="ghcr")
DockerOperator(task_id="c", image=NOPE, docker_conn_id="ghcr")
DockerOperator(task_id="d", image=os.path.sep, docker_conn_id="ghcr")
DockerOperator(task_id="e", image=DEEP, docker_conn_id="ghcr")
DockerOperator(task_id="f", image=NEAR, docker_conn_id="ghcr")  # want DAG102:"deep:latest"
DockerOperator(task_id="g", image=GOOD, docker_conn_id="ghcr")  # want DAG102:"good:latest"

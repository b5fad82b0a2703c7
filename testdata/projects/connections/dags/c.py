from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

from include.settings import DEFAULT_ARGS, GITLAB_CONN, TYPO_CONN

IMAGE = "registry.gitlab.com/acme/etl:1.0"

DockerOperator(task_id="a", image=IMAGE, docker_conn_id=GITLAB_CONN)
DockerOperator(task_id="b", image=IMAGE, docker_conn_id=TYPO_CONN)  # want DAG205:"gitlab_registry"

with DAG("d", default_args=DEFAULT_ARGS):  # want DAG205:"gitlab_registy"
    DockerOperator(task_id="c", image=IMAGE)

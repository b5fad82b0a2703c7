"""DAG001 fixture: an unclosed call; the rest of the file is still linted."""
from airflow.providers.docker.operators.docker import DockerOperator

config = dict(retries=2  # want "DAG001"

run = DockerOperator(task_id="run", image="registry.gitlab.com/g/app:1.0", docker_conn_id="gitlab")

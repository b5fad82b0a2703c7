"""DAG104 fixture: without allowed-registries the rule is off."""
from airflow.providers.docker.operators.docker import DockerOperator

# must not flag: no allowed-registries configured
DockerOperator(task_id="a", image="quay.io/acme/etl:1.0", docker_conn_id="quay")
DockerOperator(task_id="b", image="python:3.12-slim")
DockerOperator(task_id="c", image="gcr.io/acme/etl:1")

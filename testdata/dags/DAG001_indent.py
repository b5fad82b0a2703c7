"""DAG001 fixture: unexpected indentation."""
from airflow.providers.docker.operators.docker import DockerOperator

op = DockerOperator(task_id="a", image="python:3.12-slim")
    op2 = DockerOperator(task_id="b", image="python:3.12-slim")  # want "DAG001"

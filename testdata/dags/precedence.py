"""Precedence between rules (RULES.md "Precedence"): every rule runs on this
fixture, so each line shows the one finding that wins and no other."""
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

IMAGE_ID = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

with DAG(dag_id="precedence", start_date=datetime(2024, 1, 1), schedule=None):
    # DAG103 over DAG101: an image ID with a connection for another registry
    DockerOperator(task_id="a", image=IMAGE_ID, docker_conn_id="gitlab_registry")  # want "DAG103"
    # DAG103 over DAG102/DAG105: an image ID has no tag and is no single name either
    DockerOperator(task_id="b", image="0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")  # want "DAG103"
    # DAG103 over DAG203: credentials in the reference, no docker_conn_id
    DockerOperator(task_id="c", image="ci:Hunt3rPassw0rdZZ@registry.gitlab.com/g/app:1.0")  # want "DAG103"
    # DAG103 over DAG101 and DAG203: an invalid host
    DockerOperator(task_id="d", image="my_registry.example.com/app:latest", docker_conn_id="gitlab")  # want "DAG103"
    # DAG201 over DAG204: one entry, one credential finding
    DockerOperator(
        task_id="e",
        image="registry.gitlab.com/g/app:1.0",
        docker_conn_id="gitlab",
        environment={"DOCKER_PASSWORD": "{{ var.value.registry_password }}"},  # want "DAG201"
    )
    # DAG301 over DAG302: one literal, one secret finding
    DockerOperator(
        task_id="f",
        image="registry.gitlab.com/g/app:1.0",
        docker_conn_id="gitlab",
        private_environment={"API_TOKEN": "glpat-Zz7Lm2Np9Rt4Vw8Yz3Ef"},  # want "DAG301"
    )

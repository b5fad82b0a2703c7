"""DAG203 fixture: public-registries configured by the project."""
# ruletest: public-registries=ghcr.io,quay.io,harbor.corp.example:8443
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(dag_id="dag203_public", start_date=datetime(2024, 1, 1), schedule=None):
    # must not flag: configured as public (host and port must match)
    DockerOperator(task_id="a", image="ghcr.io/acme/tool:2")
    DockerOperator(task_id="b", image="quay.io/prometheus/node-exporter:v1.8.0")
    DockerOperator(task_id="c", image="harbor.corp.example:8443/data/loader:7")
    DockerOperator(task_id="d", image="GHCR.io/acme/tool:3")
    # must flag: not in the configured list (docker.io is no longer listed, but
    # an unqualified name is Docker Hub and DAG101/DAG105's business)
    DockerOperator(task_id="e", image="registry.gitlab.com/g/etl:1")  # want "DAG203"
    DockerOperator(task_id="f", image="harbor.corp.example/data/loader:7")  # want "DAG203"
    DockerOperator(task_id="g", image="docker.io/library/python:3.12")  # want DAG203:"on docker.io"
    DockerOperator(task_id="h", image="python:3.12")

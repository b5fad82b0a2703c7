"""DAG203 fixture: public-registries entries that name a namespace on a mixed registry."""
# ruletest: public-registries=docker.io,ghcr.io/opendata,quay.io/acme/tools/
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(dag_id="dag203_namespace", start_date=datetime(2024, 1, 1), schedule=None):
    # must not flag: under a namespace the project publishes publicly
    DockerOperator(task_id="a", image="ghcr.io/opendata/loader:1.2")
    DockerOperator(task_id="b", image="ghcr.io/opendata/sub/path:3")
    DockerOperator(task_id="c", image="quay.io/acme/tools/cli:2")
    DockerOperator(task_id="d", image="python:3.12")
    # must flag: same registry, another namespace (or only a name prefix)
    DockerOperator(task_id="e", image="ghcr.io/private-team/etl:1")  # want "DAG203"
    DockerOperator(task_id="f", image="ghcr.io/opendata-internal/etl:1")  # want "DAG203"
    DockerOperator(task_id="g", image="quay.io/acme/other:2")  # want "DAG203"

"""DAG203 with a connections source: the message names the connection for the image's registry."""
# ruletest: connections=connections/airflow_settings.yaml
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(dag_id="dag203_conns", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag, naming the defined connection for the registry
    DockerOperator(task_id="a", image="registry.gitlab.com/mygroup/etl:1.4.2")  # want DAG203:"add docker_conn_id=\"gitlab_registry\", the Docker connection for registry.gitlab.com \\(.*airflow_settings.yaml:[0-9]+\\)"
    DockerOperator(task_id="b", image="harbor.corp.example:8443/data/loader:7")  # want DAG203:"docker_conn_id=\"harbor\""
    # must flag, with the generic advice: no connection for quay.io there
    DockerOperator(task_id="c", image="quay.io/acme/tool:2")  # want DAG203:"add docker_conn_id=\"...\" naming a Docker connection for quay.io"
    # must not flag: the connection is given
    DockerOperator(task_id="d", image="registry.gitlab.com/mygroup/etl:1.4.2", docker_conn_id="gitlab_registry")

"""Precedence between rules with a connections source (RULES.md "Precedence"):
every rule runs on this fixture, so each line shows the one finding that wins."""
# ruletest: connections=connections/airflow_settings.yaml
from airflow.providers.docker.operators.docker import DockerOperator

# DAG101 over DAG205: the image names no registry, the connection logs in to registry.gitlab.com
DockerOperator(task_id="a", image="mygroup/etl:1.4.2", docker_conn_id="gitlab_registry")  # want "DAG101"
DockerOperator(task_id="b", image="etl-runner:1.0", docker_conn_id="gitlab_registry")  # want "DAG101"
# DAG205 alone: a qualified image on another registry than the connection's
DockerOperator(task_id="c", image="ghcr.io/acme/tool:2", docker_conn_id="gitlab_registry")  # want "DAG205"
# must not flag: the image is on the connection's registry, or Docker Hub with its connection
DockerOperator(task_id="d", image="registry.gitlab.com/mygroup/etl:1.4.2", docker_conn_id="gitlab_registry")
DockerOperator(task_id="e", image="mygroup/etl:1.4.2", docker_conn_id="dockerhub")

"""DAG104 fixture: an empty allowed-registries list allows no registry."""
# ruletest: allowed-registries=
from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(task_id="a", image="registry.gitlab.com/acme/etl:1.0", docker_conn_id="gl")  # want DAG104:"allowed-registries is empty"
DockerOperator(task_id="b", image="python:3.12-slim")  # want "DAG104"
# must not flag: templated and invalid images
DockerOperator(task_id="c", image="{{ params.image }}")
DockerOperator(task_id="d", image="Bad Image")
DockerOperator(task_id="e", image="")

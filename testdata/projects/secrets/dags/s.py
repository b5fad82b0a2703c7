from airflow.providers.docker.operators.docker import DockerOperator

from include import creds
from include.creds import DB_PASSWORD

DockerOperator(task_id="a", image="etl:1.0", docker_conn_id=DB_PASSWORD)  # want DAG101:"docker_conn_id \"s3c…\\(14 chars\\)\""
DockerOperator(
    task_id="b",
    image="python:3.12",
    environment={"DB_PASSWORD": DB_PASSWORD, "MODE": "batch"},  # want DAG204:"DB_PASSWORD"
)
DockerOperator(task_id="c", image="python:3.12", environment=creds.ENV)  # want DAG204:"DB_PASSWORD"
DockerOperator(task_id="d", image="python:3.12", environment={"MODE": creds.ENV["MODE"]})

"""Seed example 2, corrected: no token is read from a file at parse time."""
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(
    dag_id='gitlab_private_image_config',
    start_date=datetime(2023, 10, 26),
    schedule=None,
    catchup=False,
) as dag:
    pull_image = DockerOperator(
        task_id='pull_gitlab_image_config',
        image='registry.gitlab.com/mygroup/myimage:1.4.2',
        docker_conn_id='gitlab_registry',
        command=['sleep', '60'],
        docker_url="unix:///var/run/docker.sock",
    )

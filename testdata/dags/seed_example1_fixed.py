"""Seed example 1, corrected: the pull authenticates through a Docker connection.

Create the connection once (UI, CLI or secrets backend):
    airflow connections add gitlab_registry --conn-type docker \
        --conn-host registry.gitlab.com --conn-login <user> --conn-password <token>
"""
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(
    dag_id='gitlab_private_image',
    start_date=datetime(2023, 10, 26),
    schedule=None,
    catchup=False,
) as dag:
    pull_image = DockerOperator(
        task_id='pull_gitlab_image',
        image='registry.gitlab.com/mygroup/myimage:1.4.2',
        docker_conn_id='gitlab_registry',
        command=['sleep', '60'],
        docker_url="unix:///var/run/docker.sock",
    )

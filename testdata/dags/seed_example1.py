"""Seed example 1 ("Using Environment Variables (Recommended)"), with the imports the snippet omitted.

The token in environment never reaches `docker pull`: it is set inside the
container after the pull, and environment is templated and shown in the UI.
"""
import os
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(
    dag_id='gitlab_private_image',
    start_date=datetime(2023, 10, 26),
    schedule=None,
    catchup=False,
) as dag:
    pull_image = DockerOperator(  # want "DAG203"
        task_id='pull_gitlab_image',
        image='registry.gitlab.com/mygroup/myimage:latest',  # want "DAG102"
        command=['sleep', '60'], # Example command, replace as needed
        docker_url="unix:///var/run/docker.sock",
        network_mode="host", # Adjust if necessary  # want "DAG404"
        environment={'DOCKER_REGISTRY_PASSWORD': os.environ.get('GITLAB_TOKEN')}  # want DAG201:"DOCKER_REGISTRY_PASSWORD.*docker_conn_id"
    )

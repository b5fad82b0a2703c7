"""Seed example 3 ("Using a Custom Auth Config (Advanced)"), with the imports the snippet omitted.

DockerOperator has no auth_config parameter: Airflow 2 refuses the DAG.
"""
import os
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
import json

with DAG(
    dag_id='gitlab_private_image_auth_config',
    start_date=datetime(2023, 10, 26),
    schedule=None,
    catchup=False,
) as dag:
    pull_image = DockerOperator(  # want "DAG203"
        task_id='pull_gitlab_image_auth_config',
        image='registry.gitlab.com/mygroup/myimage:latest',  # want "DAG102"
        command=['sleep', '60'],
        docker_url="unix:///var/run/docker.sock",
        auth_config={  # want DAG202:"docker_conn_id"
            "username": "your_username",
            "password": os.environ.get('GITLAB_TOKEN')
        }
    )

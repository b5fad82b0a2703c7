"""Seed example 2 ("Using a Config File (Less Recommended)"), with the imports the snippet omitted."""
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
import configparser

config = configparser.ConfigParser()
config.read('docker_config.ini')

with DAG(
    dag_id='gitlab_private_image_config',
    start_date=datetime(2023, 10, 26),
    schedule=None,
    catchup=False,
) as dag:
    pull_image = DockerOperator(  # want "DAG203"
        task_id='pull_gitlab_image_config',
        image='registry.gitlab.com/mygroup/myimage:latest',  # want "DAG102"
        command=['sleep', '60'],
        docker_url="unix:///var/run/docker.sock",
        environment={'GITLAB_TOKEN': config['docker']['gitlab_token']}  # want "DAG201" "DAG303"
    )


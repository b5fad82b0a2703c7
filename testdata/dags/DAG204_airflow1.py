"""DAG204 fixture on Airflow 1.10: the core DockerOperator has no private_environment."""
# ruletest: airflow-version=1.10
import os
from datetime import datetime

from airflow import DAG
from airflow.operators.docker_operator import DockerOperator
from airflow.providers.docker.operators.docker import DockerOperator as BackportDocker

with DAG(dag_id="dag204_af1", start_date=datetime(2020, 1, 1), schedule_interval=None) as dag:
    # must flag, with no fix: moving the entry would pass an argument 1.10 ignores
    DockerOperator(task_id="core", image="python:3.12", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})  # want DAG204:"has no private_environment"
    # must flag, with the usual advice: the backport provider takes private_environment
    BackportDocker(task_id="backport", image="python:3.12", environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})  # want DAG204:"pass it in private_environment instead"
    # must not flag
    DockerOperator(task_id="plain", image="python:3.12", environment={"DB_HOST": "db"})
    BackportDocker(task_id="private", image="python:3.12", private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})

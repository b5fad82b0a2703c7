"""DAG202 fixture on Airflow 1.10: unknown arguments only warn and are ignored."""
# ruletest: airflow-version=1.10
from datetime import datetime

from airflow import DAG
from airflow.operators.docker_operator import DockerOperator
from airflow.providers.docker.operators.docker import DockerOperator as BackportDocker

with DAG(dag_id="dag202_af1", start_date=datetime(2020, 1, 1), schedule_interval=None) as dag:
    # must flag: ignored with a warning, so the pull stays anonymous
    DockerOperator(task_id="auth", image="registry.gitlab.com/a/b:1", auth_config={"username": "ci"})  # want DAG202:"Airflow 1.10 warns and ignores it"
    DockerOperator(task_id="typo", image="registry.gitlab.com/a/b:1", docker_connid="gitlab")  # want DAG202:"docker_conn_id"

    DockerOperator(task_id="ctx", image="registry.gitlab.com/a/b:1", provide_context=True)  # want DAG202:"provide_context"
    # must flag: Airflow 1.10's own DockerOperator has no private_environment (the backport provider added it)
    DockerOperator(task_id="priv", image="registry.gitlab.com/a/b:1", private_environment={"A": "1"})  # want DAG202:"private_environment"

    # must not flag: the backport provider's DockerOperator on 1.10 has private_environment
    BackportDocker(task_id="priv_ok", image="registry.gitlab.com/a/b:1", private_environment={"A": "1"})
    # must not flag: 1.10 parameters (volumes and xcom_push still exist there)
    DockerOperator(task_id="ok", image="registry.gitlab.com/a/b:1", volumes=["/a:/a"], xcom_push=True, docker_conn_id="gitlab")
    DockerOperator(task_id="ok2", image="registry.gitlab.com/a/b:1", auto_remove=True, task_concurrency=1)

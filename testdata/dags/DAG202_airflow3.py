"""DAG202 fixture on Airflow 3: provider 4.x parameters and Airflow 3's BaseOperator."""
# ruletest: airflow-version=3
from datetime import datetime

from airflow.providers.docker.operators.docker import DockerOperator
from airflow.sdk import DAG, task

IMAGE = "ghcr.io/acme/etl:2.0.0"

with DAG(dag_id="dag202_af3", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: removed in docker provider 4.0.0, renamed
    DockerOperator(task_id="skip", image=IMAGE, skip_exit_code=100)  # want DAG202:"Airflow 3 raises a TypeError.*skip_on_exit_code"
    # must flag: removed in Airflow 3.0
    DockerOperator(task_id="conc", image=IMAGE, task_concurrency=2)  # want DAG202:"max_active_tis_per_dag"
    # must flag: auth_config on any version
    DockerOperator(task_id="auth", image=IMAGE, auth_config={"username": "ci"})  # want DAG202:"docker_conn_id"
    DockerOperator(task_id="vol", image=IMAGE, volumes=["/a:/a"])  # want DAG202:"mounts"

    # must not flag: the replacements and current parameters
    DockerOperator(task_id="ok", image=IMAGE, skip_on_exit_code=100, max_active_tis_per_dag=2, mount_tmp_dir=False)

    @task.docker(image=IMAGE, use_dill=True)  # want DAG202:"serializer"
    def legacy():
        pass

    @task.docker(image=IMAGE, serializer="dill")
    def current():
        pass

    legacy()
    current()

"""DAG204 on @task.docker arguments: op_args/op_kwargs reach the container's environment."""
import os
from datetime import datetime

from airflow.decorators import dag, task
from airflow.models import Variable

IMAGE = "registry.example.com/etl/report:2.1"
API_TOKEN = "q8W2e4R6t8Y0u2I4o6P8"


@task.docker(image=IMAGE, docker_conn_id="registry")
def report(day, api_token=None, password=None, mode="full"):
    print(day, mode)


def notify(channel, password=None):
    print(channel, password)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def reports():
    # must flag: a secret value or a secret-named argument
    report("2024-01-01", api_token=Variable.get("report_api_token"))  # want DAG204:"argument \"api_token\" of the @task.docker function report .*__PYTHON_INPUT.*private_environment"
    report("2024-01-01", password=os.environ["DB_PASSWORD"])  # want DAG204:"secret variable \"DB_PASSWORD\""
    report("2024-01-01", api_token=API_TOKEN)  # want "DAG204"
    report("2024-01-01", Variable.get("warehouse_password"))  # want DAG204:"argument \"api_token\""
    # must not flag: ordinary arguments, placeholders, None
    report("2024-01-01", mode="delta")
    report("2024-01-01", api_token=None)
    report("2024-01-01", password="<your-password>")
    report(day="{{ ds }}")
    # must not flag: a plain function's arguments never reach a container
    notify("ops", password=os.environ["DB_PASSWORD"])
    notify("ops", Variable.get("warehouse_password"))


reports()

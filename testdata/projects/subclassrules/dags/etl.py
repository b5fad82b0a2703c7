from datetime import datetime

from airflow import DAG

from company.ops import (
    HostOperator,
    HubOperator,
    LocalOperator,
    LoginOperator,
    NoConnOperator,
    RegistryEnvOperator,
    SafeOperator,
    SecretConnOperator,
    SettingsOperator,
    SwarmOperator,
)

with DAG(dag_id="etl", start_date=datetime(2024, 1, 1), schedule=None):
    # Findings on what the subclass passes are located at the call.
    HostOperator(task_id="a")  # want "DAG402" "DAG403" "DAG404"
    RegistryEnvOperator(task_id="b")  # want DAG201:"DOCKER_PASSWORD" DAG206:"private_environment"
    NoConnOperator(task_id="c")  # want DAG203:"ghcr.io"
    NoConnOperator(task_id="d", docker_conn_id="ghcr")  # the call gives the connection
    HubOperator(task_id="e")  # want DAG101:"acme/app:1.0"
    LocalOperator(task_id="f")  # want DAG105:"etl-runner:1.0"
    LoginOperator(task_id="h")  # want DAG305:"docker login"
    SecretConnOperator(task_id="j")  # want DAG101:"docker_conn_id \"s3c…\\(14 chars\\)\""
    SwarmOperator(task_id="k")  # a subclass may use network_mode itself
    SafeOperator(task_id="l")
    SafeOperator(task_id="m", retries=2, environment={"MODE": "batch"})
    SettingsOperator(task_id="n")  # want DAG303:"\"API_TOKEN\" in environment is read from a file when the DAG is parsed \\(key \"token\"\\);" DAG204:"API_TOKEN"

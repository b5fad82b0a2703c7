"""DAG204 fixture with CRLF line endings: the fix writes its new lines the same way."""
import os

from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="load",
    image="ghcr.io/acme/loader:2.1.0",
    environment={
        "DB_HOST": "db",
        "DB_PASSWORD": os.environ["DB_PASSWORD"],  # rotated monthly  # want "DAG204"
        "LOG_LEVEL": "info",
    },
)

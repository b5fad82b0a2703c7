from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

import include.images
import include.images as img
from include import images
from include.images import BY_DIGEST, ETL, LOCAL, PINNED, REASSIGNED, TAGS
from include.settings import DEFAULT_ARGS

with DAG("etl", default_args=DEFAULT_ARGS):
    DockerOperator(task_id="a", image=ETL)  # want DAG102:"ghcr.io/acme/etl:latest"
    DockerOperator(task_id="b", image=PINNED)
    DockerOperator(task_id="c", image=BY_DIGEST)
    DockerOperator(task_id="d", image=REASSIGNED)
    DockerOperator(task_id="e", image=LOCAL)
    DockerOperator(task_id="f", image=images.ETL)  # want "DAG102"
    DockerOperator(task_id="g", image=include.images.PINNED + "-slim")
    DockerOperator(task_id="h", image=img.REGISTRY + "/loader")  # want DAG102:"no tag"
    DockerOperator(task_id="i", image=f"{images.REGISTRY}/loader:{TAGS['loader']}")
    DockerOperator(task_id="j", image=f"{images.REGISTRY}/etl:{TAGS['etl']}")  # want "DAG102"
    # The connection of default_args is for GitLab's registry: this image
    # comes from Docker Hub, which never gets those credentials.
    DockerOperator(task_id="k", image="acme/loader:2.0")  # want DAG101:"gitlab_registry"

from include.images import PROD

DockerOperator(task_id="p", image=PROD)

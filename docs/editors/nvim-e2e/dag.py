"""Neovim end-to-end check (nvim-e2e.sh): findings after non-ASCII text, a
safe fix, an unused suppression, an image imported from include/images.py."""
from airflow.providers.docker.operators.docker import DockerOperator

IMAGE = "ubuntu:latest"
a = DockerOperator(task_id="é🙂", image="python:latest", force_pul=True)
b = DockerOperator(task_id="b", image=IMAGE, force_pull=True)
c = DockerOperator(task_id="c", image="python:3.12", force_pull=True)  # noqa: DAG101
from include.images import ETL  # defined in another module of the project
d = DockerOperator(task_id="d", image=ETL, force_pull=True)

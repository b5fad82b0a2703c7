"""Fixture of the Neovim end-to-end check (nvim-e2e.sh): findings after
non-ASCII text on their line, a safe fix and an unused suppression."""
from airflow.providers.docker.operators.docker import DockerOperator

IMAGE = "ubuntu:latest"
a = DockerOperator(task_id="é🙂", image="python:latest", force_pul=True)
b = DockerOperator(task_id="b", image=IMAGE, force_pull=True)
c = DockerOperator(task_id="c", image="python:3.12", force_pull=True)  # noqa: DAG101

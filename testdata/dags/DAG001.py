"""DAG001 fixture: Python 2 syntax that CPython rejects; the call after it is still analysed."""
from airflow.providers.docker.operators.docker import DockerOperator

print "building tasks"  # want DAG001:"print"

DockerOperator(task_id="after_the_error", image="python:3.12-slim")

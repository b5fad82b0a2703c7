from airflow.providers.docker.operators.docker import DockerOperator

from company.images import IMAGE
from other import IMAGE as OTHER

DockerOperator(task_id="a", image=IMAGE, docker_conn_id="team")  # want DAG102:"team/app:latest"
DockerOperator(task_id="b", image=OTHER, docker_conn_id="team")

from airflow.providers.docker.operators.docker import DockerOperator

from include.a import A_IMAGE, FROM_B, LOOP_A
from include.b import FROM_A, SELF

DockerOperator(task_id="a", image=A_IMAGE)  # want DAG102:"ghcr.io/acme/a:latest"
DockerOperator(task_id="b", image=FROM_B)  # want DAG102:"ghcr.io/acme/b:latest"
DockerOperator(task_id="c", image=FROM_A)  # want DAG102:"ghcr.io/acme/a:latest"
DockerOperator(task_id="d", image=LOOP_A)
DockerOperator(task_id="e", image=SELF)

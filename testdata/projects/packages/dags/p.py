from airflow.providers.docker.operators.docker import DockerOperator

from acme import ETL, SHARED, _PRIVATE, tags
from acme.sub import HIDDEN, PUBLIC, parent_tags
from acme.tags import *
from shared.ns_a import A
from shared.ns_b import B
import shared.ns_b

DockerOperator(task_id="a", image=ETL)  # want DAG102:"ghcr.io/acme/etl:latest"
DockerOperator(task_id="b", image=SHARED)
DockerOperator(task_id="c", image=_PRIVATE)
DockerOperator(task_id="d", image=PUBLIC)  # want DAG102:"public:latest"
DockerOperator(task_id="e", image=HIDDEN)
DockerOperator(task_id="f", image=f"ghcr.io/acme/x:{tags.STABLE}")
DockerOperator(task_id="g", image=f"ghcr.io/acme/x:{tags.LATEST}")  # want DAG102:"x:latest"
DockerOperator(task_id="h", image=f"ghcr.io/acme/y:{parent_tags.LATEST}")  # want DAG102:"y:latest"
DockerOperator(task_id="i", image=f"ghcr.io/acme/z:{STABLE}")
DockerOperator(task_id="j", image=f"ghcr.io/acme/z:{LATEST}")  # want DAG102:"z:latest"
DockerOperator(task_id="k", image=A)  # want DAG102:"ns-a:latest"
DockerOperator(task_id="l", image=B)  # want DAG102:"ns-b:latest"
DockerOperator(task_id="m", image=shared.ns_b.B)  # want DAG102:"ns-b:latest"

import common
import common.ops as ops
from common import DockerOperator as TwoHops
from common.ops import KPO, DockerOperator, GKEStartPodOperator
from fake import DockerOperator as Fake
from lookalike import DockerOperator as Lookalike
from team import TeamOperator

DockerOperator(task_id="a", image="ghcr.io/acme/app:latest", docker_conn_id="ghcr")  # want DAG102:"ghcr.io/acme/app:latest"
TwoHops(task_id="b", image="ghcr.io/acme/app:latest", docker_conn_id="ghcr")  # want DAG102:"ghcr.io/acme/app:latest"
DockerOperator(task_id="c", image="ghcr.io/acme/app:1.0", docker_conn_id="ghcr", imagee="x")  # want DAG202:"imagee"
KPO(task_id="d", name="d", image="python:latest")  # want DAG102:"python:latest"
GKEStartPodOperator(task_id="e", name="e", image="python:3.12", project_id="p", location="l", cluster_name="c")
GKEStartPodOperator(task_id="f", name="f", image="python", project_id="p", location="l", cluster_name="c")  # want DAG102:"python"
TeamOperator(task_id="g")  # want DAG102:"ghcr.io/acme/team:latest"
DockerOperator(task_id="h", image="ghcr.io/acme/app:1.0", docker_conn_id="ghcr")
Fake(image="ghcr.io/acme/app:latest", imagee="x")
Lookalike(image="ghcr.io/acme/app:latest", imagee="x")
ops.DockerOperator(task_id="i", image="ghcr.io/acme/app:latest", docker_conn_id="ghcr")  # want DAG102:"ghcr.io/acme/app:latest"
common.ops.KPO(task_id="j", name="j", image="python:latest")  # want DAG102:"python:latest"
ops.DockerOperator(task_id="k", image="ghcr.io/acme/app:1.0", docker_conn_id="ghcr")
ops.Missing(task_id="l", image="ghcr.io/acme/app:latest")

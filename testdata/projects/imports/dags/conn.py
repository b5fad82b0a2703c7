from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

from include.images import PINNED
from include.settings import DEFAULT_ARGS, MUTATED_ARGS

# No docker_conn_id reaches this one.
DockerOperator(task_id="x", image=PINNED)  # want "DAG203"

# The imported default_args carry one.
with DAG("y", default_args=DEFAULT_ARGS):
    DockerOperator(task_id="y", image=PINNED)

# Changed in place after its literal: may carry one (it does).
with DAG("z", default_args=MUTATED_ARGS):
    DockerOperator(task_id="z", image=PINNED)

# A local name that rebinds an imported one is two bindings: unknown.
from include.settings import DEFAULT_ARGS as ARGS

ARGS = {"retries": 3}
with DAG("w", default_args=ARGS):
    DockerOperator(task_id="w", image=PINNED)

# The same import twice is one binding; two different ones are ambiguous.
from include.images import ETL
from include.images import ETL
from include.images import PINNED as TWICE
from include.settings import REGISTRY_ARGS as TWICE

DockerOperator(task_id="v", image=ETL)  # want "DAG102" "DAG203"
DockerOperator(task_id="u", image=TWICE)

# Changed in place through the module, in this file: may carry one.
from include import settings

settings.PLAIN_ARGS["docker_conn_id"] = "gitlab_registry"
with DAG("t", default_args=settings.PLAIN_ARGS):
    DockerOperator(task_id="t", image=PINNED)
with DAG("s", default_args=settings.UNTOUCHED_ARGS):
    DockerOperator(task_id="s", image=PINNED)  # want "DAG203"

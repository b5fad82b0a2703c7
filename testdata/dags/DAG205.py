"""DAG205 fixture: docker_conn_id checked against each connections format.

The same expectations hold for an Astro CLI airflow_settings.yaml, an
`airflow connections export` YAML and JSON file, and AIRFLOW_CONN_* variables
in a .env file (connection ids' case is in DAG205_case*.py).
"""
# ruletest: connections=connections/airflow_settings.yaml|connections/connections_export.yaml|connections/connections_export.json|connections/.env
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

GITLAB = "registry.gitlab.com/mygroup/etl:1.4.2"
GITLAB_5050 = "registry.gitlab.com:5050/mygroup/etl:1.4.2"
CONN = "gitlab_registry"
AUTH = {"docker_conn_id": "ghcr"}  # want DAG205:"\"ghcr\" logs in to ghcr.io"

with DAG(dag_id="dag205", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: an id the connections source does not define
    DockerOperator(task_id="a", image=GITLAB, docker_conn_id="gitlab_registy")  # want DAG205:"docker_conn_id \"gitlab_registy\" is not defined in .*connections/[^;]+; did you mean \"gitlab_registry\""
    DockerOperator(task_id="a2", image=GITLAB, docker_conn_id="gl_ci")  # want DAG205:"not defined in .*; the Docker connection for registry.gitlab.com there is \"gitlab_registry\""
    DockerOperator(task_id="b", image="quay.io/acme/tool:2", docker_conn_id="quay_robot")  # want DAG205:"define it as a docker connection for quay.io"
    # must flag: a connection of another type
    DockerOperator(task_id="c", image=GITLAB, docker_conn_id="warehouse")  # want DAG205:"is a postgres connection \\(.*connections/[^:]+:[0-9]+\\), not a docker one"
    # must flag: a docker connection without host
    DockerOperator(task_id="d", image=GITLAB, docker_conn_id="no_host")  # want DAG205:"has no host"
    # must flag: wrong host
    DockerOperator(task_id="e", image=GITLAB, docker_conn_id="ghcr")  # want DAG205:"logs in to ghcr.io .* but image \"registry.gitlab.com/mygroup/etl:1.4.2\" is pulled from registry.gitlab.com"
    LegacyDocker(task_id="f", image="ghcr.io/acme/tool:2", docker_conn_id="dockerhub")  # want DAG205:"logs in to index.docker.io"
    # must flag: wrong port, both ways
    DockerOperator(task_id="g", image=GITLAB, docker_conn_id="gitlab_5050")  # want DAG205:"logs in to registry.gitlab.com:5050"
    DockerSwarmOperator(task_id="h", image=GITLAB_5050, docker_conn_id=CONN)  # want DAG205:"is pulled from registry.gitlab.com:5050"
    DockerOperator(task_id="i", image="harbor.corp.example/data/loader:7", docker_conn_id="harbor")  # want "DAG205"
    # must flag: through **mapping, partial and an expanded id
    DockerOperator(task_id="j", image=GITLAB, **AUTH)
    DockerOperator.partial(task_id="k", docker_conn_id="warehouse").expand(image=[GITLAB])  # want "DAG205"
    DockerOperator.partial(task_id="l", image=GITLAB).expand(docker_conn_id=["gitlab_registry", "gitlab_typo"])  # want DAG205:"gitlab_typo"
    # must not flag: matching host, matching host:port, a scheme on the host
    DockerOperator(task_id="m", image=GITLAB, docker_conn_id="gitlab_registry")
    DockerOperator(task_id="n", image=GITLAB_5050, docker_conn_id="gitlab_5050")
    DockerOperator(task_id="o", image="ghcr.io/acme/tool:2", docker_conn_id="ghcr")
    DockerOperator(task_id="p", image="harbor.corp.example:8443/data/loader:7", docker_conn_id="harbor")
    DockerOperator(task_id="q", image=GITLAB, docker_conn_id=CONN)
    # must not flag: a Docker Hub connection with Docker Hub images
    DockerOperator(task_id="r", image="acme/etl:1", docker_conn_id="dockerhub")
    DockerOperator(task_id="s", image="docker.io/acme/etl:1", docker_conn_id="dockerhub")
    # must not flag: an unqualified image with a private connection is DAG101's business
    DockerOperator(task_id="t", image="mygroup/etl:1.4.2", docker_conn_id="gitlab_registry")
    # must not flag: defined docker connection, image unknown or templated
    DockerOperator(task_id="u", image=os.environ["IMAGE"], docker_conn_id="gitlab_registry")
    DockerOperator(task_id="v", image="{{ var.value.image }}", docker_conn_id="ghcr")
    # must not flag: templated, unknown or no connection id
    DockerOperator(task_id="w", image=GITLAB, docker_conn_id="{{ var.value.registry_conn }}")
    DockerOperator(task_id="x", image=GITLAB, docker_conn_id=os.environ.get("REGISTRY_CONN"))
    DockerOperator(task_id="y", image=GITLAB, docker_conn_id=None)
    DockerOperator(task_id="z", image=GITLAB)

with DAG(
    dag_id="dag205_defaults",
    start_date=datetime(2024, 1, 1),
    default_args={"docker_conn_id": "ghcr"},  # want DAG205:"logs in to ghcr.io"
):
    # must flag (at the default_args entry above): ghcr connection, GitLab image
    DockerOperator(task_id="da", image=GITLAB)
    # must not flag: the same connection with a ghcr.io image
    DockerOperator(task_id="db", image="ghcr.io/acme/tool:2")
    with TaskGroup("gitlab", default_args={"docker_conn_id": "gitlab_registry"}):
        # must not flag: the group's connection matches
        DockerOperator(task_id="dc", image=GITLAB)


@dag(default_args={"docker_conn_id": "gitlab_registry"}, start_date=datetime(2024, 1, 1))
def decorated():
    @task.docker(image=GITLAB)
    def run_ok():
        pass

    @task.docker(image="ghcr.io/acme/tool:2", docker_conn_id="gitlab_registry")  # want DAG205:"pulled from ghcr.io"
    def run_wrong():
        pass

    run_ok()
    run_wrong()


decorated()

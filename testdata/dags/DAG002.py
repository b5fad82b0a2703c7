"""DAG002 fixture: suppressions that suppress something, and ones that do not."""
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

with DAG(dag_id="dag002", start_date=datetime(2024, 1, 1), schedule=None):
    # used: the finding is on this line
    DockerOperator(task_id="a", image="python:latest")  # noqa: DAG102
    # used: several codes, one of them used (no DAG002 for the rest? no: DAG404 is unused)
    DockerOperator(task_id="b", image="python:latest")  # noqa: DAG102, DAG404  # want DAG002:"DAG404"
    # unused: nothing to suppress here
    DockerOperator(task_id="c", image="python:3.12-slim")  # noqa: DAG102  # want DAG002:"unused suppression for DAG102"
    # unknown code
    DockerOperator(task_id="d", image="python:3.12-slim")  # noqa: DAG999  # want DAG002:"no such rule"
    # other tools' codes and a bare noqa are not daglint's business
    DockerOperator(task_id="e", image="python:3.12-slim")  # noqa: E501
    DockerOperator(task_id="f", image="python:3.12-slim")  # noqa
    # used: ignore on the line above the finding
    # daglint: ignore[DAG102] pinned by the platform team
    DockerOperator(task_id="g", image="python:latest")
    # used: noqa on the first line of a multi-line call
    DockerOperator(  # noqa: DAG102
        task_id="h",
        image="python:latest",
    )
    # unused ignore comment
    # daglint: ignore[DAG101] stale  # want DAG002:"DAG101"
    DockerOperator(task_id="i", image="python:3.12-slim")
    # not suppressed: the code list ends at the first word that is not a code
    DockerOperator(task_id="j", image="python:latest")  # noqa: because DAG102  # want "DAG102"
    # partly unused: the fix removes only the unused daglint code; other tools' codes and text stay
    DockerOperator(task_id="k", image="python:3.12-slim")  # noqa: E501, DAG101  # want DAG002:"unused suppression for DAG101$"
    DockerOperator(task_id="l", image="python:3.12-slim")  # noqa: DAG101 keep this for reviewers  # want DAG002:"DAG101"
    DockerOperator(task_id="m", image="python:latest")  # noqa: DAG102, DAG404  # want DAG002:"unused suppression for DAG404$"
    # a bare noqa suppresses every finding on its line and is never DAG002
    DockerOperator(task_id="n", image="python:latest", network_mode="host")  # noqa

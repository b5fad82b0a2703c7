from airflow import DAG

from operators.base import AcmeDockerOperator, NotAnOperator, PinnedOperator
from operators.team import TeamOperator

with DAG("etl"):
    # The findings are on the values the subclass writes, in plugins/.
    AcmeDockerOperator(task_id="a", team="data")  # want "DAG102" "DAG401" "DAG204"
    # Own parameters of a subclass are no DAG202; unknown ones still are.
    TeamOperator(task_id="b", owner_team="data")
    TeamOperator(task_id="c", owner_team="data", imagee="x")  # want "DAG202"
    # The call's own image replaces the subclass's default.
    PinnedOperator(task_id="d", image="ghcr.io/acme/app:latest")  # want "DAG102"
    PinnedOperator(task_id="e")
    TeamOperator(task_id="f", owner_team="x", image="ghcr.io/acme/app:2.0")
    # Not an operator: nothing.
    NotAnOperator(image="ghcr.io/acme/app:latest")

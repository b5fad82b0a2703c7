"""DAG202 on operator subclasses: a keyword is valid when the operator or a
class of the chain declares it; calls of a class whose __init__ may take
keywords daglint cannot list are not checked."""
from datetime import datetime

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator

IMAGE = "ghcr.io/acme/app:1.0"


class Plain(DockerOperator):
    """No __init__: DockerOperator's parameters."""


class Team(DockerOperator):
    def __init__(self, team, *, cost_center=None, **kwargs):
        kwargs.pop("legacy_flag", None)
        super().__init__(**kwargs)
        self.team = team


class Closed(DockerOperator):
    """No **kwargs: a keyword it does not list is a TypeError daglint leaves alone."""

    def __init__(self, task_id, image):
        super().__init__(task_id=task_id, image=image)


class Mutating(DockerOperator):
    def __init__(self, **kwargs):
        kwargs.update(DEFAULTS)
        super().__init__(**kwargs)


class Mixin:
    def __init__(self, extra=None, **kwargs):
        super().__init__(**kwargs)


class Mixed(Mixin, DockerOperator):
    pass


class NoSuper(DockerOperator):
    def __init__(self, **kwargs):
        self.kwargs = kwargs


DEFAULTS = {}

with DAG(dag_id="dag202_subclass", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag
    Plain(task_id="a", image=IMAGE, docker_con_id="ghcr")  # want DAG202:`Plain \(a DockerOperator subclass\) has no argument "docker_con_id".*did you mean "docker_conn_id"`
    Team(task_id="b", image=IMAGE, team="data", auth_config={"username": "u"})  # want DAG202:`no argument "auth_config".*docker_conn_id`
    Team(task_id="c", image=IMAGE, team="data", cost_centre="x")  # want DAG202:`did you mean "cost_center"`
    # must not flag: own parameters, keyword-only ones, popped names, the operator's
    Team(task_id="d", image=IMAGE, team="data", cost_center="42", legacy_flag=True, docker_conn_id="ghcr")
    Plain(task_id="e", image=IMAGE, docker_conn_id="ghcr", auto_remove="success")
    # must not flag: keywords daglint cannot list
    Closed(task_id="f", image=IMAGE, anything=1)
    Mutating(task_id="g", image=IMAGE, anything=1)
    Mixed(task_id="h", image=IMAGE, extra=1)
    NoSuper(task_id="i", image=IMAGE, anything=1)

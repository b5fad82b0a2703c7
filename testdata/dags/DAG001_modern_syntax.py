"""DAG001 fixture: valid modern Python must not be flagged."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from airflow.decorators import dag, task
from airflow.providers.docker.operators.docker import DockerOperator

type Env = dict[str, str]

REGISTRY: str = "registry.gitlab.com"
TAG = "1.4.2"
IMAGE = f"{REGISTRY}/group/{f"{'app'}"}:{TAG}"


def env_for(stage: str, /, *, extra: Env | None = None, **kw: Any) -> Env:
    match stage:
        case "prod" | "staging":
            base = {"STAGE": stage}
        case _:
            base = {}
    if (n := len(base)) > 1:
        base["N"] = str(n)
    return {**base, **(extra or {})}


async def ping() -> None:
    try:
        pass
    except* ValueError:
        pass


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def modern():
    DockerOperator(task_id="t", image=IMAGE, docker_conn_id="gitlab", environment=env_for("prod"))

    @task
    def noop() -> None:
        print(f"{TAG=}")

    noop()


modern()

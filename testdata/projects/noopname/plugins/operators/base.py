from airflow.providers.docker.operators.docker import DockerOperator


class Runner(DockerOperator):
    """The team's runner: every task gets this image."""

    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/runner:latest", docker_conn_id="ghcr", **kwargs)


class PinnedRunner(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/runner:2.3.1", docker_conn_id="ghcr", **kwargs)

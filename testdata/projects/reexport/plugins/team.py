from common.ops import DockerOperator


class TeamOperator(DockerOperator):
    """A subclass of the re-exported operator."""

    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/team:latest", docker_conn_id="ghcr", **kwargs)

from airflow.providers.docker.operators.docker import DockerOperator


class AcmeDockerOperator(DockerOperator):
    """The company's Docker operator: its image and privileges are fixed here."""

    def __init__(self, team, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:latest",
            privileged=True,
            environment={"API_TOKEN": "s3cr3t-Value-9f2a"},
            **kwargs,
        )
        self.team = team


class PinnedOperator(DockerOperator):
    def __init__(self, image="ghcr.io/acme/app:1.4.2", **kwargs):
        super().__init__(image=image, **kwargs)


class NotAnOperator:
    def __init__(self, image="ghcr.io/acme/app:latest", **kwargs):
        self.image = image

import json
import os

from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from docker.types import Mount

DB_PASSWORD = "s3cr3t-Zq8vT4w"
SETTINGS = json.load(open("/etc/acme/settings.json"))


class HostOperator(DockerOperator):
    """Runs next to the daemon: host network, its socket, a plain TCP daemon."""

    def __init__(self, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:1.0",
            docker_conn_id="ghcr",
            network_mode="host",
            mounts=[Mount(source="/var/run/docker.sock", target="/var/run/docker.sock", type="bind")],
            docker_url="tcp://docker.example.com:2375",
            **kwargs,
        )


class RegistryEnvOperator(DockerOperator):
    """Hands the registry password to the container and templates private_environment."""

    def __init__(self, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:1.0",
            docker_conn_id="ghcr",
            environment={"DOCKER_PASSWORD": os.environ["DOCKER_PASSWORD"], "LOG_LEVEL": "info"},
            private_environment={"RUN_DATE": "{{ ds }}"},
            **kwargs,
        )


class NoConnOperator(DockerOperator):
    """A private registry and no connection: each call must give one."""

    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/app:1.0", **kwargs)


class HubOperator(DockerOperator):
    """An image without a registry host, with a connection to another registry."""

    def __init__(self, **kwargs):
        super().__init__(image="acme/app:1.0", docker_conn_id="gitlab_registry", **kwargs)


class LocalOperator(DockerOperator):
    """A single name that is no official image and no connection: built on the worker."""

    def __init__(self, **kwargs):
        super().__init__(image="etl-runner:1.0", **kwargs)


class LoginOperator(DockerOperator):
    """Logs in on the command line with the password in it."""

    def __init__(self, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:1.0",
            docker_conn_id="ghcr",
            command="docker login -u ci -p $REGISTRY_PASSWORD ghcr.io",
            **kwargs,
        )


class SecretConnOperator(DockerOperator):
    """A password used as a connection id: every message shows it redacted."""

    def __init__(self, **kwargs):
        super().__init__(image="etl:1.0", docker_conn_id=DB_PASSWORD, **kwargs)


class SwarmOperator(DockerSwarmOperator):
    """A swarm subclass: it may use the arguments itself (no DAG207)."""

    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/app:1.0", docker_conn_id="ghcr", network_mode="bridge", **kwargs)


class SafeOperator(DockerOperator):
    """Pinned image, its connection, secrets in private_environment: nothing to report."""

    def __init__(self, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:1.0",
            docker_conn_id="ghcr",
            environment={"LOG_LEVEL": "info"},
            private_environment={"API_TOKEN": os.environ["API_TOKEN"]},
            docker_url="unix://var/run/docker.sock",
            network_mode="bridge",
            mounts=[Mount("/data", "/srv/data", "bind"), Mount("/cache", "/var/run/docker.sock")],
            **kwargs,
        )


class SettingsOperator(DockerOperator):
    """Reads its token from a file when the DAG is parsed."""

    def __init__(self, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:1.0",
            docker_conn_id="ghcr",
            environment={"API_TOKEN": SETTINGS["token"], "LOG_LEVEL": SETTINGS["log_level"]},
            **kwargs,
        )

from airflow.providers.docker.operators.docker import DockerOperator
from opb import OpB


class OpA(OpB):
    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/a:latest", **kwargs)


class Base(DockerOperator):
    def __init__(self, **kwargs):
        super().__init__(privileged=True, **kwargs)

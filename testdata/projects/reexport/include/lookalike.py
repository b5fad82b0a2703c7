from docker_helpers import DockerOperator  # not Airflow's

__all__ = ["DockerOperator"]

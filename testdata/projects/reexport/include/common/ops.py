"""The project's one place to import operators from."""
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator as KPO
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.google.cloud.operators.kubernetes_engine import GKEStartPodOperator

__all__ = ["DockerOperator", "GKEStartPodOperator", "KPO"]

"""DAG102 fixture: Airflow 1.10's contrib KubernetesPodOperator defaults to IfNotPresent."""
# ruletest: airflow-version=1.10
from datetime import datetime

from airflow import DAG
from airflow.contrib.operators.kubernetes_pod_operator import KubernetesPodOperator
from airflow.operators.docker_operator import DockerOperator

with DAG(dag_id="dag102_kpo_110", start_date=datetime(2020, 1, 1), schedule_interval=None) as dag:
    # must flag: cached-copy wording, since the contrib operator defaults to IfNotPresent
    KubernetesPodOperator(task_id="a", name="a", namespace="default", image="quay.io/acme/t:latest")  # want DAG102:`with image_pull_policy "IfNotPresent" \(the default\) each node keeps`
    KubernetesPodOperator(task_id="b", name="b", namespace="default", image="quay.io/acme/t", image_pull_policy="Always")  # want DAG102:"\"Always\" pulls it again"
    DockerOperator(task_id="c", image="acme/tool:latest")  # want DAG102:"without force_pull=True"
    # must not flag: pinned, local-only, templated
    KubernetesPodOperator(task_id="d", name="d", namespace="default", image="quay.io/acme/t:3.2")
    KubernetesPodOperator(task_id="e", name="e", namespace="default", image="transform")
    KubernetesPodOperator(task_id="f", name="f", namespace="default", image="quay.io/acme/t:{{ ds_nodash }}")
    DockerOperator(task_id="g", image="acme/tool:1.0", force_pull=True)

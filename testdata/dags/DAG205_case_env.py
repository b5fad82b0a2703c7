"""DAG205 fixture: AIRFLOW_CONN_* ids in a .env file match whatever their case, as in Airflow."""
# ruletest: connections=connections/.env
from airflow.providers.docker.operators.docker import DockerOperator

GITLAB = "registry.gitlab.com/mygroup/etl:1.4.2"

# must not flag: AIRFLOW_CONN_GITLAB_REGISTRY defines gitlab_registry in any case
DockerOperator(task_id="ca", image=GITLAB, docker_conn_id="GITLAB_REGISTRY")
DockerOperator(task_id="cb", image=GITLAB, docker_conn_id="gitlab_registry")
# must flag: an id the file does not define
DockerOperator(task_id="cc", image=GITLAB, docker_conn_id="GITLAB_REGISTRY_OLD")  # want DAG205:"not defined"

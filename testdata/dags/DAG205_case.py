"""DAG205 fixture: connection ids are case-sensitive in settings and export files."""
# ruletest: connections=connections/airflow_settings.yaml|connections/connections_export.yaml|connections/connections_export.json
from airflow.providers.docker.operators.docker import DockerOperator

GITLAB = "registry.gitlab.com/mygroup/etl:1.4.2"

# must flag: another case than the file's id (with a hint)
DockerOperator(task_id="ca", image=GITLAB, docker_conn_id="GITLAB_REGISTRY")  # want DAG205:"did you mean \"gitlab_registry\""
# must not flag: the id as written in the file
DockerOperator(task_id="cb", image=GITLAB, docker_conn_id="gitlab_registry")

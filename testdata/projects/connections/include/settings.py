GITLAB_CONN = "gitlab_registry"
TYPO_CONN = "gitlab_registy"
DEFAULT_ARGS = {"docker_conn_id": TYPO_CONN, "retries": 1}

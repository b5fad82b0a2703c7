from include.images import REGISTRY

DEFAULT_ARGS = {"docker_conn_id": "gitlab_registry", "retries": 2}
REGISTRY_ARGS = {"docker_conn_id": "ghcr_" + REGISTRY.split("/")[0]}

# Changed in place: other keys may be there.
MUTATED_ARGS = {"retries": 1}
MUTATED_ARGS.update(docker_conn_id="gitlab_registry")

PLAIN_ARGS = {"retries": 1}
UNTOUCHED_ARGS = {"retries": 1}

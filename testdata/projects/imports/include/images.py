REGISTRY = "ghcr.io/acme"
ETL = f"{REGISTRY}/etl:latest"
PINNED = REGISTRY + "/etl:1.4.2"
BY_DIGEST = "ghcr.io/acme/etl@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
TAGS = {"etl": "latest", "loader": "2.0"}

# Reassigned: which one Airflow sees depends on the order of execution.
REASSIGNED = "ghcr.io/acme/x:latest"
REASSIGNED = "ghcr.io/acme/x:1.0"

# Conditional on the environment: two bindings, never guessed.
try:
    from include.local_images import LOCAL
except ImportError:
    LOCAL = "ghcr.io/acme/local:latest"

# Bound only on a condition of the environment.
import os

if os.environ.get("DEPLOYMENT") == "prod":
    PROD = "ghcr.io/acme/prod:latest"

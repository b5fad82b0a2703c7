from ._base import REGISTRY
from .tags import LATEST

ETL = f"{REGISTRY}/etl:{LATEST}"
_PRIVATE = "ghcr.io/acme/private:latest"

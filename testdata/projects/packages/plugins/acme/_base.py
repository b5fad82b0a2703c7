REGISTRY = "ghcr.io/acme"

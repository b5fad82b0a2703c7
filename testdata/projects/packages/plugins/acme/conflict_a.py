SHARED = "ghcr.io/acme/a:latest"

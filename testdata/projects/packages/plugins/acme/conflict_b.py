SHARED = "ghcr.io/acme/b:latest"

GOOD = "ghcr.io/acme/good:latest"

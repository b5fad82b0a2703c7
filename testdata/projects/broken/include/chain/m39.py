DEEP = "ghcr.io/acme/deep:latest"

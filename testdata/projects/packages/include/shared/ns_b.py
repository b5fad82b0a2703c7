B = "ghcr.io/acme/ns-b:latest"

A = "ghcr.io/acme/ns-a:latest"

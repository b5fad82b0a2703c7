IMAGE = "ghcr.io/acme/broken:latest"

def broken(:
    pass

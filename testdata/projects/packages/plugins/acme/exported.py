__all__ = ["PUBLIC"]

PUBLIC = "ghcr.io/acme/public:latest"
HIDDEN = "ghcr.io/acme/hidden:latest"

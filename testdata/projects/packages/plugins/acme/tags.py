LATEST = "latest"
STABLE = "3.1"

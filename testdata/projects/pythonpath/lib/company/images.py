IMAGE = "registry.example.com/team/app:latest"

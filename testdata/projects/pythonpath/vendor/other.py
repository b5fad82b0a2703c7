IMAGE = "registry.example.com/team/other:latest"

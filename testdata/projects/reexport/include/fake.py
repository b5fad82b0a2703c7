class DockerOperator:
    """The project's own class of that name: no operator."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs

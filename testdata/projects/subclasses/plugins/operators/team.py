from operators.base import PinnedOperator


class TeamOperator(PinnedOperator):
    """Two levels down: still a DockerOperator."""

    def __init__(self, owner_team, **kwargs):
        super().__init__(**kwargs)
        self.owner_team = owner_team

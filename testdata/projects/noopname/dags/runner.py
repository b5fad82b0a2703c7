from operators.base import PinnedRunner, Runner

# No operator is named here and the file has nothing else to look at: it
# is linted because it imports a module of the project.
Runner(task_id="a")  # want DAG102:"ghcr.io/acme/runner:latest"
PinnedRunner(task_id="b")

import operators.base as ops

ops.Runner(task_id="c", privileged=True)  # want DAG102:"ghcr.io/acme/runner:latest" DAG401:"privileged=True"
ops.PinnedRunner(task_id="d", retries=2)

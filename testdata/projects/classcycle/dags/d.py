from opa import OpA
from opb import OpB, Good

# A class derived from itself through two modules: Python raises; no finding.
OpA(task_id="a")
OpB(task_id="b")
# Base (in the cycle's modules) derives from DockerOperator: privileged=True counts.
Good(task_id="c", image="ghcr.io/acme/c:1.0")  # want DAG401:"privileged=True"

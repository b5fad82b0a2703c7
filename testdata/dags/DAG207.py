"""DAG207 fixture: DockerOperator arguments DockerSwarmOperator never uses."""
from datetime import datetime

from docker.types import Resources, SecretReference

from airflow import DAG
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.providers.docker.operators import docker_swarm

IMAGE = "registry.example.com/etl/report:2.1"
SECRET_ENV = {"DB_URL": "{{ conn.warehouse.get_uri() }}"}
SWARM_OPTS = {"network_mode": "bridge", "mounts": []}  # want DAG207:"network_mode.*networks="

with DAG(dag_id="dag207", start_date=datetime(2024, 1, 1), schedule=None,
         default_args={"private_environment": {"SHARED": "x"}}):
    # must flag: variables that never reach the service (error)
    DockerSwarmOperator(task_id="a", image=IMAGE, private_environment=SECRET_ENV)  # want DAG207:"never passes private_environment.*secrets="
    DockerSwarmOperator(task_id="b", image=IMAGE, env_file="{{ var.value.env_file }}")  # want DAG207:"env_file"
    # must flag: runtime settings the service ignores
    DockerSwarmOperator(task_id="c", image=IMAGE, network_mode="host", cpus=2.0)  # want DAG207:"network_mode" DAG207:"cpus.*cpu_limit"
    docker_swarm.DockerSwarmOperator(task_id="d", image=IMAGE, container_name="report", working_dir="/app")  # want DAG207:"container_name" DAG207:"working_dir"
    DockerSwarmOperator(task_id="e", image=IMAGE, **SWARM_OPTS)
    DockerSwarmOperator.partial(task_id="f", image=IMAGE, force_pull=True).expand(command=["a", "b"])  # want DAG207:"force_pull"
    DockerSwarmOperator(task_id="g", image=IMAGE, entrypoint=["/bin/sh"], extra_hosts={"db": "10.0.0.5"})  # want DAG207:"entrypoint" DAG207:"extra_hosts"

    # must not flag: what the service does use
    DockerSwarmOperator(
        task_id="h",
        image=IMAGE,
        command="run",
        environment={"MODE": "nightly"},
        mounts=[],
        user="etl",
        tty=True,
        mem_limit="2g",
        auto_remove="success",
        docker_url="unix://var/run/docker.sock",
        docker_conn_id="registry",
        secrets=[SecretReference(secret_id="abc", secret_name="warehouse_url")],
        networks=["etl"],
        container_resources=Resources(cpu_limit=2_000_000_000),
        retrieve_output=True,
        retrieve_output_path="/tmp/out",
    )
    # must not flag: values that change nothing
    DockerSwarmOperator(task_id="i", image=IMAGE, private_environment={}, privileged=False, network_mode=None, env_file="")
    # must not flag: the same arguments on DockerOperator, which uses them
    DockerOperator(task_id="j", image=IMAGE, private_environment=SECRET_ENV, network_mode="bridge", cpus=2.0)
    # must not flag: private_environment from the DAG's shared default_args
    DockerSwarmOperator(task_id="k", image=IMAGE)


class ReportSwarm(DockerSwarmOperator):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)


with DAG(dag_id="dag207_subclass", start_date=datetime(2024, 1, 1), schedule=None):
    # must not flag: a subclass may use the argument itself
    ReportSwarm(task_id="l", image=IMAGE, network_mode="host")

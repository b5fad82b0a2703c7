"""DAG403 fixture: Docker daemon reached over plain TCP."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

IMAGE = "registry.example.com/reports/builder:3.1"
REMOTE = "tcp://docker-host.internal:2375"
CERTS = "/opt/airflow/certs"
TLS = {
    "tls_ca_cert": f"{CERTS}/ca.pem",
    "tls_client_cert": f"{CERTS}/cert.pem",
    "tls_client_key": f"{CERTS}/key.pem",
}
REMOTE_OPTS = {"docker_url": "http://10.0.4.12:2375"}  # want "DAG403"

with DAG(dag_id="dag403", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: plain tcp/http, any case, through a constant, 1.10 path, Swarm
    DockerOperator(task_id="a", image=IMAGE, docker_url="tcp://docker-host.internal:2375")  # want DAG403:"tls_ca_cert, tls_client_cert, tls_client_key not set"
    DockerOperator(task_id="b", image=IMAGE, docker_url=REMOTE)  # want "DAG403"
    DockerOperator(task_id="c", image=IMAGE, docker_url="TCP://build-01:2376")  # want "DAG403"
    LegacyDocker(task_id="d", image=IMAGE, docker_url="http://build-02:2375")  # want "DAG403"
    DockerSwarmOperator(task_id="e", image=IMAGE, docker_url="tcp://swarm-manager:2375")  # want "DAG403"
    # must flag: only part of the TLS trio (the provider needs all three)
    DockerOperator(  # the finding is on the URL
        task_id="f",
        image=IMAGE,
        docker_url="tcp://docker-host.internal:2376",  # want DAG403:"\\(tls_client_key not set\\)"
        tls_ca_cert=f"{CERTS}/ca.pem",
        tls_client_cert=f"{CERTS}/cert.pem",
    )
    DockerOperator(task_id="g", image=IMAGE, docker_url=REMOTE, tls_ca_cert=None, tls_client_cert="c", tls_client_key="k")  # want "DAG403"
    # must flag: **mapping, a list of URLs, an expanded URL
    DockerOperator(task_id="h", image=IMAGE, **REMOTE_OPTS)
    DockerOperator(task_id="i", image=IMAGE, docker_url=["unix://var/run/docker.sock", "tcp://fallback:2375"])  # want "DAG403"
    DockerOperator.partial(task_id="j", image=IMAGE).expand(docker_url=["tcp://node-a:2375", "https://node-b:2376"])  # want "DAG403"

    # must not flag: full TLS trio on the call or from a mapping
    DockerOperator(task_id="k", image=IMAGE, docker_url=REMOTE, tls_ca_cert="ca.pem", tls_client_cert="cert.pem", tls_client_key="key.pem")
    DockerOperator(task_id="l", image=IMAGE, docker_url="tcp://docker-host.internal:2376", **TLS)
    # must not flag: TLS values daglint cannot read count as set
    DockerOperator(task_id="m", image=IMAGE, docker_url=REMOTE, tls_ca_cert=os.environ["CA"], tls_client_cert=os.environ["CERT"], tls_client_key=os.environ["KEY"])
    # must not flag: https (docker-py uses TLS), unix socket, ssh, loopback (DinD sidecar)
    DockerOperator(task_id="n", image=IMAGE, docker_url="https://docker-host.internal:2376")
    DockerOperator(task_id="o", image=IMAGE, docker_url="unix://var/run/docker.sock")
    DockerOperator(task_id="p", image=IMAGE, docker_url="ssh://deploy@build-03")
    DockerOperator(task_id="q", image=IMAGE, docker_url="tcp://localhost:2375")
    DockerOperator(task_id="r", image=IMAGE, docker_url="tcp://127.0.0.1:2375")
    DockerOperator(task_id="s", image=IMAGE, docker_url="http://[::1]:2375")
    # must not flag: unknown or templated URL, no URL at all
    DockerOperator(task_id="t", image=IMAGE, docker_url=os.environ.get("DOCKER_HOST"))
    DockerOperator(task_id="u", image=IMAGE, docker_url="{{ var.value.docker_url }}")
    DockerOperator(task_id="v", image=IMAGE)

with DAG(dag_id="dag403_defaults", default_args={"docker_url": REMOTE, **TLS}, start_date=datetime(2024, 1, 1)):
    # must not flag: the DAG's default_args carry URL and TLS together
    DockerOperator(task_id="w", image=IMAGE)
    with TaskGroup("no_tls", default_args={"tls_client_key": None}):
        # must flag (at the call's own URL): the group drops the key
        DockerOperator(task_id="x", image=IMAGE, docker_url="tcp://other-host:2375")  # want "DAG403"


def build_kwargs():
    return {}


# must not flag: **kwargs of unknown content may carry the TLS trio
DockerOperator(task_id="y", image=IMAGE, docker_url=REMOTE, **build_kwargs())


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, docker_url="tcp://docker-host.internal:2375")  # want "DAG403"
    def remote():
        pass

    @task.docker(image=IMAGE, docker_url="tcp://docker-host.internal:2376", **TLS)
    def remote_tls():
        pass

    remote()
    remote_tls()


decorated()

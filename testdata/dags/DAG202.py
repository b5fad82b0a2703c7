"""DAG202 fixture: keywords the operator does not accept (Airflow 2, the default)."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.decorators import dag, task
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.docker.operators import docker as docker_ops
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from docker.types import Mount

IMAGE = "registry.gitlab.com/acme/etl:1.4.2"
EXTRA = {"auth_config": {"username": "ci"}}  # want DAG202:"auth_config"
GOOD_EXTRA = {"retries": 2, "docker_conn_id": "gitlab"}


def notify(context):
    pass


def make_task(task_id, **kwargs):
    # must not flag: **kwargs of unknown content
    return DockerOperator(task_id=task_id, image=IMAGE, **kwargs)


class RetryingDocker(DockerOperator):
    def __init__(self, *, attempts=3, **kwargs):
        super().__init__(**kwargs)
        self.attempts = attempts


with DAG(dag_id="dag202", start_date=datetime(2024, 1, 1), schedule=None) as dag1:
    # must flag: auth_config is docker-py's, not the operator's
    DockerOperator(
        task_id="auth",
        image=IMAGE,
        auth_config={"username": "ci", "password": "{{ var.value.pw }}"},  # want DAG202:"DockerOperator has no argument \"auth_config\" \\(Airflow 2 raises \"Invalid arguments were passed to DockerOperator\".*docker_conn_id"
    )
    # must flag: volumes was removed in provider 2.0.0
    DockerOperator(task_id="vol", image=IMAGE, volumes=["/data:/data"])  # want DAG202:"use mounts"
    # must flag: typos, with the closest name
    DockerOperator(task_id="typo", image=IMAGE, docker_con_id="gitlab")  # want DAG202:"did you mean \"docker_conn_id\"\\?"
    docker_ops.DockerOperator(task_id="typo2", image=IMAGE, enviroment={"A": "1"})  # want DAG202:"did you mean \"environment\""
    DockerSwarmOperator(task_id="swarm", image=IMAGE, networks=["etl"], placment={"x": 1})  # want DAG202:"did you mean \"placement\""
    # must flag: a name far from every parameter
    DockerOperator(task_id="far", image=IMAGE, registry_login="ci")  # want DAG202:"remove it"
    # must flag: Airflow 1.10 argument renamed since
    DockerOperator(task_id="xcom", image=IMAGE, xcom_push=True)  # want DAG202:"do_xcom_push"
    # must flag: partial and expand keywords
    DockerOperator.partial(task_id="p", image=IMAGE, auto_remov="success").expand(  # want "DAG202"
        command=["a", "b"],
        comand=["c"],  # want DAG202:"did you mean \"command\""
    )
    KubernetesPodOperator(task_id="kpo", name="kpo", image=IMAGE, env_var={"A": "1"})  # want DAG202:"KubernetesPodOperator has no argument \"env_var\""

    # must not flag: operator and BaseOperator parameters
    DockerOperator(
        task_id="valid",
        image=IMAGE,
        docker_conn_id="gitlab",
        api_version="auto",
        command="run.sh",
        environment={"A": "1"},
        private_environment={"B": "2"},
        mounts=[Mount(source="/data", target="/data", type="bind")],
        mount_tmp_dir=False,
        auto_remove="success",
        force_pull=True,
        retries=3,
        retry_delay=timedelta(minutes=5),
        pool="docker",
        queue="docker",
        owner="data",
        on_failure_callback=notify,
        execution_timeout=timedelta(hours=1),
        trigger_rule="all_done",
        do_xcom_push=False,
        doc_md="runs the ETL",
    )
    # must flag: **mapping keys are keywords too
    DockerOperator(task_id="mapping", image=IMAGE, **EXTRA)
    DockerOperator(task_id="mapping2", image=IMAGE, **dict(pool="docker", mem_limt="1g"))  # want DAG202:"mem_limit"
    # must not flag: a mapping of valid keys
    DockerOperator(task_id="mapping_ok", image=IMAGE, **GOOD_EXTRA)
    # must not flag: a subclass whose __init__ takes its own keywords
    RetryingDocker(task_id="sub", image=IMAGE, attempts=5)
    KubernetesPodOperator(task_id="kpo_ok", name="kpo", image=IMAGE, env_vars={"A": "1"}, get_logs=True, is_delete_operator_pod=True)
    # must not flag: on_kill_action, added to the cncf.kubernetes provider in 2026 (apache/airflow#62401)
    KubernetesPodOperator(task_id="kpo_kill", name="kpo", image=IMAGE, on_kill_action="keep_pod", on_finish_action="delete_pod")

with DAG(
    dag_id="dag202_defaults",
    start_date=datetime(2024, 1, 1),
    default_args={"retries": 2, "bash_command": "echo", "auth_config": {}},
) as dag2:
    # must not flag: default_args entries are filtered by Airflow, not raised
    DockerOperator(task_id="d1", image=IMAGE)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, multiple_outputs=False, retries=2, serializer="cloudpickle")
    def ok(x):
        return x

    @task.docker(image=IMAGE, volumes=["/a:/a"])  # want DAG202:"@task.docker has no argument \"volumes\".*_DockerDecoratedOperator"
    def bad(x):
        return x

    ok.expand(x=[1, 2])
    bad(1)


decorated()


with DAG(dag_id="dag202_kpo_new", start_date=datetime(2024, 1, 1), schedule=None):
    # must not flag: runtime_class_name (cncf.kubernetes 10.15.0, apache/airflow#63952)
    KubernetesPodOperator(task_id="kpo_rt", name="kpo", image=IMAGE, runtime_class_name="gvisor")
    # must flag: a typo of it
    KubernetesPodOperator(task_id="kpo_rt_typo", name="kpo", image=IMAGE, runtime_clas_name="gvisor")  # want DAG202:"did you mean \"runtime_class_name\""

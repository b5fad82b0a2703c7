"""DAG206 fixture: Jinja given to arguments Airflow never renders."""
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

IMAGE = "ghcr.io/acme/loader:2.1.0"
NETWORK = "{{ var.value.docker_network }}"
RUN_USER = "{{ var.value.run_as }}"
PRIVATE = {"DB_URL": "postgres://{{ conn.warehouse.host }}/dw", "REGION": "eu-west-1"}  # want DAG206:"\"postgres://\\{\\{ conn.warehouse.host \\}\\}/dw\" in private_environment is passed verbatim"


class TemplatedDocker(DockerOperator):
    template_fields = (*DockerOperator.template_fields, "private_environment")


with DAG(dag_id="dag206", start_date=datetime(2024, 1, 1), schedule=None) as dag1:
    # must flag: private_environment values are not rendered
    DockerOperator(
        task_id="private",
        image=IMAGE,
        private_environment={"DB_PASSWORD": "{{ var.value.db_password }}", "MODE": "prod"},  # want DAG206:"private_environment is not a template field of DockerOperator"
    )
    # must flag: a credential inside the text is never quoted whole
    DockerOperator(task_id="redact", image=IMAGE, private_environment={"URL": "https://ci:hunter2hunter2@{{ var.value.host }}/x"})  # want DAG206:"https://ci:hun…\\(14 chars\\)@\\{\\{"
    # must flag: daemon-side settings
    DockerOperator(task_id="url", image=IMAGE, docker_url="{{ var.value.docker_host }}")  # want DAG206:"the Docker client"
    DockerOperator(task_id="net", image=IMAGE, network_mode=NETWORK)  # want "DAG206"
    DockerOperator(task_id="user", image=IMAGE, user=RUN_USER, working_dir=f"/runs/{{{{ ds }}}}")  # want "DAG206" "DAG206"
    DockerSwarmOperator(task_id="swarm", image=IMAGE, networks=["{{ var.value.overlay }}", "static"])  # want "DAG206"
    DockerOperator(task_id="named", image=IMAGE, private_environment=PRIVATE)
    KubernetesPodOperator(task_id="kpo", name="kpo", image=IMAGE, service_account_name="{{ var.value.sa }}")  # want DAG206:"KubernetesPodOperator"

    # must flag: task_id and other BaseOperator parameters are read by Airflow, not the container
    DockerOperator(task_id="load_{{ ds_nodash }}", image=IMAGE)  # want DAG206:"task_id is not a template field of DockerOperator, so Airflow \\(not the container\\) gets the literal text"
    # must not flag: template fields, docker_conn_id included
    DockerOperator(
        task_id="templated",
        image="ghcr.io/acme/{{ var.value.app }}:1",
        command="run --date {{ ds }}",
        environment={"RUN_DATE": "{{ ds }}"},
        docker_conn_id="{{ var.value.registry_conn }}",
        container_name="load-{{ ts_nodash }}",
        private_environment={"MODE": "prod"},
        network_mode="bridge",
    )
    KubernetesPodOperator(task_id="kpo_ok", name="kpo-{{ ds_nodash }}", image=IMAGE, env_vars={"D": "{{ ds }}"}, arguments=["{{ ds }}"])
    # must not flag: Go templates are Docker's own syntax
    DockerSwarmOperator(task_id="slot", image=IMAGE, hostname="worker-{{.Task.Slot}}", labels={"node": "{{ .Node.Hostname }}"})
    # must not flag: documentation and map_index_template
    DockerOperator(task_id="doc", image=IMAGE, doc_md="Renders `{{ ds }}` into the command.", map_index_template="{{ task.command }}")
    # must not flag: a subclass that templates the field itself
    TemplatedDocker(task_id="sub", image=IMAGE, private_environment={"D": "{{ ds }}"})
    # must not flag: not a parameter at all (DAG202's business)
    DockerOperator(task_id="unknown", image=IMAGE, auth_config={"password": "{{ var.value.pw }}"})

with DAG(
    dag_id="dag206_defaults",
    start_date=datetime(2024, 1, 1),
    default_args={"docker_url": "{{ var.value.docker_url }}", "bash_command": "echo {{ ds }}"},  # want DAG206:"docker_url"
) as dag2:
    DockerOperator(task_id="d1", image=IMAGE)
    with TaskGroup("grp", default_args={"shm_size": "{{ var.value.shm }}"}):  # want "DAG206"
        DockerOperator(task_id="g1", image=IMAGE)

common = dict(image=IMAGE, network_mode="{{ var.value.net }}")  # want "DAG206"
DockerOperator(task_id="mapping", **common)

DockerOperator.partial(task_id="mapped", image=IMAGE).expand(
    network_mode=["{{ var.value.net_a }}", "bridge"],  # want "DAG206"
)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, mem_limit="{{ var.value.mem }}")  # want "DAG206"
    def run_it():
        pass

    @task.docker(image=IMAGE, environment={"D": "{{ ds }}"}, mounts=[])
    def run_ok():
        pass

    run_it()
    run_ok()


decorated()

# An opening marker without its closing one is text, not a template: Airflow
# passes it as it is, and no rule reads it as Jinja (one definition, jinja.Has).
DockerOperator(task_id="lone_marker", image=IMAGE, private_environment={"PASS_HINT": "use {{ and }"})
DockerOperator(task_id="lone_stmt", image=IMAGE, network_mode="net{%a")

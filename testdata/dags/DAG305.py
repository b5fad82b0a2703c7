"""DAG305 fixture: registry passwords on the command line."""
from datetime import datetime

from airflow import DAG
from airflow.decorators import task
from airflow.operators.bash import BashOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.standard.operators.bash import BashOperator as StdBash

IMAGE = "registry.example.com/ci/docker-cli:27.1"
LOGIN = "docker login -u ci -p $REGISTRY_PASSWORD registry.example.com"
SAFE_LOGIN = 'printf %s "$REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.example.com'

with DAG(dag_id="dag305", start_date=datetime(2024, 1, 1), schedule=None):
    # must flag: -p and --password, literal, Jinja or variable, through a constant
    BashOperator(task_id="a", bash_command="docker login -u ci -p {{ var.value.registry_password }} registry.example.com && docker push registry.example.com/etl:1.0")  # want DAG305:"docker login with the password.*password-stdin"
    BashOperator(task_id="b", bash_command=LOGIN)  # want "DAG305"
    StdBash(task_id="c", bash_command="set -e; docker --config /tmp/d login --password=$PW registry.example.com")  # want "DAG305"
    BashOperator(task_id="d", bash_command="docker login -uci -pS3cr3tValue registry.example.com")  # want "DAG305"
    BashOperator(task_id="e", bash_command="$(aws ecr get-login --no-include-email --region eu-west-1)")  # want DAG305:"get-login.*get-login-password"
    # must flag: container commands
    DockerOperator(task_id="f", image=IMAGE, command="sh -c 'docker login -u ci -p $PW registry.example.com && make push'")  # want DAG305:"command of DockerOperator"
    DockerOperator(task_id="g", image=IMAGE, command=["docker", "login", "--password", "{{ var.value.pw }}", "registry.example.com"])  # want "DAG305"
    KubernetesPodOperator(task_id="h", name="h", image=IMAGE, cmds=["sh", "-c"], arguments=["docker login -u ci -p $PW reg.example.com; make"])  # want DAG305:"arguments of KubernetesPodOperator"

    # must not flag: --password-stdin, get-login-password, other commands
    BashOperator(task_id="i", bash_command=SAFE_LOGIN)
    BashOperator(task_id="j", bash_command="aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin 123.dkr.ecr.eu-west-1.amazonaws.com")
    BashOperator(task_id="k", bash_command="docker pull registry.example.com/etl:1.0 && docker run -p 8080:80 registry.example.com/etl:1.0")
    BashOperator(task_id="l", bash_command="docker push -q registry.example.com/etl:1.0; echo login -p done")
    BashOperator(task_id="m", bash_command="psql -p 5432 -U etl -c 'select 1'")
    DockerOperator(task_id="n", image=IMAGE, command="docker logout registry.example.com")
    # must not flag: -p of other docker commands (compose project name, run port), login without a password flag
    BashOperator(task_id="n2", bash_command="docker compose -p etl-stack up -d && docker run --rm -p 5000:5000 registry.example.com/etl:1.0 login")
    BashOperator(task_id="n3", bash_command="docker login registry.example.com; psql -p 5432 -U etl")
    # must not flag: an unrelated call with a bash_command keyword
    print(bash_command="docker login -p x registry.example.com")


@task.bash
def push_image():
    return "docker login -u ci -p $REGISTRY_PASSWORD registry.example.com && docker push registry.example.com/etl:1.0"  # want DAG305:"@task.bash push_image"


@task.bash
def push_safely():
    return SAFE_LOGIN


def build_tasks(login_cmd):
    # must not flag: a local name daglint does not follow
    BashOperator(task_id="o", bash_command=login_cmd)
    # must flag: a literal inside a function
    BashOperator(task_id="p", bash_command="docker login -p hunter2x registry.example.com")  # want "DAG305"

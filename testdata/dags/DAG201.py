"""DAG201 fixture: registry credentials passed as container environment variables."""
import configparser
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.models import Variable
from airflow.operators.docker_operator import DockerOperator as LegacyDocker
from airflow.providers.docker.operators import docker as docker_ops
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.utils.task_group import TaskGroup

config = configparser.ConfigParser()
config.read("/opt/airflow/config/settings.ini")

IMAGE = "registry.gitlab.com/mygroup/etl:1.4.2"
REGISTRY_ENV = {
    "CI_REGISTRY_USER": "deploy",
    "CI_REGISTRY_PASSWORD": os.environ["CI_REGISTRY_PASSWORD"],  # want "DAG201"
}
APP_ENV = {"DB_HOST": "db", "REGISTRY_URL": "registry.gitlab.com"}

with DAG(dag_id="dag201", start_date=datetime(2024, 1, 1), schedule=None) as dag1:
    # must flag: the seed pattern, a registry key with a token read from the environment
    DockerOperator(
        task_id="seed",
        image=IMAGE,
        environment={"DOCKER_REGISTRY_PASSWORD": os.environ.get("GITLAB_TOKEN")},  # want DAG201:"\"DOCKER_REGISTRY_PASSWORD\" in environment does not authenticate the image pull; set docker_conn_id to a Docker connection for registry.gitlab.com"
    )
    # must flag: GITLAB_TOKEN from a config file
    DockerOperator(
        task_id="config",
        image="ghcr.io/acme/etl:2",
        environment={"GITLAB_TOKEN": config["docker"]["gitlab_token"]},  # want DAG201:"for ghcr.io"
    )
    # must flag: CI_JOB_TOKEN and DOCKER_AUTH_CONFIG, also in private_environment
    DockerOperator(
        task_id="job_token",
        image=IMAGE,
        private_environment={
            "CI_JOB_TOKEN": os.getenv("CI_JOB_TOKEN"),  # want DAG201:"\"CI_JOB_TOKEN\" in private_environment"
            "DOCKER_AUTH_CONFIG": Variable.get("docker_auth"),  # want "DAG201"
            "DB_HOST": "db",
        },
    )
    # must flag: a neutral key whose value is read from a registry credential variable
    DockerOperator(
        task_id="indirect",
        image=IMAGE,
        environment={"PASSWORD": os.environ["CI_REGISTRY_PASSWORD"]},  # want DAG201:"read from \"CI_REGISTRY_PASSWORD\""
    )
    # must flag: through a module-level dict, located at the entry
    DockerOperator(task_id="named", image=IMAGE, environment=REGISTRY_ENV)
    # must flag: a connection on the call changes the advice
    DockerOperator(
        task_id="with_conn",
        image=IMAGE,
        docker_conn_id="gitlab_registry",
        environment={"REGISTRY_TOKEN": os.environ["REGISTRY_TOKEN"]},  # want DAG201:"only docker_conn_id \"gitlab_registry\" does"
    )
    # must flag: env_file text written in the DAG
    DockerOperator(
        task_id="env_file",
        image=IMAGE,
        env_file="DB_HOST=db\nDOCKER_PASSWORD=hunter2hunter2\n",  # want DAG201:"\"DOCKER_PASSWORD\" in env_file"
    )
    # must flag: module-qualified, 1.10 and swarm operators
    docker_ops.DockerOperator(task_id="mod", image=IMAGE, environment={"DOCKER_PASSWORD": "s3cr3t-pass"})  # want "DAG201"
    LegacyDocker(task_id="legacy", image=IMAGE, environment={"HARBOR_PASSWORD": "s3cr3t-pass"})  # want "DAG201"
    DockerSwarmOperator(task_id="swarm", image="quay.io/acme/etl:1", environment={"QUAY_TOKEN": "s3cr3t-pass"})  # want DAG201:"for quay.io"

    # must not flag: ordinary variables, registry URLs and users
    DockerOperator(task_id="plain", image=IMAGE, environment=APP_ENV)
    DockerOperator(task_id="user", image=IMAGE, environment={"CI_REGISTRY_USER": "deploy", "CI_REGISTRY": "registry.gitlab.com"})
    # must not flag: secrets that are not registry credentials (DAG204's business)
    DockerOperator(task_id="api", image=IMAGE, environment={"API_TOKEN": os.environ["API_TOKEN"]})
    DockerOperator(task_id="db", image=IMAGE, private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})
    # must not flag: emptied or None credentials carry nothing
    DockerOperator(task_id="empty", image=IMAGE, environment={"DOCKER_PASSWORD": "", "CI_JOB_TOKEN": None})
    # must not flag: env_file given as a path, and unresolved environments
    DockerOperator(task_id="env_path", image=IMAGE, env_file="config/registry.env")
    DockerOperator(task_id="unknown", image=IMAGE, environment=Variable.get("env", deserialize_json=True))
    # must not flag: registry names that are not secret-like
    DockerOperator(task_id="names", image=IMAGE, environment={"DOCKER_HOST": "tcp://dind:2375", "GITLAB_URL": "https://gitlab.com", "REGISTRY_TOKEN_URL": "https://gitlab.com/jwt/auth"})
    # must not flag: Kubernetes pods have no environment parameter
    KubernetesPodOperator(task_id="kpo", name="kpo", image=IMAGE, env_vars={"DOCKER_PASSWORD": "s3cr3t-pass"})
    # must not flag: the credential is used for the pull, not the container
    DockerOperator(task_id="right", image=IMAGE, docker_conn_id="gitlab_registry", environment={"GITLAB_HOST": "gitlab.com"})

with DAG(
    dag_id="dag201_defaults",
    start_date=datetime(2024, 1, 1),
    default_args={"environment": {"GHCR_TOKEN": os.environ["GHCR_TOKEN"]}},  # want "DAG201"
) as dag2:
    DockerOperator(task_id="from_defaults", image="ghcr.io/acme/etl:3")
    DockerOperator(task_id="from_defaults_2", image="ghcr.io/acme/etl:4")
    with TaskGroup("grp", default_args={"environment": {"DB_HOST": "db"}}):
        # must not flag: the task group replaces the DAG's environment
        DockerOperator(task_id="grp_task", image=IMAGE)

common = dict(image=IMAGE, environment={"ECR_PASSWORD": os.environ["ECR_PASSWORD"]})  # want "DAG201"
DockerOperator(task_id="mapping", **common)

DockerOperator.partial(task_id="mapped", image=IMAGE).expand(
    environment=[{"DOCKERHUB_TOKEN": os.environ["DOCKERHUB_TOKEN"]}, {"DB_HOST": "db"}],  # want "DAG201"
)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, environment={"GITLAB_DEPLOY_TOKEN": os.environ["GITLAB_DEPLOY_TOKEN"]})  # want "DAG201"
    def run_it():
        pass

    @task.docker(image=IMAGE, environment={"DEPLOY_ENV": "prod"})
    def run_ok():
        pass

    run_it()
    run_ok()


decorated()

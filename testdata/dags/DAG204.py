"""DAG204 fixture: secrets in the templated environment instead of private_environment."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator
from airflow.utils.task_group import TaskGroup

IMAGE = "ghcr.io/acme/loader:2.1.0"
WAREHOUSE_VAR = "warehouse_token"
db = BaseHook.get_connection("warehouse")
SHARED_ENV = {
    "DB_HOST": "db",
    "DB_PASSWORD": os.environ["WAREHOUSE_PASSWORD"],  # want DAG204:"\"DB_PASSWORD\" in environment is read from the secret variable \"WAREHOUSE_PASSWORD\".*private_environment"
}

with DAG(dag_id="dag204", start_date=datetime(2024, 1, 1), schedule=None) as dag1:
    # must flag: secret-like keys, whatever the value's source
    DockerOperator(
        task_id="keys",
        image=IMAGE,
        environment={
            "DB_HOST": "db",
            "DB_PASSWORD": os.environ["DB_PASSWORD"],  # want "DAG204"
            "apiKey": "k3y-9f8e7d6c",  # want "DAG204"
            "AWS_SECRET_ACCESS_KEY": "{{ var.value.aws_secret }}",  # want "DAG204"
        },
    )
    # must flag: neutral keys fed from secret sources
    DockerOperator(
        task_id="sources",
        image=IMAGE,
        environment={
            "PGPASS_VALUE": db.password,  # want DAG204:"connection password"
            "WAREHOUSE": Variable.get("warehouse_token"),  # want DAG204:"Airflow Variable \"warehouse_token\""
            "WAREHOUSE2": Variable.get(WAREHOUSE_VAR).strip(),  # want DAG204:"Airflow Variable \"warehouse_token\""
            "CREDS": os.getenv("SERVICE_ACCOUNT_SECRET"),  # want DAG204:"secret variable \"SERVICE_ACCOUNT_SECRET\""
        },
    )
    # must flag: through a module-level dict, located at the entry
    DockerOperator(task_id="named", image=IMAGE, environment=SHARED_ENV)
    DockerSwarmOperator(task_id="swarm", image=IMAGE, environment={"SMTP_PASSWORD": os.environ["SMTP_PASSWORD"]})  # want "DAG204"

    # must flag: the fix moves the entry with the comment that follows it
    DockerOperator(
        task_id="commented",
        image=IMAGE,
        environment={
            "DB_HOST": "db",
            "DB_PASSWORD": os.environ["DB_PASSWORD"],  # rotated monthly  # want DAG204:"pass it in private_environment instead"
        },
    )
    # must flag: a Jinja value cannot move to private_environment, where nothing is rendered (no fix)
    DockerOperator(task_id="jinja", image=IMAGE, environment={"API_TOKEN": "{{ var.value.api_token }}"})  # want DAG204:"Jinja value cannot move there"
    # must flag: DockerSwarmOperator ignores private_environment
    DockerSwarmOperator(task_id="swarm2", image=IMAGE, environment={"SMTP_TOKEN": os.environ["SMTP_TOKEN"]})  # want DAG204:"secrets="

    # must not flag: registry credentials are DAG201's
    DockerOperator(task_id="registry", image=IMAGE, environment={"CI_REGISTRY_PASSWORD": os.environ["CI_REGISTRY_PASSWORD"]})
    # must not flag: private_environment is where secrets belong
    DockerOperator(task_id="private", image=IMAGE, private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"]})
    # must not flag: placeholders, None and names that only look secret
    DockerOperator(
        task_id="benign",
        image=IMAGE,
        environment={
            "DB_PASSWORD": "",
            "API_TOKEN": "<your token>",
            "SECRET_KEY": None,
            "PASSWORD_MIN_LENGTH": "12",
            "TOKEN_URL": "https://auth.example.org/token",
            "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
            "PRIMARY_KEY": "id",
            "LOG_LEVEL": Variable.get("log_level"),
            "LOG_CFG": Variable.get(LOGGING_VAR)["token"],
            "LOG_CFG2": Variable.get("logging", deserialize_json=True)["password"],
            "RUN_DATE": "{{ ds }}",
            "DB_USER": os.environ["DB_USER"],
        },
    )
    # must not flag: an environment daglint cannot see into
    DockerOperator(task_id="opaque", image=IMAGE, environment=Variable.get("env", deserialize_json=True))

with DAG(
    dag_id="dag204_defaults",
    start_date=datetime(2024, 1, 1),
    default_args={"environment": {"SLACK_TOKEN": os.environ["SLACK_TOKEN"]}},  # want "DAG204"
) as dag2:
    DockerOperator(task_id="d1", image=IMAGE)
    DockerOperator(task_id="d2", image=IMAGE)
    with TaskGroup("grp", default_args={"environment": {"REGION": "eu-west-1"}}):
        DockerOperator(task_id="g1", image=IMAGE)

common = dict(image=IMAGE, environment={"STRIPE_API_KEY": os.environ["STRIPE_API_KEY"]})  # want "DAG204"
DockerOperator(task_id="mapping", **common)
safe_common = dict(image=IMAGE, environment={"REGION": "eu-west-1"})
DockerOperator(task_id="mapping_ok", **safe_common)

DockerOperator.partial(task_id="mapped", image=IMAGE, environment={"FTP_PASSWORD": os.environ["FTP_PASSWORD"]}).expand(  # want "DAG204"
    command=["a", "b"],
)


@dag(start_date=datetime(2024, 1, 1), schedule=None)
def decorated():
    @task.docker(image=IMAGE, environment={"OPENAI_API_KEY": os.environ["OPENAI_API_KEY"]})  # want "DAG204"
    def run_it():
        pass

    @task.docker(image=IMAGE, environment={"MODEL": "gpt"}, private_environment={"OPENAI_API_KEY": os.environ["OPENAI_API_KEY"]})
    def run_ok():
        pass

    run_it()
    run_ok()


decorated()

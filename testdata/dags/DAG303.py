"""DAG303 fixture: secrets read from files in the DAG folder at parse time."""
import configparser
import json
import os
import tomllib
from datetime import datetime

import yaml
from dotenv import dotenv_values

from airflow import DAG
from airflow.decorators import dag, task
from airflow.models import Variable
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.docker.operators import docker as docker_ops
from airflow.utils.task_group import TaskGroup

HERE = os.path.dirname(__file__)
REGISTRY = "registry.gitlab.com/acme"

config = configparser.ConfigParser()
config.read(os.path.join(HERE, "docker_config.ini"))

with open(os.path.join(HERE, "settings.json")) as fh:
    settings = json.load(fh)

with open("deploy.yaml") as stream:
    deploy = yaml.safe_load(stream)

secrets_yaml = yaml.safe_load(open("secrets.yaml"))
creds = json.load(open("creds.json"))
env = dotenv_values(".env")
api_key_text = open("api_key.txt").read().strip()
with open("conf.toml", "rb") as tf:
    toml_conf = tomllib.load(tf)

DB_PASSWORD = config.get("database", "password")
DOCKER_SECTION = config["docker"]

with DAG(dag_id="dag303", start_date=datetime(2024, 1, 1), schedule=None) as dag:
    # ---- must flag: the seed: a GitLab token from configparser in environment
    DockerOperator(
        task_id="seed",
        image=f"{REGISTRY}/sync:1.0",
        docker_conn_id="gitlab_registry",
        environment={
            "GITLAB_TOKEN": config["docker"]["gitlab_token"],  # want DAG303:"^\"GITLAB_TOKEN\" in environment is read from a file when the DAG is parsed \\(config.read\\(os.path.join\\(HERE, \"docker_config.ini\"\\)\\), key \"gitlab_token\"\\); keep registry logins out of the DAG folder: use docker_conn_id"
            "LOG_LEVEL": config["app"]["log_level"],
        },
    )
    # ---- must flag: each way of reading a file
    DockerOperator(
        task_id="forms",
        image=f"{REGISTRY}/forms:1.0",
        docker_conn_id="gitlab_registry",
        environment={
            "PGPASSWORD": DB_PASSWORD,  # want DAG303:"\"PGPASSWORD\" in environment .*key \"password\""
            "SECTION_TOKEN": DOCKER_SECTION["token"],  # want "DAG303"
            "JSON_SECRET": settings["api"]["secret"],  # want DAG303:"settings.json"
            "YAML_TOKEN": deploy["slack"]["token"],  # want DAG303:"deploy.yaml"
            "INLINE_YAML": secrets_yaml["db"]["password"],  # want DAG303:"secrets.yaml"
            "CLIENT_SECRET": creds["client_secret"],  # want "DAG303"
            "DOTENV_API_TOKEN": env["API_TOKEN"],  # want DAG303:"dotenv_values\\(\".env\"\\)"
            "API_KEY": api_key_text,  # want DAG303:"api_key.txt"
            "TOML_PASSWORD": toml_conf["warehouse"]["password"],  # want "DAG303"
            "SMTP_PW": config.get("smtp", "pw", fallback="hunter2x9"),  # want DAG303:"key \"pw\""
        },
    )
    # ---- must flag: a whole .env mapping as environment (the container gets every secret in it)
    DockerOperator(task_id="dotenv_all", image=f"{REGISTRY}/forms:1.0", docker_conn_id="gitlab_registry", environment=env)  # want DAG303:"^environment is read from a file"
    DockerOperator(task_id="dotenv_inline", image=f"{REGISTRY}/forms:1.0", docker_conn_id="gitlab_registry", environment=dotenv_values("prod.env"))  # want DAG303:"prod.env"
    # ---- must not flag: one non-secret key of it
    DockerOperator(task_id="dotenv_key", image=f"{REGISTRY}/forms:1.0", docker_conn_id="gitlab_registry", environment={"MODE": env["MODE"]})
    # ---- must flag: private_environment is secret by intent; env_file wholly read
    docker_ops.DockerOperator(
        task_id="private",
        image=f"{REGISTRY}/private:1.0",
        private_environment={"WAREHOUSE_DSN": config["warehouse"]["dsn"]},  # want DAG303:"in private_environment"
        env_file=open(".env").read(),  # want DAG303:"^env_file is read from a file"
    )
    DockerOperator(
        task_id="private_whole",
        image=f"{REGISTRY}/private:1.0",
        private_environment=json.load(open("private_env.json")),  # want DAG303:"^private_environment is read"
    )
    with TaskGroup("grp", default_args={"environment": {"REGISTRY_PASSWORD": config["docker"]["registry_password"]}}):  # want "DAG303"
        DockerOperator(task_id="in_group", image=f"{REGISTRY}/grp:1.0")

    # ---- must not flag: configuration that is not a secret
    DockerOperator(
        task_id="config_only",
        image=f"{REGISTRY}/cfg:" + config["docker"]["tag"],
        docker_conn_id=config["docker"]["conn_id"],
        environment={
            "LOG_LEVEL": config["app"]["log_level"],
            "BATCH_SIZE": settings["batch_size"],
            "TARGET": deploy["target"],
            "TOKEN_URL": settings["auth"]["token_url"],
        },
        command=settings["command"],
    )
    # ---- must not flag: secrets that do not come from a file
    DockerOperator(
        task_id="env_var",
        image=f"{REGISTRY}/env:1.0",
        docker_conn_id="gitlab_registry",
        private_environment={"DB_PASSWORD": os.environ["DB_PASSWORD"], "API_TOKEN": "{{ var.value.api_token }}"},
    )

    # ---- must not flag: more non-secret configuration from files
    DockerOperator(
        task_id="more_config",
        image=deploy["image"],
        docker_url=config["docker"]["url"],
        network_mode=deploy["network"],
        tls_client_key=config["tls"]["key_path"],
        environment=settings["env"],
        mount_tmp_dir=settings["mount_tmp_dir"],
        auto_remove=deploy["auto_remove"],
    )
    # ---- must not flag: a secret-like key whose value is not read from a file
    DockerOperator(
        task_id="other_sources",
        image=f"{REGISTRY}/other:1.0",
        environment={
            "GITLAB_TOKEN_FILE": "/run/secrets/gitlab_token",
            "PASSWORD_MIN_LENGTH": settings["password_min_length"],
            "CONFIG_PATH": os.path.join(HERE, "docker_config.ini"),
        },
        private_environment={
            "DB_PASSWORD": Variable.get("db_password"),
            "API_TOKEN": os.getenv("API_TOKEN"),
        },
    )
    # ---- must not flag: Kubernetes pods are not Docker calls
    KubernetesPodOperator(
        task_id="pod",
        image=f"{REGISTRY}/pod:1.0",
        env_vars={"DB_PASSWORD": config["db"]["password"]},
    )

COMMON = {"private_environment": {"SLACK_TOKEN": deploy["slack"]["token"]}}  # want "DAG303"
DockerOperator(task_id="mapped", image=f"{REGISTRY}/m:1.0", **COMMON)

# partial/expand: each expanded mapping is checked
DockerOperator.partial(task_id="expanded", image=f"{REGISTRY}/x:1.0").expand(
    environment=[{"DB_PASSWORD": config["db"]["password"]}, {"DB_HOST": config["db"]["host"]}],  # want "DAG303"
)


@dag(start_date=datetime(2024, 1, 1), default_args={"environment": {"OTRS_PW": creds["otrs"]}})  # want "DAG303"
def decorated():
    @task.docker(image=f"{REGISTRY}/py:3.12", environment={"GH_TOKEN": settings["github"]["token"]})  # want "DAG303"
    def run():
        pass

    @task.docker(image=f"{REGISTRY}/py:3.12", environment={"REGION": settings["aws"]["region"]})
    def run_ok():
        pass

    @task.docker(image=f"{REGISTRY}/py:3.12")
    def run_default():
        pass

    run()
    run_ok()
    run_default()


decorated()


class LoginDockerOperator(DockerOperator):
    def __init__(self, registry_password=None, registry_host=None, **kwargs):
        super().__init__(**kwargs)
        self.registry_password = registry_password
        self.registry_host = registry_host


LoginDockerOperator(
    task_id="subclass",
    image=f"{REGISTRY}/sub:1.0",
    registry_password=config["docker"]["registry_password"],  # want DAG303:"^registry_password is read"
    registry_host=config["docker"]["host"],
)


def not_a_docker_call():
    # a file read used outside any Docker call is not this rule's business
    return {"password": config["db"]["password"]}

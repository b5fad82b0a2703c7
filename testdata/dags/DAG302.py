"""DAG302 fixture: passwords and tokens written as string literals."""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import dag, task
from airflow.models import Connection, Variable
from airflow.providers.cncf.kubernetes.secret import Secret
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.utils.task_group import TaskGroup

prefix = os.environ.get("PREFIX", "")

# ---- must flag: assignments
DB_PASSWORD = "hunter2x9"  # want DAG302:"^\"DB_PASSWORD\" is set to a hard-coded secret \\(hu…\\(9 chars\\)\\); read it from an Airflow connection"
API_KEY: str = "k3y-9f8e7d6c5b"  # want DAG302:"\"API_KEY\""
gitlabToken = "Zq83-kslw-0021"  # want DAG302:"\"gitlabToken\""
OTRS_PW = "otrs!2024"  # want "DAG302"
AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8d2LmN0p"  # want "DAG302"
ADMIN_PASSWORD = "changeme"  # want "DAG302"
SMTP_PASSWORD = "password123"  # want "DAG302"
LDAP_BIND_PASSWORD = ("ldap-" "b1nd-pw")  # want "DAG302"
HMAC_SECRET = b"\x8a\x01k3ys3cr3t"  # want "DAG302"
user, password = "etl", "etl-pass-77"  # want DAG302:"\"password\""
alias = SESSION_TOKEN = "s3ss10n-abc"  # want DAG302:"\"SESSION_TOKEN\""
os.environ["WAREHOUSE_PASSWORD"] = "wh-pass-2024"  # want DAG302:"\"WAREHOUSE_PASSWORD\""
if (slack_token := "sl4ck-t0k3n-x") and prefix:  # want DAG302:"\"slack_token\""
    pass


class WarehouseClient:
    client_secret = "cl13nt-s3cr3t"  # want DAG302:"\"client_secret\""

    def __init__(self, host, password="warehouse#1"):  # want DAG302:"\"password\""
        self.host = host
        self.api_token = "t0k-778899"  # want DAG302:"\"api_token\""


# ---- must flag: dict keys and keyword arguments
CREDS = {"user": "etl", "password": "Etl-Pa55"}  # want DAG302:"\"password\""
OPTIONS = dict(login="etl", passwd="Etl-Pa55-2")  # want DAG302:"\"passwd\""
warehouse = Connection(conn_id="warehouse", conn_type="postgres", login="etl", password="P0stgr3s!")  # want DAG302:"\"password\""

with DAG(dag_id="dag302", start_date=datetime(2024, 1, 1), schedule=None,
         default_args={"owner": "data", "db_password": "dfl7-pw-x"}) as dag:  # want "DAG302"
    DockerOperator(
        task_id="login",
        image="registry.gitlab.com/acme/etl:1.0",
        auth_config={"username": "ci", "password": "r3g1stry-pw"},  # want "DAG302"
        private_environment={"PGPASSWORD": "pg-s3cret-1"},  # want DAG302:"\"PGPASSWORD\""
    )
    with TaskGroup("grp", default_args={"api_key": "grp-k3y-001"}):  # want "DAG302"
        DockerOperator(task_id="t", image="registry.gitlab.com/acme/etl:1.0", docker_conn_id="gitlab_registry")

MAPPING = {"image": "registry.gitlab.com/acme/etl:1.0", "private_environment": {"S3_SECRET_KEY": "s3-k3y-Zp9"}}  # want DAG302:"\"S3_SECRET_KEY\""
DockerOperator(task_id="mapped", **MAPPING)
DockerOperator.partial(task_id="p", image="registry.gitlab.com/acme/etl:1.0", private_environment={"FTP_PASS": "ftp-9-pass-z"}).expand(command=[["a"], ["b"]])  # want "DAG302"
DockerOperator.partial(task_id="p2", image="registry.gitlab.com/acme/etl:1.0").expand(private_environment=[{"FTP_PASS": "{{ var.value.ftp_pass }}"}])


@dag(start_date=datetime(2024, 1, 1))
def decorated():
    @task.docker(image="python:3.12-slim", environment={"REDIS_PASSWORD": "r3d1s-pw"})  # want "DAG302"
    def run():
        pass

    run()


decorated()

# ---- must not flag: names that are not secret-like (RULES.md Definitions)
AWS_ACCESS_KEY_ID = "AKIA-not-a-key-1"
PRIMARY_KEY = "customer_id"
PASSWORD_ENV = "DB_PASSWORD"
token_url = "https://auth.internal/oauth/token"
TOKEN_URL = "https://auth.internal/oauth/token"
PASSWORD_MIN_LENGTH = "12"
MAX_KEYS = "1000"
PASSWORD_KEYS = "a,b,c"
PWD = "/opt/airflow"
passwd_file = "etc-passwd-copy"

# ---- must not flag: placeholders
EMPTY_PASSWORD = ""
SHORT_PASSWORD = "abc"
MASKED_PASSWORD = "********"
ANGLE_PASSWORD = "<password>"
SHELL_PASSWORD = "${DB_PASSWORD}"
SHELL_VAR_PASSWORD = "$DB_PASSWORD"
BRACE_PASSWORD = "{password}"
PCT_PASSWORD = "%(password)s"
JINJA_PASSWORD = "{{ conn.warehouse.password }}"
ENV_NAME_TOKEN = "GITLAB_TOKEN"
YOUR_TOKEN = "your-token-here"
EXAMPLE_SECRET = "example-secret-value"
PLACEHOLDER_TOKEN = "placeholder123"
REDACTED_PASSWORD = "REDACTED"
DUMMY_PASSWORD = "dummy-pass"
URL_TOKEN = "https://vault.internal/v1/secret/data/etl"
# a run of the alphabet is a made-up test value, with or without a short prefix
FAKE_API_KEY = {"api_key": "sk-abcdefghijklmnop"}
ALPHABET_TOKEN = "abcdefghij"
# but a value that only starts like a run is not
NEAR_RUN_TOKEN = "sk-abcdefghijklmnoq"  # want "DAG302"

# ---- must not flag: stand-ins, references, paths, prose
NONE_PASSWORD = "None"
NULL_TOKEN = "null"
VARIABLE_TOKEN = "gitlab_token"
CONN_PASSWORD = "warehouse-password"
SSH_PRIVATE_KEY = "/home/airflow/.ssh/id_rsa"
GCP_CREDENTIALS = "service-account.json"
HOME_TOKEN = "~/.config/gh/token"
INVALID_TOKEN = "the token has expired, log in again"
VAULT_SECRET = "secret/data/etl"
SM_DB_PASSWORD = "prod/warehouse/password"

# ---- must not flag: not a literal assignment
FSTR_PASSWORD = f"{prefix}-pass-2024"
password_from_var = Variable.get("db_password")
DB_PASSWORD_2 = os.environ["DB_PASSWORD"]
DB_PASSWORD += "-suffix"
typed_password: str
CREDS.get("password", "fallback-pw-1")
if password == "hunter2x9":
    pass
TOKEN_NONE = None
# DAG301 takes precedence: a token in a known format is not a DAG302 finding
GITLAB_TOKEN = "glpat-nCkhvMdgaKjIg8xNbe3n"
DSN_PASSWORD = "postgresql://etl:Sup3rS3cr3tPw@db.internal:5432/warehouse"


# ---- must not flag: names that are keys of other things
def pull(ti):
    return ti.xcom_pull(task_ids="extract", key="file_path")


TOLERATIONS = [{"key": "dedicated", "operator": "Equal", "value": "airflow", "effect": "NoSchedule"}]
DB_SECRET = Secret(deploy_type="env", deploy_target="SQL_CONN", secret="airflow-secrets", key="sql_alchemy_conn")
VOLUME_SECRET = Secret("volume", "/etc/creds", "airflow-creds")
# the key inside a Kubernetes Secret, held in a variable: a reference, not a value
WAREHOUSE_SECRET_NAME = "warehouse-config"
warehouse_config_password = "password"
other_config_password = "passw0rd"
WAREHOUSE_SECRET = Secret("env", "WAREHOUSE_PASSWORD", WAREHOUSE_SECRET_NAME, warehouse_config_password)
OTHER_SECRET = Secret(deploy_type="env", deploy_target="OTHER_PASSWORD", secret="other-config", key=other_config_password)
# numbered keys of key/value examples are not secret-like
POD_ANNOTATIONS = {"key1": "value1", "key_2": "value2"}

# ---- must flag: the same variable shape when nothing uses it as a Secret key
plain_config_password = "password"  # want "DAG302"

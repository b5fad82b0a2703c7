"""DAG301 fixture: credentials in known formats written into a DAG file.

All tokens below are random, format-valid fakes made for this fixture.
"""
import os
from datetime import datetime

from airflow import DAG
from airflow.decorators import task
from airflow.providers.docker.operators.docker import DockerOperator
from airflow.providers.slack.notifications.slack_webhook import send_slack_webhook_notification

REGISTRY = "registry.gitlab.com"
suffix = os.environ.get("TOKEN_SUFFIX", "")

# ---- must flag: one case per format
GITLAB_PAT = "glpat-nCkhvMdgaKjIg8xNbe3n"  # want DAG301:"GitLab personal access token \\(glpa…\\(26 chars\\)\\); revoke it"
GITLAB_PAT_ESCAPED = "\N{LATIN SMALL LETTER G}lpat-nCkhvMdgaKjIg8xNbe3n"  # want DAG301:"GitLab personal access token"
GITLAB_PAT_HEX = "\x67lpat-nCkhvMdgaKjIg8xNbe3n"  # want DAG301:"GitLab personal access token"
GITLAB_DEPLOY = "gldt-NyjOq9wMxEhh2FDEEtfj"  # want DAG301:"GitLab deploy token"
RUNNER = "glrt-gVvVqE1SkHbn88HxjSI6"  # want DAG301:"GitLab runner authentication token"
JOB = "glcbt-bWHtP3fS2qHx6kwXoIIX"  # want DAG301:"GitLab CI/CD job token"
OAUTH_APP = "gloas-GvOoNZYW2mZp0zVZomHFwUbb"  # want DAG301:"GitLab OAuth application secret"
TRIGGER = "glptt-YrEqmSM9wCZ7Uw9xfogo"  # want DAG301:"GitLab pipeline trigger token"
GH = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"  # want DAG301:"GitHub personal access token \\(ghp_…\\(40 chars\\)\\)"
GH_OAUTH = "gho_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR"  # want DAG301:"GitHub OAuth access token"
GH_FINE = "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"  # want DAG301:"GitHub fine-grained"
HUB = "dckr_pat_b8DwkNhFdnXsiVpzz63FfkCzJr4"  # want DAG301:"Docker Hub personal access token"
AWS_ID = "AKIAUI6D39ZZZZG4ZDME"  # want DAG301:"an AWS access key ID \\(AKIA…\\(20 chars\\)\\)"
MAPS = "AIzai0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNK"  # want DAG301:"Google API key"
SLACK_BOT = "xoxb-316767342966-4596338198189-EN5N1aE6PwZPf1Qh6yYTWmE4"  # want DAG301:"Slack bot token"
# the webhook secret is only the last path segment: 24 chars
ALERTS = "https://hooks.slack.com/services/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"  # want DAG301:"Slack webhook URL \\(lBYO…\\(24 chars\\)\\)"
SLACK_WEBHOOK_PASSWORD = "/TZPJN0MEQ7/BWJJJIBAZU/lBYOvfZ8UzDzV8fUkkibjL5D"  # want DAG301:"Slack webhook path"
WAREHOUSE = "postgresql://etl:Sup3rS3cr3tPw@db.internal:5432/warehouse"  # want DAG301:"password in URL \\(Sup…\\(13 chars\\)\\); change the password"
DEPLOY_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"  # want DAG301:"private key .*replace the key"
    "s3aw8goamwLUIihlXPD3U0f58Oh5WSrBM9RrTDCZ8gmgiXF4pIokrdJml5s717nHz3htPFGA1t1U3mDvoOx9tIl18O75vq6XukdnXYkMWvDqURhun1hMyGCnka+MBrLf\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)

# ---- must flag: where the literal sits and how it is written
# implicit concatenation splitting a token: the joined text is checked
SPLIT = ("glpat-nCkhvMdgaK"  # want DAG301:"GitLab personal access token"
         "jIg8xNbe3n")
# f-string: the literal part holds the whole token
FSTR = f"{REGISTRY} glpat-nCkhvMdgaKjIg8xNbe3n"  # want DAG301:"GitLab personal access token"
# several credentials in one literal: one finding, the rest counted
BOTH = "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d glpat-nCkhvMdgaKjIg8xNbe3n"  # want DAG301:"GitHub personal access token .* and 1 more credential; revoke them"
# a bytes literal is a literal too
RAW = b"dckr_pat_b8DwkNhFdnXsiVpzz63FfkCzJr4"  # want "DAG301"
# old registry token: glpat-nCkhvMdgaKjIg8xNbe3n  # want DAG301:"^comment holds a GitLab personal access token .*delete it from the comment"


def notify():
    """Posts to https://hooks.slack.com/services/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"""  # want "DAG301"


with DAG(dag_id="dag301", start_date=datetime(2024, 1, 1), schedule=None,
         on_failure_callback=send_slack_webhook_notification(slack_webhook_conn_id="slack")) as dag:
    DockerOperator(
        task_id="sync",
        image=f"{REGISTRY}/acme/sync:1.0",
        docker_conn_id="gitlab_registry",
        command=["sync", "--token", "glpat-nCkhvMdgaKjIg8xNbe3n"],  # want "DAG301"
        private_environment={"API_TOKEN": "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"},  # want "DAG301"
    )

    @task.docker(image=f"{REGISTRY}/acme/py:3.12", environment={"AWS_ACCESS_KEY_ID": "AKIAUI6D39ZZZZG4ZDME"})  # want "DAG301"
    def run():
        pass

    run()

# ---- must not flag
SHORT = "ghp_tooShort123"                      # GitHub tokens have 36+ characters
INSIDE_WORD = "myglpat-nCkhvMdgaKjIg8xNbe3n"      # a prefix must start a word
AKIA_IN_WORD = "XAKIAUI6D39ZZZZG4ZDME"            # AKIA inside a word
AWS_DOCS = "AKIAIOSFODNN7EXAMPLE"                 # the documentation's example key
FILLED = "glpat-xxxxxxxxxxxxxxxxxxxx"             # not random
YOURS = "glpat-<your-token-here-please-1234>"     # placeholder
PREFIX_ONLY = "glpat-"                            # a prefix alone
ENV_URL = "postgresql://etl:${PGPASSWORD}@db.internal:5432/warehouse"
STAND_IN = "postgresql://user:password@localhost/db"
NO_USERINFO = "https://gitlab.com/acme/etl.git"
USER_ONLY = "https://ci-bot@gitlab.com/acme/etl.git"
EMPTY_PASS = "redis://:@cache:6379/0"
TEMPLATED_URL = "postgresql://etl:{{ conn.warehouse.password }}@db/warehouse"
FIELD = f"glpat-{suffix}"                         # the token is not in the file
FIELD_URL = f"https://oauth2:{suffix}@gitlab.com/acme/etl.git"
KEY_DOCS = "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"
SLACK_DOCS = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
SLACK_DOCS_PATH = "/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
REPORT_PATH = "/Tmp/Build/report-2024-final-version-xx"
TOKEN_ENV = "GITLAB_TOKEN"
# tokens start with glpat- and are 26 characters long
# see https://docs.gitlab.com/ee/security/token_overview.html
SLACK_SHORT = "xoxb-123-abc"
GOOGLE_SHORT = "AIzaShort123"
HUB_SHORT = "dckr_pat_abc"
FINE_SHORT = "github_pat_abc_def"
GH_WORD = "ghp_ is the prefix of classic GitHub tokens"
KEY_HEADER_ONLY = "-----BEGIN OPENSSH PRIVATE KEY-----"
# rotate the ghp_ token every 90 days; AKIA keys belong to the deploy user

"""Operator subclasses defined in the file (RULES.md "Docker call"): the
keywords a subclass passes to super().__init__ (or Base.__init__(self, ...))
and the defaults of its own parameters reach every call of it, through any
depth of inheritance; the call's own keywords win where Airflow's would.
Every rule runs on this fixture."""
from datetime import datetime

from airflow import DAG
from airflow.operators.python import PythonOperator
from airflow.providers.docker.operators.docker import DockerOperator

PINNED = "ghcr.io/acme/app:1.4.2"
APP_LATEST = "ghcr.io/acme/app:latest"


class AcmeDockerOperator(DockerOperator):
    """Hard-codes the image and runtime settings: every call gets them."""

    def __init__(self, **kwargs):
        super().__init__(
            image="ghcr.io/acme/app:latest",  # want DAG102:"ghcr.io/acme/app:latest.*mutable tag latest"
            docker_conn_id="ghcr",
            privileged=True,  # want DAG401:"privileged=True"
            environment={"TOKEN": "s3cr3t-Value-9f2a"},  # want DAG204:"TOKEN" "DAG302"
            **kwargs,
        )


class OldStyleOperator(DockerOperator):
    """super(Cls, self) and a constant."""

    def __init__(self, *args, **kwargs):
        super(OldStyleOperator, self).__init__(image=APP_LATEST, docker_conn_id="ghcr", **kwargs)  # want DAG102:"ghcr.io/acme/app:latest"


class ExplicitBaseOperator(DockerOperator):
    """DockerOperator.__init__(self, ...)."""

    def __init__(self, **kwargs):
        DockerOperator.__init__(self, image="ghcr.io/acme/explicit", docker_conn_id="ghcr", **kwargs)  # want DAG102:"ghcr.io/acme/explicit.*has no tag"


class ImageParamOperator(DockerOperator):
    """Its own parameters: image flows from the call; region is its own (no DAG202)."""

    def __init__(self, image=PINNED, region="eu", **kwargs):
        self.region = region
        super().__init__(image=image, docker_conn_id="ghcr", **kwargs)


class RegionOperator(ImageParamOperator):
    """Two levels: the grandparent's defaults still reach the call."""

    def __init__(self, zone="a", **kwargs):
        super().__init__(**kwargs)


class LatestDefaultOperator(DockerOperator):
    """A parameter default is an argument when the call gives none."""

    def __init__(self, image="ghcr.io/acme/default:latest", **kwargs):  # want DAG102:"ghcr.io/acme/default:latest"
        super().__init__(image=image, docker_conn_id="ghcr", **kwargs)


class NotAnOperator:
    """Shares the name pattern but is no operator subclass: its calls are not Docker calls."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs


class MyDockerOperator(NotAnOperator):
    def __init__(self, **kwargs):
        super().__init__(image="ghcr.io/acme/app:latest", privileged=True, **kwargs)


class AttributeOperator(DockerOperator):
    """A class attribute named like a parameter is no argument: DockerOperator's
    __init__ sets self.image from its own parameter, which shadows it."""

    image = "ghcr.io/acme/attr:latest"
    template_fields = ("image",)

    def __init__(self, **kwargs):
        super().__init__(docker_conn_id="ghcr", **kwargs)


with DAG(dag_id="subclass", start_date=datetime(2024, 1, 1), schedule=None):
    AcmeDockerOperator(task_id="a")
    AcmeDockerOperator(task_id="b", command="echo b")  # the same findings, reported once
    OldStyleOperator(task_id="c")
    ExplicitBaseOperator(task_id="d")
    # the call's image flows through the subclass's parameter
    ImageParamOperator(task_id="e", image="ghcr.io/acme/app:latest", region="us")  # want DAG102:"ghcr.io/acme/app:latest"
    ImageParamOperator(task_id="f", region="us")  # silent: the pinned default
    ImageParamOperator(task_id="g", image="ghcr.io/acme/app:2.0.1")  # silent: the call pins it
    RegionOperator(task_id="h", zone="b", region="us")  # silent: own parameters of both levels
    RegionOperator(task_id="i", image="ghcr.io/acme/two:latest")  # want DAG102:"ghcr.io/acme/two:latest"
    RegionOperator(task_id="j", imagee="ghcr.io/acme/app:1.0")  # want DAG202:`RegionOperator \(a DockerOperator subclass\) has no argument "imagee".*did you mean "image"`
    LatestDefaultOperator(task_id="k")
    LatestDefaultOperator(task_id="l", image="ghcr.io/acme/default:3.1")  # silent: the call overrides the default
    LatestDefaultOperator(task_id="m", default_args={"image": "ghcr.io/acme/default:3.2"})  # silent: default_args fill the parameter
    MyDockerOperator(task_id="n", image="ghcr.io/acme/app:latest")  # silent: not an operator
    AttributeOperator(task_id="o", image="ghcr.io/acme/attr:5.0")  # silent: the call's pinned image
    PythonOperator(task_id="p", python_callable=print)


from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator  # noqa: E402


class KubernetesPodOperator(KubernetesPodOperator):
    """Shadows the import it extends: calls of the name are calls of this class."""

    def __init__(self, team=None, **kwargs):
        super().__init__(image="quay.io/acme/shadow:latest", **kwargs)  # want DAG102:"quay.io/acme/shadow:latest"


KubernetesPodOperator(task_id="q", name="q", team="data")  # silent: team is the subclass's parameter
KubernetesPodOperator(task_id="r", name="r", tem="data")  # want DAG202:`KubernetesPodOperator \(a KubernetesPodOperator subclass\) has no argument "tem".*did you mean "team"`


class ForcedOperator(DockerOperator):
    """Sets kwargs before super().__init__: the values are arguments; a change after it is none."""

    def __init__(self, **kwargs):
        kwargs["privileged"] = True  # want DAG401:"privileged=True"
        kwargs.setdefault("docker_conn_id", "ghcr")
        super().__init__(image=PINNED, **kwargs)
        kwargs["network_mode"] = "host"


ForcedOperator(task_id="s")
ForcedOperator(task_id="t", privileged=False)  # kwargs["privileged"] replaces it: the finding above

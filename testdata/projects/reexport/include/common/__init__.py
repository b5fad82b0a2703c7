from common.ops import DockerOperator

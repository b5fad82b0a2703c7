package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// RegistryCredentialsInEnvironment reports registry credentials handed to
// the container as environment variables, where they never authenticate the
// image pull.
var RegistryCredentialsInEnvironment = &analysis.Rule{
	ID:               "DAG201",
	Name:             "registry-credentials-in-environment",
	Severity:         analysis.Error,
	Tags:             []string{"security", "secrets", "registry"},
	SecuritySeverity: 7.5,
	Precision:        "high",
	Doc: analysis.Doc{
		Summary: "registry credentials are passed as container environment variables",
		What: `Reports an entry of ` + "`environment`" + `, ` + "`private_environment`" + ` or an ` + "`env_file`" + `
text of a Docker call whose name is a registry credential (` + "`DOCKER_PASSWORD`" + `,
` + "`DOCKER_REGISTRY_PASSWORD`" + `, ` + "`CI_REGISTRY_PASSWORD`" + `, ` + "`CI_JOB_TOKEN`" + `, ` + "`GITLAB_TOKEN`" + `,
` + "`REGISTRY_TOKEN`" + `, ` + "`DOCKER_AUTH_CONFIG`" + ` ...), or whose value is read with
` + "`os.environ`" + ` / ` + "`os.getenv`" + ` from a variable of such a name. Entries set to None or
an empty string are ignored; an ` + "`env_file`" + ` is only read when its text is .env
content written in the file (not a path).`,
		Why: `The image is pulled by the Docker daemon before the container exists, with the
credentials of the Docker connection named by ` + "`docker_conn_id`" + ` and nothing else.
Variables in the container's environment play no part in that pull, so a private
image still fails with "pull access denied", while the registry password now
sits in the task's environment, in ` + "`docker inspect`" + ` output and, for ` + "`environment`" + `,
in the rendered template fields. (A container that logs in to a registry itself,
for example to push an image it builds, is the rare exception: suppress the
finding there.)`,
		Example: `import os

from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    environment={"DOCKER_REGISTRY_PASSWORD": os.environ.get("GITLAB_TOKEN")},
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="etl",
    image="registry.gitlab.com/acme/etl:1.4.2",
    docker_conn_id="gitlab_registry",
)
`,
		Since: "0.1.0",
		Fix:   "none (the Docker connection must be created in Airflow)",
	},
	Run: runRegistryCredentialsInEnvironment,
}

func runRegistryCredentialsInEnvironment(pass *analysis.Pass) error {
	var vars []envVar
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() {
			continue // KPO pulls through imagePullSecrets: a different mechanism
		}
		for _, param := range []string{"environment", "private_environment", "env_file"} {
			vars = envVars(vars[:0], op, param)
			for _, v := range vars {
				from, ok := registryCredential(v)
				if !ok || !carriesValue(v) {
					continue
				}
				what := fmt.Sprintf("%q in %s", v.Key, v.Param)
				if from != "" {
					what = fmt.Sprintf("%q in %s (read from %q)", v.Key, v.Param, from)
				}
				pass.Report(analysis.Diagnostic{
					Start: v.Loc.Start, End: v.Loc.End,
					Message: fmt.Sprintf("%s does not authenticate the image pull; %s", what, pullAuthHint(op)),
					Related: envRelated(v),
				})
			}
		}
	}
	return nil
}

// pullAuthHint says how the call's image pull gets credentials.
func pullAuthHint(op *airflow.OpCall) string {
	reg := imageRegistry(op)
	if _, conn, present := connID(op); present {
		if conn != "" {
			return fmt.Sprintf("only docker_conn_id %q does: keep the registry credentials in that Docker connection", conn)
		}
		return "only docker_conn_id does: keep the registry credentials in that Docker connection"
	}
	if reg == "" {
		return "set docker_conn_id to a Docker connection for the image's registry"
	}
	return fmt.Sprintf("set docker_conn_id to a Docker connection for %s", reg)
}

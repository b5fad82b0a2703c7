package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// ArgumentIgnoredBySwarm reports DockerOperator arguments that
// DockerSwarmOperator accepts and silently drops.
var ArgumentIgnoredBySwarm = &analysis.Rule{
	ID:        "DAG207",
	Name:      "argument-ignored-by-swarm",
	Severity:  analysis.Warning,
	Tags:      []string{"correctness"},
	Precision: "very-high",
	Doc: analysis.Doc{
		Summary: "a DockerSwarmOperator gets an argument it accepts but never uses",
		What: `Reports a keyword of a DockerSwarmOperator call (the call, ` + "`partial`" + `,
` + "`expand`" + ` or a ` + "`**mapping`" + ` the file defines) that DockerSwarmOperator inherits from
DockerOperator but never passes to the Swarm service it creates:
` + "`private_environment`" + `, ` + "`env_file`" + `, ` + "`network_mode`" + `, ` + "`privileged`" + `, ` + "`cap_add`" + `,
` + "`port_bindings`" + `, ` + "`container_name`" + `, ` + "`entrypoint`" + `, ` + "`working_dir`" + `, ` + "`cpus`" + `,
` + "`dns`" + `, ` + "`extra_hosts`" + `, ` + "`shm_size`" + `, ` + "`force_pull`" + ` and the others listed in the
project's parameter data (verified in the docker provider's
` + "`operators/docker_swarm.py`" + `: ` + "`execute()`" + ` runs only ` + "`_run_service()`" + `, which builds
the service from image, command, args, mounts, environment, user, tty, configs,
secrets, networks, placement, resources and the log driver). The level is
error for ` + "`private_environment`" + ` and ` + "`env_file`" + `: their variables, usually
secrets, never reach the container. A value that changes nothing (None,
False, an empty string, list or dict) is not reported, nor are arguments that
come only from a shared ` + "`default_args`" + ` (other operators may need them), nor
calls of a subclass (it may use them itself).`,
		Why: `Nothing fails: the task runs, without the setting. A secret moved from
` + "`environment`" + ` to ` + "`private_environment`" + ` (the usual advice for DockerOperator) is
simply missing in the Swarm service, and the job fails later for a reason
nobody connects with the argument.`,
		Example: `from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator

DockerSwarmOperator(
    task_id="report",
    image="registry.example.com/etl/report:2.1",
    docker_conn_id="registry",
    private_environment={"DB_URL": "{{ conn.warehouse.get_uri() }}"},
)
`,
		UseInstead: `from docker.types import SecretReference

from airflow.providers.docker.operators.docker_swarm import DockerSwarmOperator

DockerSwarmOperator(
    task_id="report",
    image="registry.example.com/etl/report:2.1",
    docker_conn_id="registry",
    secrets=[SecretReference(secret_id="abc123", secret_name="warehouse_url")],
)
`,
		Since: "0.2.0",
		Fix:   "none (the Swarm equivalent, if any, depends on the setting: secrets=, configs=, networks=, container_resources=)",
	},
	Run: runArgumentIgnoredBySwarm,
}

func runArgumentIgnoredBySwarm(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !isSwarm(op) || op.IsSubclass() {
			continue
		}
		for name, a := range op.Args {
			ignored, secretsLost := airflow.SwarmIgnored(name)
			if !ignored || a.Source == airflow.FromDefaultArgs || noEffect(a) {
				continue
			}
			d := analysis.Diagnostic{
				Start: a.KeyRange.Start, End: a.KeyRange.End,
				Message: fmt.Sprintf("DockerSwarmOperator accepts %s but never passes it to the Swarm service it creates, so the setting has no effect%s",
					name, swarmAdvice(name)),
			}
			if secretsLost {
				d.Severity = analysis.Error
				d.Message = fmt.Sprintf("DockerSwarmOperator never passes %s to the Swarm service: its variables (often secrets) silently never reach the container; "+
					"give secrets with secrets=[SecretReference(...)] (Docker secrets) and plain variables in environment", name)
			}
			pass.Report(d)
		}
	}
	return nil
}

// noEffect reports whether every value the argument may take is one that
// changes nothing whether or not it is used: None, False, "", [] or {}.
func noEffect(a *airflow.Arg) bool {
	vals := a.Located()
	if len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		switch x := v.Value; {
		case isNone(x), x.Kind == airflow.Const && x.Str == "False":
		case x.Kind == airflow.String && x.Str == "":
		case x.Kind == airflow.List && len(x.Elems()) == 0 && !x.Partial:
		case x.Kind == airflow.Dict && len(x.Entries()) == 0 && !x.Partial:
		default:
			return false
		}
	}
	return true
}

// swarmAdvice names the Swarm-side way to get what the argument was for.
func swarmAdvice(name string) string {
	switch name {
	case "network_mode":
		return "; attach the service to networks with networks=[...]"
	case "cpus":
		return "; limit CPU with container_resources=Resources(cpu_limit=...)"
	case "force_pull":
		return "; Swarm nodes resolve and pull the image when the service is created"
	case "privileged", "cap_add":
		return "; Swarm services cannot run privileged or add capabilities through this operator"
	}
	return ""
}

package rules

import (
	"github.com/daglint/daglint/internal/analysis"
)

// PrivilegedContainer reports Docker containers started with privileged=True.
var PrivilegedContainer = &analysis.Rule{
	ID:               "DAG401",
	Name:             "privileged-container",
	Severity:         analysis.Warning,
	Tags:             []string{"security", "runtime"},
	SecuritySeverity: 7.5,
	Precision:        "very-high",
	Doc: analysis.Doc{
		Summary: "a Docker task runs its container with privileged=True",
		What: `Reports ` + "`privileged=True`" + ` reaching a DockerOperator or ` + "`@task.docker`" + ` call
from the call, partial/expand (any expanded value), a mapping or default_args.
DockerSwarmOperator is not reported: Swarm services have no privileged mode and
the operator does not pass the flag on.` + "\n\n" + subclassDoc,
		Why: `A privileged container gets every Linux capability, every host device and
no seccomp or AppArmor confinement: a process in it is root on the worker host
and can mount the host's disks, load kernel modules and read the credentials of
every other task on that worker. The image then decides what happens to the
worker, so a compromised or typo-squatted image owns it.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="net_probe",
    image="registry.example.com/tools/netprobe:1.2",
    docker_conn_id="registry",
    privileged=True,
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="net_probe",
    image="registry.example.com/tools/netprobe:1.2",
    docker_conn_id="registry",
    cap_add=["NET_ADMIN", "NET_RAW"],
)
`,
		Since: "0.1.0",
		Fix:   "none (the capabilities the job needs cannot be derived)",
	},
	Run: runPrivilegedContainer,
}

func runPrivilegedContainer(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() || isSwarm(op) {
			continue // Kubernetes has its own security context; Swarm has no privileged mode
		}
		a := op.Arg("privileged")
		if a == nil {
			continue
		}
		for v := range a.EachLocated {
			if !v.Value.IsTrue() {
				continue // False, None, unknown: nothing to say
			}
			pass.Report(analysis.Diagnostic{
				Start: a.KeyRange.Start, End: a.KeyRange.End,
				Message: "privileged=True makes the container root on the worker host (every capability and device, no seccomp or AppArmor); " +
					`grant only the capabilities the job needs with cap_add=["..."]`,
				Related: related(a.Value, a.KeyRange, "privileged"),
			})
			break
		}
	}
	return nil
}

package rules

import (
	"fmt"

	"github.com/daglint/daglint/internal/airflow"
	"github.com/daglint/daglint/internal/analysis"
)

// HostNetwork reports Docker containers sharing the worker's network stack.
var HostNetwork = &analysis.Rule{
	ID:               "DAG404",
	Name:             "host-network",
	Severity:         analysis.Note,
	Tags:             []string{"security", "runtime"},
	SecuritySeverity: 3.0,
	Precision:        "very-high",
	Doc: analysis.Doc{
		Summary: "a Docker task runs its container with network_mode=\"host\"",
		What: `Reports ` + "`network_mode=\"host\"`" + ` reaching a DockerOperator or ` + "`@task.docker`" + `
call (from the call, partial/expand, a mapping or default_args). Templated and
unresolved values are not reported, nor is DockerSwarmOperator, which ignores
network_mode (Swarm services use ` + "`networks`" + `). The level is note: host
networking is sometimes a deliberate choice, but it should be a visible one.`,
		Why: `With host networking the container has no network isolation from the worker:
it reaches every service that listens only on the worker's loopback interface
(a Docker API on tcp://localhost:2375, the metadata database, a local
secrets agent), it can bind any port of the worker, and a port clash with
another task or the worker itself makes the task fail.`,
		Example: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="scrape",
    image="registry.example.com/data/scraper:2.0",
    docker_conn_id="registry",
    network_mode="host",
)
`,
		UseInstead: `from airflow.providers.docker.operators.docker import DockerOperator

DockerOperator(
    task_id="scrape",
    image="registry.example.com/data/scraper:2.0",
    docker_conn_id="registry",
    network_mode="scraper-net",
)
`,
		Since: "0.1.0",
		Fix:   "none (the network the job needs cannot be derived)",
	},
	Run: runHostNetwork,
}

func runHostNetwork(pass *analysis.Pass) error {
	for _, op := range pass.Model.Calls {
		if !op.IsDocker() || isSwarm(op) {
			continue // Kubernetes uses hostNetwork; Swarm ignores network_mode
		}
		a := op.Arg("network_mode")
		for v := range a.EachLocated {
			if v.Value.Kind != airflow.String || v.Value.Str != "host" {
				continue // bridge, none, container:<id>, a named network, or unresolved
			}
			pass.Report(analysis.Diagnostic{
				Start: v.Loc.Start, End: v.Loc.End,
				Message: fmt.Sprintf("network_mode %q puts the container in the worker's network namespace, so it reaches every service bound to the worker's localhost and can take any of its ports; "+
					"use the default bridge network or a named network", v.Value.Str),
				Related: related(v.Value, v.Loc, "network_mode"),
			})
		}
	}
	return nil
}
